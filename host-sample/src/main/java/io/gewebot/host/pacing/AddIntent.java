package io.gewebot.host.pacing;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A wish to send one friend request, as an {@code /add} command expressed it.
 *
 * @param appId the device id of the account that is to send it
 * @param target whom to add: a wxid, WeChat ID or phone number, as typed
 * @param greeting the greeting, empty for the plugin's default
 * @param requestedBy the wxid of the person who asked for it
 * @param replyTo the conversation to report the outcome to
 */
public record AddIntent(String appId, String target, Optional<String> greeting, String requestedBy, String replyTo) {

    /**
     * Checks the parts.
     *
     * @throws NullPointerException when a part is {@code null}
     * @throws IllegalArgumentException when the app id or the target is blank
     */
    public AddIntent {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(greeting, "greeting");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(replyTo, "replyTo");
        if (appId.isBlank()) {
            throw new IllegalArgumentException("appId must not be blank");
        }
        if (target.isBlank()) {
            throw new IllegalArgumentException("target must not be blank");
        }
    }

    /**
     * The target as duplicates are recognised: without surrounding white space, in lower case
     * (WeChat IDs are not case-sensitive, so {@code Alice} and {@code alice} are one person).
     *
     * @return the comparison key
     */
    String targetKey() {
        return keyOf(target);
    }

    static String keyOf(String target) {
        return target.strip().toLowerCase(Locale.ROOT);
    }
}
