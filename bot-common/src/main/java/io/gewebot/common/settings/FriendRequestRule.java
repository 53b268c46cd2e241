package io.gewebot.common.settings;

import io.gewebot.api.FriendRequest;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One friend-request rule of the configuration file.
 *
 * <p>A rule matches a request when every condition it has holds: one of {@code greetingContains} is in
 * the greeting (compared without regard to case, full-width and half-width forms alike),
 * {@code greetingMatches} finds a match in the greeting, and the request's scene is one of
 * {@code scenes}. A rule without conditions matches every request.
 *
 * @param name the rule's name, shown in notices, {@code /history} and {@code /rules}; never blank
 * @param greetingContains texts of which one must be in the greeting; empty for no such condition
 * @param greetingMatches a regular expression that must find a match in the greeting
 * @param scenes scenes of which the request's must be one; empty for any
 * @param action what to do with a matched request
 * @param welcome a text sent to the new friend once, after an accept succeeded
 * @param remark the remark set on the new friend after an accept
 * @param labels label names the new friend is filed under after an accept; empty for none
 */
public record FriendRequestRule(String name, List<String> greetingContains, Optional<Pattern> greetingMatches,
        Set<Integer> scenes, RuleAction action, Optional<String> welcome, Optional<String> remark,
        List<String> labels) {

    /**
     * Checks and copies the parts.
     *
     * @throws NullPointerException when a part is {@code null}
     * @throws IllegalArgumentException when the name is blank
     */
    public FriendRequestRule {
        Objects.requireNonNull(name, "name");
        greetingContains = List.copyOf(greetingContains);
        Objects.requireNonNull(greetingMatches, "greetingMatches");
        scenes = Set.copyOf(scenes);
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(welcome, "welcome");
        Objects.requireNonNull(remark, "remark");
        labels = List.copyOf(labels);
        if (name.isBlank()) {
            throw new IllegalArgumentException("a rule needs a name");
        }
    }

    /**
     * @param request a friend request
     * @return whether every condition of this rule holds for it
     */
    public boolean matches(FriendRequest request) {
        Objects.requireNonNull(request, "request");
        if (!scenes.isEmpty() && !scenes.contains(request.scene())) {
            return false;
        }
        if (!greetingContains.isEmpty()) {
            String greeting = folded(request.greeting());
            if (greetingContains.stream().noneMatch(text -> greeting.contains(folded(text)))) {
                return false;
            }
        }
        return greetingMatches.map(p -> p.matcher(request.greeting()).find()).orElse(true);
    }

    /** @return whether an accept by this rule is followed by anything (a welcome, a remark or labels) */
    public boolean hasFollowUps() {
        return welcome.isPresent() || remark.isPresent() || !labels.isEmpty();
    }

    /**
     * Text as compared by {@code greetingContains}: full-width letters, digits and signs as their
     * half-width forms (Unicode compatibility normalisation), then in lower case.
     */
    public static String folded(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }
}
