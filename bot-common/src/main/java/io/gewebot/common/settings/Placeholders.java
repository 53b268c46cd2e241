package io.gewebot.common.settings;

import io.gewebot.api.FriendRequest;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills in a rule's texts ({@code welcome}, {@code remark}): {@code {nickname}}, {@code {wxid}},
 * {@code {greeting}}, {@code {scene}} and {@code {date}} (the day of the answer, {@code yyyy-MM-dd}).
 * A nickname that is empty is filled in as the wxid. Any other text in braces stays as it is; the
 * configuration file refuses unknown placeholders at start.
 */
public final class Placeholders {

    /** The placeholders a rule's texts may use. */
    public static final Set<String> NAMES = Set.of("nickname", "wxid", "greeting", "scene", "date");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

    private Placeholders() {
    }

    /**
     * @param template a rule's text
     * @param request the request it answers
     * @param date the day of the answer
     * @return the text with every known placeholder filled in
     */
    public static String render(String template, FriendRequest request, LocalDate date) {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(date, "date");
        Map<String, String> values = Map.of(
                "nickname", request.nickname().isBlank() ? request.fromWxid() : request.nickname(),
                "wxid", request.fromWxid(),
                "greeting", request.greeting(),
                "scene", Integer.toString(request.scene()),
                "date", date.toString());
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * @param template a rule's text
     * @return the first placeholder in it that is not one of {@link #NAMES}, if any
     */
    public static Optional<String> firstUnknown(String template) {
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (!NAMES.contains(m.group(1))) {
                return Optional.of(m.group());
            }
        }
        return Optional.empty();
    }
}
