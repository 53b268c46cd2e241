package io.gewebot.host.login;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@code login} runs, as read from its command line and the environment.
 *
 * @param geweBaseUrl GeWe's base URL with its path prefix
 * @param geweToken the token given; empty to use the saved one, or to ask a self-hosted GeWe for one
 * @param geweAppId the device given; empty to use the saved one, or to log a new device in
 * @param dataDir where {@code account.json} and {@code login-qr.png} are written
 * @param loginType the hosted service's device type, {@code ipad} or {@code mac}; sent only when given
 * @param regionId the hosted service's region; sent only when given
 * @param language {@code en} or {@code zh}
 * @param geweResponseTimeout how long one GeWe call may take
 * @param pollInterval how long to wait between two questions about the scan
 * @param timeout how long the whole login may take
 */
public record LoginConfig(String geweBaseUrl, String geweToken, String geweAppId, Path dataDir,
        Optional<String> loginType, Optional<String> regionId, String language, Duration geweResponseTimeout,
        Duration pollInterval, Duration timeout) {

    /** Checks that nothing is missing. */
    public LoginConfig {
        Objects.requireNonNull(geweBaseUrl, "geweBaseUrl");
        Objects.requireNonNull(geweToken, "geweToken");
        Objects.requireNonNull(geweAppId, "geweAppId");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(loginType, "loginType");
        Objects.requireNonNull(regionId, "regionId");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(geweResponseTimeout, "geweResponseTimeout");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** Never shows the token. */
    @Override
    public String toString() {
        return "LoginConfig[gewe=" + geweBaseUrl + ", appId=" + geweAppId + ", token="
                + (geweToken.isEmpty() ? "(none)" : SavedAccount.masked(geweToken)) + ", data=" + dataDir
                + ", type=" + loginType.orElse("-") + ", region=" + regionId.orElse("-") + "]";
    }
}
