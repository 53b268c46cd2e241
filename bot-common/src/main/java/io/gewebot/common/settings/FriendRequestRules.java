package io.gewebot.common.settings;

import io.gewebot.api.FriendRequest;

import java.util.List;
import java.util.Optional;

/**
 * The {@code friendRequests} part of the configuration file: the rules in their order, and how many
 * answers they may give in any 24 hours.
 *
 * @param autoAnswerDailyCap answers given by rules in any 24 hours; beyond it, admins are asked
 * @param rules the rules; the first that matches a request decides
 */
public record FriendRequestRules(int autoAnswerDailyCap, List<FriendRequestRule> rules) {

    /** The cap when the file names none. */
    public static final int DEFAULT_AUTO_ANSWER_DAILY_CAP = 50;

    /**
     * Checks and copies the parts.
     *
     * @throws IllegalArgumentException when the cap is negative
     */
    public FriendRequestRules {
        rules = List.copyOf(rules);
        if (autoAnswerDailyCap < 0) {
            throw new IllegalArgumentException("autoAnswerDailyCap must not be negative");
        }
    }

    /** @return no rules: every request is left to the admins */
    public static FriendRequestRules none() {
        return new FriendRequestRules(DEFAULT_AUTO_ANSWER_DAILY_CAP, List.of());
    }

    /**
     * @param request a friend request
     * @return the first rule that matches it, if any
     */
    public Optional<FriendRequestRule> firstMatch(FriendRequest request) {
        return rules.stream().filter(rule -> rule.matches(request)).findFirst();
    }
}
