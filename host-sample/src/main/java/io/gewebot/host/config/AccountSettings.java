package io.gewebot.host.config;

import io.gewebot.common.settings.FriendRequestRules;
import io.gewebot.common.settings.PacingSettings;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One of the file's {@code accounts:}, as the file says it: each key left out is empty here, and the
 * caller fills it in from the flags and variables. Every value is checked as its flag's would be, and
 * {@code ${VAR}} in a text has been read from the environment.
 *
 * @param appId the account's device id
 * @param line the line the account starts on, for refusals that span the file and the flags
 * @param baseUrl {@code baseUrl}
 * @param token {@code token} (secret: never shown)
 * @param admins {@code admins}
 * @param language {@code lang}: {@code en} or {@code zh}
 * @param defaultGreeting {@code defaultGreeting}
 * @param commandMaxAge {@code commandMaxAge}
 * @param geweVariant {@code geweVariant}: {@code self-hosted} or {@code hosted}
 * @param pacing {@code pacing:}
 * @param friendRequestRules the account's own {@code friendRequests:}
 */
public record AccountSettings(String appId, int line, Optional<String> baseUrl, Optional<String> token,
        Optional<Set<String>> admins, Optional<String> language, Optional<String> defaultGreeting,
        Optional<Duration> commandMaxAge, Optional<String> geweVariant, PacingSettings pacing,
        Optional<FriendRequestRules> friendRequestRules) {

    /**
     * Checks the parts.
     *
     * @throws NullPointerException when a part is {@code null}
     */
    public AccountSettings {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(token, "token");
        admins = admins.map(Set::copyOf);
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(defaultGreeting, "defaultGreeting");
        Objects.requireNonNull(commandMaxAge, "commandMaxAge");
        Objects.requireNonNull(geweVariant, "geweVariant");
        Objects.requireNonNull(pacing, "pacing");
        Objects.requireNonNull(friendRequestRules, "friendRequestRules");
    }

    /** @return a description with the token hidden */
    @Override
    public String toString() {
        return "AccountSettings[appId=" + appId + ", line=" + line + ", baseUrl=" + baseUrl.orElse("(flag)")
                + ", token=" + token.map(t -> "***").orElse("(flag)") + ", admins=" + admins + ", lang=" + language
                + ", pacing=" + pacing + "]";
    }
}
