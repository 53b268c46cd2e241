package io.gewebot.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gewebot.host.http.AddressRange;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may give the host commands, as the command line says it: the callback secret a real GeWe
 * needs (given, made and kept, or left out on purpose), the callback allow-list and the metrics token.
 */
class HostConfigAccessTest {

    private static final String GEWE = "http://10.0.0.5:2531/v2/api";

    @TempDir
    Path dir;

    /** The command line as {@code main} reads it, against a real GeWe with an appId, in the test's data folder. */
    private HostConfig run(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--gewe-base-url", GEWE, "--gewe-app-id", "wx_app", "--data-dir",
                dir.resolve("data").toString()));
        all.addAll(List.of(args));
        return HostCommandLine.fromCommandLine(all, Map.of(), dir, new PrintWriter(new StringWriter())).orElseThrow();
    }

    @Test
    void aRealGeweWithoutSecretPublicUrlOrTheOpenFlagIsRefusedNamingAllThree() {
        assertThatThrownBy(this::run).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("a real GeWe needs a callback secret, or anyone who reaches port 8080 can give "
                        + "the bot commands")
                .hasMessageContaining("BOT_CALLBACK_SECRET").hasMessageContaining("--public-url")
                .hasMessageContaining("--allow-unauthenticated-callbacks");
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void withAPublicUrlASecretIsMadeOnceKeptOwnerOnlyAndTakenAgain() throws Exception {
        String made = run("--public-url", "http://203.0.113.5:8080").endpoint().callbackSecret();

        assertThat(made).matches("[A-Za-z0-9_-]{32}");
        Path kept = dir.resolve("data/callback-secret");
        assertThat(Files.readString(kept).strip()).isEqualTo(made);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kept))).isEqualTo("rw-------");
        try (var files = Files.list(dir.resolve("data"))) {
            assertThat(files).as("no temporary file left").containsExactly(kept);
        }
        assertThat(run("--public-url", "http://203.0.113.5:8080", "--allow-unauthenticated-callbacks").endpoint().callbackSecret())
                .isEqualTo(made);
        assertThat(run("--public-url", "http://203.0.113.5:8080").toString()).doesNotContain(made);
    }

    @Test
    void eachDataFolderGetsASecretOfItsOwn() throws Exception {
        String first = run("--public-url", "http://bot").endpoint().callbackSecret();
        String second = HostCommandLine.fromCommandLine(List.of("--gewe-base-url", GEWE, "--gewe-app-id", "wx_app",
                "--data-dir", dir.resolve("other").toString(), "--public-url", "http://bot"), Map.of(), dir,
                new PrintWriter(new StringWriter())).orElseThrow().endpoint().callbackSecret();

        assertThat(second).isNotEqualTo(first).matches("[A-Za-z0-9_-]{32}");
    }

    @Test
    void aKeptFileWithoutASecretIsRefusedWithoutQuotingIt() throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/callback-secret"), "short!secret");

        assertThatThrownBy(() -> run("--public-url", "http://bot")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("cannot keep the callback secret in " + dir.resolve("data/callback-secret"))
                .hasMessageNotContaining("short!secret");
    }

    @Test
    void aGivenSecretIsUsedAndNothingIsKept() throws Exception {
        assertThat(run("--callback-secret", "given-secret-0123456789", "--public-url", "http://bot").endpoint().callbackSecret())
                .isEqualTo("given-secret-0123456789");
        assertThat(dir.resolve("data/callback-secret")).doesNotExist();
    }

    @Test
    void theOpenFlagFromItsFlagOrVariableStartsWithoutASecret() throws Exception {
        assertThat(run("--allow-unauthenticated-callbacks").endpoint().callbackSecret()).isEmpty();
        assertThat(HostCommandLine.fromCommandLine(List.of("--gewe-base-url", GEWE, "--gewe-app-id", "wx_app"),
                Map.of("BOT_ALLOW_UNAUTHENTICATED_CALLBACKS", "true", "BOT_DATA_DIR", dir.toString()), dir,
                new PrintWriter(new StringWriter())).orElseThrow().endpoint().callbackSecret()).isEmpty();
        assertThatThrownBy(() -> run("--allow-unauthenticated-callbacks=false"))
                .hasMessageStartingWith("a real GeWe needs a callback secret");
    }

    @Test
    void theEmbeddedSandboxNeedsNoSecret() throws Exception {
        HostConfig c = HostCommandLine.fromCommandLine(List.of("--port", "0"), Map.of(), dir,
                new PrintWriter(new StringWriter())).orElseThrow();

        assertThat(c.endpoint().callbackSecret()).isEmpty();
    }

    @Test
    void theAllowListAndTheMetricsTokenComeFromTheirFlagsOrVariables() throws Exception {
        HostConfig fromFlags = HostCommandLine.parse(List.of("--callback-allow", "203.0.113.5, 10.0.0.0/8,2001:db8::/32",
                "--metrics-token", "scrape-0123"), Map.of(), dir);
        assertThat(fromFlags.access().callbackAllow()).map(AddressRange::toString)
                .containsExactly("203.0.113.5/32", "10.0.0.0/8", "2001:db8:0:0:0:0:0:0/32");
        assertThat(fromFlags.access().metricsToken()).isEqualTo("scrape-0123");
        assertThat(fromFlags.toString()).doesNotContain("scrape-0123").contains("metricsToken=***")
                .contains("callbackAllow=[203.0.113.5/32, 10.0.0.0/8, 2001:db8:0:0:0:0:0:0/32]");

        HostConfig fromEnv = HostCommandLine.parse(List.of(), Map.of("BOT_CALLBACK_ALLOW", "::1",
                "BOT_METRICS_TOKEN", "abc+/="), dir);
        assertThat(fromEnv.access().callbackAllow()).map(AddressRange::toString).containsExactly("0:0:0:0:0:0:0:1/128");
        assertThat(fromEnv.access().metricsToken()).isEqualTo("abc+/=");

        HostConfig unset = HostCommandLine.parse(List.of(), Map.of(), dir);
        assertThat(unset.access().callbackAllow()).isEmpty();
        assertThat(unset.access().metricsToken()).isEmpty();
    }

    @Test
    void aMalformedAllowListEntryOrMetricsTokenIsNamedWithItsVariable() {
        assertThatThrownBy(() -> HostCommandLine.parse(List.of("--callback-allow", "10.0.0.0/8,,::1"), Map.of(), dir))
                .hasMessageStartingWith("--callback-allow / BOT_CALLBACK_ALLOW must list IP addresses and CIDR ranges");
        assertThatThrownBy(() -> HostCommandLine.parse(List.of(), Map.of("BOT_CALLBACK_ALLOW", "gewe.example.com"), dir))
                .hasMessage("--callback-allow / BOT_CALLBACK_ALLOW must list IP addresses and CIDR ranges separated by "
                        + "commas: 'gewe.example.com' is not an IP address or a CIDR range such as 10.0.0.0/8 or "
                        + "2001:db8::/32");
        assertThatThrownBy(() -> HostCommandLine.parse(List.of("--metrics-token", "with space"), Map.of(), dir))
                .hasMessageStartingWith("--metrics-token / BOT_METRICS_TOKEN may hold only")
                .hasMessageNotContaining("with space");
    }

    @Test
    void helpListsTheNewFlagsWithTheirVariables() {
        String help = HostCommandLine.help().replaceAll("\\s+", " ");
        assertThat(help).contains("--allow-unauthenticated-callbacks[=<true|false>]")
                .contains("BOT_ALLOW_UNAUTHENTICATED_CALLBACKS").contains("--callback-allow=<addresses>")
                .contains("BOT_CALLBACK_ALLOW").contains("never X-Forwarded-For").contains("--metrics-token=<token>")
                .contains("BOT_METRICS_TOKEN").contains("<data-dir>/callback-secret");
    }
}
