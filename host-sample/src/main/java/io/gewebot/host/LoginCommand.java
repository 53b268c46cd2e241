package io.gewebot.host;

import io.gewebot.host.login.LoginConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code login}: logs the account in by QR code and saves it for the host. The GeWe options are the
 * host's; those of the hosted service ({@code --login-type}, {@code --region-id}) are sent only when given.
 */
@Command(name = "login", sortOptions = false, usageHelpWidth = 110, synopsisHeading = "Usage: ",
        customSynopsis = "java -jar host-sample.jar login [OPTIONS]",
        descriptionHeading = "%n",
        description = {"Logs the WeChat account in by QR code and saves token, appId and wxid in "
            + "<data-dir>/account.json, where the host finds them.",
            "Each option falls back to its environment variable, then to its default."},
        optionListHeading = "%nOptions:%n")
final class LoginCommand {

    @Spec
    CommandSpec spec;

    @Option(names = "--gewe-base-url", paramLabel = "<url>", description = "GeWe base URL including its path prefix")
    @Env(value = "GEWE_BASE_URL", unset = "none: login needs it")
    String geweBaseUrl = "";

    @Mixin
    GeweAccountOptions gewe = new GeweAccountOptions();

    @Option(names = "--data-dir", paramLabel = "<dir>", description = "where account.json and login-qr.png are written")
    @Env(value = "BOT_DATA_DIR", unset = "data/ in the working directory")
    Path dataDir;

    @Option(names = "--login-type", paramLabel = "<ipad|mac>",
            description = "hosted GeWe only: the device type to log in as; unset: not sent")
    @Env("GEWE_LOGIN_TYPE")
    String loginType = "";

    @Option(names = "--region-id", paramLabel = "<id>",
            description = "hosted GeWe only: the region of the device; unset: not sent")
    @Env("GEWE_REGION_ID")
    String regionId = "";

    @Option(names = "--timeout", paramLabel = "<duration>", defaultValue = "10m",
            description = "how long the whole login may take")
    @Env("BOT_LOGIN_TIMEOUT")
    Duration timeout;

    @Option(names = "--lang", paramLabel = "<lang>", defaultValue = "en", description = "language: en or zh")
    @Env("BOT_LANG")
    String language;

    @Option(names = "--gewe-timeout", paramLabel = "<duration>", defaultValue = "30s",
            description = "how long one GeWe call may take")
    @Env("BOT_GEWE_TIMEOUT")
    Duration geweTimeout;

    // GeWe asks for a question every 5 s; only tests ask faster.
    @Option(names = "--poll-interval", hidden = true, defaultValue = "5s")
    Duration pollInterval;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help and exit")
    boolean help;

    LoginConfig config() throws ConfigException {
        String baseUrl = GeweAccountOptions.baseUrl(spec, geweBaseUrl).orElseThrow(() -> CommandLines.bad(spec, "--gewe-base-url",
                "must be given: login is for a real GeWe (the embedded sandbox needs none)"));
        String lang = language.strip().toLowerCase(Locale.ROOT);
        if (!lang.equals("en") && !lang.equals("zh")) {
            throw CommandLines.bad(spec, "--lang", "must be en or zh, not '" + lang + "'");
        }
        String type = loginType.strip().toLowerCase(Locale.ROOT);
        if (!type.isEmpty() && !type.equals("ipad") && !type.equals("mac")) {
            throw CommandLines.bad(spec, "--login-type", "must be ipad or mac");
        }
        if (pollInterval.isZero() || timeout.isZero()) {
            throw CommandLines.bad(spec, pollInterval.isZero() ? "--poll-interval" : "--timeout", "must be longer than 0");
        }
        return new LoginConfig(baseUrl, gewe.token(), gewe.appId(), CommandLines.folder(dataDir, Path.of("data")),
                Optional.of(type).filter(t -> !t.isEmpty()), Optional.of(regionId.strip()).filter(r -> !r.isEmpty()),
                lang, geweTimeout, pollInterval, timeout);
    }
}
