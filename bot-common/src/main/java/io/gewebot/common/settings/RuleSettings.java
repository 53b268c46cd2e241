package io.gewebot.common.settings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * The friend-request rules as an account's settings carry them: one key a value, each key the path the
 * configuration file gives it, lists counted from 0.
 *
 * <pre>
 * friendRequests.autoAnswerDailyCap         = 50
 * friendRequests.rules[0].name              = join
 * friendRequests.rules[0].greetingContains[0] = join
 * friendRequests.rules[0].greetingMatches   = ^\d{4}$
 * friendRequests.rules[0].scenes[0]         = 3
 * friendRequests.rules[0].action            = accept        (accept, reject or ask)
 * friendRequests.rules[0].welcome           = Hi {nickname}
 * friendRequests.rules[0].remark            = from group
 * friendRequests.rules[0].labels[0]         = customers
 * </pre>
 *
 * Without any {@code friendRequests.} key there are no rules and the cap is
 * {@value FriendRequestRules#DEFAULT_AUTO_ANSWER_DAILY_CAP}: every request waits for an admin.
 */
public final class RuleSettings {

    /** What every key of the rules starts with. */
    public static final String PREFIX = "friendRequests.";

    private RuleSettings() {
    }

    /**
     * Writes rules as settings.
     *
     * @param rules the rules
     * @return their keys and values, in the rules' order
     */
    public static Map<String, String> write(FriendRequestRules rules) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(PREFIX + "autoAnswerDailyCap", Integer.toString(rules.autoAnswerDailyCap()));
        for (int i = 0; i < rules.rules().size(); i++) {
            FriendRequestRule rule = rules.rules().get(i);
            String at = PREFIX + "rules[" + i + "].";
            out.put(at + "name", rule.name());
            list(out, at + "greetingContains", rule.greetingContains());
            rule.greetingMatches().ifPresent(p -> out.put(at + "greetingMatches", p.pattern()));
            list(out, at + "scenes", rule.scenes().stream().sorted().map(String::valueOf).toList());
            out.put(at + "action", rule.action().name().toLowerCase(Locale.ROOT));
            rule.welcome().ifPresent(w -> out.put(at + "welcome", w));
            rule.remark().ifPresent(r -> out.put(at + "remark", r));
            list(out, at + "labels", rule.labels());
        }
        return out;
    }

    /**
     * Reads the rules from settings.
     *
     * @param settings an account's settings
     * @return the rules; none when no key is there
     * @throws IllegalArgumentException naming the key whose value cannot be read
     */
    public static FriendRequestRules read(Map<String, String> settings) {
        Objects.requireNonNull(settings, "settings");
        SettingsReader reader = new SettingsReader(settings);
        int cap = reader.count(PREFIX + "autoAnswerDailyCap", FriendRequestRules.DEFAULT_AUTO_ANSWER_DAILY_CAP);
        if (cap < 0) {
            throw new IllegalArgumentException("setting " + PREFIX + "autoAnswerDailyCap: must not be negative");
        }
        List<FriendRequestRule> rules = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; settings.containsKey(PREFIX + "rules[" + i + "].name")
                || settings.containsKey(PREFIX + "rules[" + i + "].action"); i++) {
            String at = PREFIX + "rules[" + i + "].";
            String name = text(settings, at + "name").orElseThrow(() -> refused(at + "name", "a rule needs a name"));
            if (!names.add(name)) {
                throw refused(at + "name", "'" + name + "' is the name of an earlier rule too");
            }
            String said = text(settings, at + "action").orElseThrow(() -> refused(at + "action", "missing"));
            RuleAction action = Stream.of(RuleAction.values())
                    .filter(a -> a.name().toLowerCase(Locale.ROOT).equals(said)).findFirst()
                    .orElseThrow(() -> refused(at + "action", "must be accept, reject or ask, not '" + said + "'"));
            Optional<Pattern> matches = text(settings, at + "greetingMatches").map(regex -> {
                try {
                    return Pattern.compile(regex);
                } catch (PatternSyntaxException e) {
                    throw refused(at + "greetingMatches", "not a regular expression: " + e.getDescription());
                }
            });
            Set<Integer> scenes = new LinkedHashSet<>();
            for (String scene : list(settings, at + "scenes")) {
                try {
                    scenes.add(Integer.parseInt(scene.strip()));
                } catch (NumberFormatException e) {
                    throw refused(at + "scenes", "'" + scene + "' is not a whole number");
                }
            }
            Optional<String> welcome = template(settings, at + "welcome");
            Optional<String> remark = template(settings, at + "remark");
            rules.add(new FriendRequestRule(name, list(settings, at + "greetingContains"), matches, scenes, action,
                    welcome, remark, list(settings, at + "labels")));
        }
        return new FriendRequestRules(cap, rules);
    }

    private static void list(Map<String, String> out, String key, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            out.put(key + "[" + i + "]", values.get(i));
        }
    }

    private static List<String> list(Map<String, String> settings, String key) {
        List<String> values = new ArrayList<>();
        for (int i = 0; settings.containsKey(key + "[" + i + "]"); i++) {
            values.add(settings.get(key + "[" + i + "]"));
        }
        return values;
    }

    /** A rule's text with placeholders: every one of them must be known. */
    private static Optional<String> template(Map<String, String> settings, String key) {
        Optional<String> template = text(settings, key);
        template.flatMap(Placeholders::firstUnknown).ifPresent(unknown -> {
            throw refused(key, "unknown placeholder " + unknown + "; known: " + String.join(", ", Placeholders.NAMES));
        });
        return template;
    }

    private static Optional<String> text(Map<String, String> settings, String key) {
        return Optional.ofNullable(settings.get(key)).filter(t -> !t.isBlank());
    }

    private static IllegalArgumentException refused(String key, String why) {
        return new IllegalArgumentException("setting " + key + ": " + why);
    }
}
