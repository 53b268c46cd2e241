package io.gewebot.commands.chat;

import io.gewebot.common.settings.FriendRequestRules;
import io.gewebot.common.settings.RuleSettings;
import io.gewebot.common.settings.SettingsReader;
import io.gewebot.common.settings.PacingPolicy;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the contact commands read from an account's settings ({@link io.gewebot.api.chat.ChatContext#settings()})
 * when they start: the pacing, how old a command may be, the friend-request rules, the language of the
 * replies and how long one call of the contact extension may take.
 *
 * @param pacing the pacing policy
 * @param commandMaxAge a command written longer ago than this is not carried out
 * @param rules the friend-request rules
 * @param language the replies' language: {@code en} or {@code zh}
 * @param callTimeout how long one call of the contact extension may take before the command fails
 */
record CommandSettings(PacingPolicy pacing, Duration commandMaxAge, FriendRequestRules rules, String language,
        Duration callTimeout) {

    /** How old a command may be when no {@code commandMaxAge} setting says otherwise: as the host's flag. */
    static final Duration COMMAND_MAX_AGE = Duration.ofMinutes(10);
    /** How long a call of the contact extension may take when no {@code callTimeout} says otherwise. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(45);

    CommandSettings {
        Objects.requireNonNull(pacing, "pacing");
        Objects.requireNonNull(commandMaxAge, "commandMaxAge");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(callTimeout, "callTimeout");
    }

    /**
     * @param settings the account's settings
     * @return what they say, missing keys at their safe defaults
     * @throws IllegalArgumentException when a value cannot be read; the message names its key
     */
    static CommandSettings of(Map<String, String> settings) {
        SettingsReader reader = new SettingsReader(settings);
        String language = Optional.ofNullable(settings.get("lang")).map(String::strip).filter(l -> !l.isEmpty())
                .orElse("en");
        if (!language.equals("en") && !language.equals("zh")) {
            throw new IllegalArgumentException("setting lang: must be en or zh, not '" + language + "'");
        }
        Duration callTimeout = reader.duration("callTimeout", CALL_TIMEOUT);
        if (callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("setting callTimeout: must be longer than 0");
        }
        return new CommandSettings(PacingPolicy.fromSettings(settings),
                reader.duration("commandMaxAge", COMMAND_MAX_AGE), RuleSettings.read(settings), language, callTimeout);
    }
}
