package io.gewebot.host;

import io.gewebot.host.login.AccountFile;
import io.gewebot.host.login.SavedAccount;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The GeWe account options the host and {@code login} share, declared once. The base URL is each
 * command's own: unset, the host starts its embedded sandbox, while {@code login} needs a real GeWe.
 */
final class GeweAccountOptions {

    @Option(names = "--gewe-token", paramLabel = "<token>",
            description = "GeWe token, sent as X-GEWE-TOKEN; unset: the one login saved")
    @Env("GEWE_TOKEN")
    String geweToken = "";

    @Option(names = "--gewe-app-id", paramLabel = "<appId>",
            description = "the account's device id (appId); unset: the one login saved")
    @Env("GEWE_APP_ID")
    String geweAppId = "";

    static Optional<String> baseUrl(CommandSpec spec, String geweBaseUrl) throws ConfigException {
        Optional<String> baseUrl = Optional.of(geweBaseUrl.strip()).filter(s -> !s.isEmpty());
        if (baseUrl.isPresent() && !baseUrl.get().matches("(?i)https?://\\S+")) {
            throw CommandLines.bad(spec, "--gewe-base-url", "must be an http(s) URL");
        }
        return baseUrl;
    }

    String token() {
        return geweToken.strip();
    }

    String appId() {
        return geweAppId.strip();
    }

    static Optional<SavedAccount> saved(Path dataDir) throws ConfigException {
        try {
            return AccountFile.read(dataDir);
        } catch (IOException e) {
            throw new ConfigException(e.getMessage() + "; run login again, or give --gewe-token and --gewe-app-id");
        }
    }
}
