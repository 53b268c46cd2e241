package io.gewebot.host.chat;

import io.gewebot.host.pacing.PacingPolicy;
import io.gewebot.host.pacing.SettingsReader;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What the contact commands read from an account's settings ({@link io.gewebot.api.chat.ChatContext#settings()})
 * when they start: the pacing, and how old a command may be.
 *
 * @param pacing the pacing policy
 * @param commandMaxAge a command written longer ago than this is not carried out
 */
record CommandSettings(PacingPolicy pacing, Duration commandMaxAge) {

    /** How old a command may be when no {@code commandMaxAge} setting says otherwise: as the host's flag. */
    static final Duration COMMAND_MAX_AGE = Duration.ofMinutes(10);

    CommandSettings {
        Objects.requireNonNull(pacing, "pacing");
        Objects.requireNonNull(commandMaxAge, "commandMaxAge");
    }

    /**
     * @param settings the account's settings
     * @return what they say, missing keys at their safe defaults
     * @throws IllegalArgumentException when a value cannot be read; the message names its key
     */
    static CommandSettings of(Map<String, String> settings) {
        return new CommandSettings(PacingPolicy.fromSettings(settings),
                new SettingsReader(settings).duration("commandMaxAge", COMMAND_MAX_AGE));
    }
}
