package io.gewebot.host;

import io.gewebot.common.settings.FriendRequestRules;
import io.gewebot.common.settings.PacingPolicy;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One WeChat account the host serves: its GeWe, its admins and what it says, its pacing and rules.
 * Its callbacks are those naming its {@code appId}.
 *
 * @param appId the account's device id
 * @param geweBaseUrl its GeWe base URL; empty on the embedded sandbox
 * @param geweToken its GeWe token (secret)
 * @param admins wxids allowed to run commands through this account
 * @param language its reply language, {@code en} or {@code zh}
 * @param defaultGreeting the greeting of its {@code /add} without one
 * @param commandMaxAge a chat command written longer ago than this is not carried out
 * @param pacing its friend-request pacing rules
 * @param variant which GeWe it is on
 * @param variantGuessed whether the variant was guessed from the base URL
 * @param friendRequestRules its friend-request rules
 * @param accountWxid its own wxid as {@code login} saved it; empty when not known
 */
public record AccountConfig(String appId, Optional<String> geweBaseUrl, String geweToken, Set<String> admins,
        String language, String defaultGreeting, Duration commandMaxAge, PacingPolicy pacing, GeweVariant variant,
        boolean variantGuessed, FriendRequestRules friendRequestRules, String accountWxid) {

    /**
     * Checks the parts.
     *
     * @throws NullPointerException when a part is {@code null}
     */
    public AccountConfig {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(geweBaseUrl, "geweBaseUrl");
        Objects.requireNonNull(geweToken, "geweToken");
        admins = Set.copyOf(admins);
        Objects.requireNonNull(pacing, "pacing");
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(friendRequestRules, "friendRequestRules");
    }

    /** @return a description for the start-up log, with the token hidden */
    @Override
    public String toString() {
        return "Account[appId=" + appId + ", gewe=" + geweBaseUrl.orElse("(embedded sandbox)")
                + ", token=" + (geweToken.isEmpty() ? "(none)" : "***") + ", admins=" + admins + ", lang=" + language
                + ", addDailyCap=" + pacing.addDailyCap() + ", friendRequestRules=" + friendRequestRules.rules().size()
                + "]";
    }
}
