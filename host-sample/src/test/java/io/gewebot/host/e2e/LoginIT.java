package io.gewebot.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gewebot.host.login.QrDecoding;
import io.gewebot.sandbox.GeweSandbox;
import io.gewebot.testkit.HostProcess;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code login} run as a user runs it, against a GeWe standing apart from the host: the QR code in the
 * terminal and in {@code login-qr.png}, the scan, {@code account.json}; then the host started with
 * nothing given acts as the saved account on the GeWe it was logged in on.
 */
class LoginIT {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path work;

    @Test
    void loginSavesTheAccountOwnerOnlyAndTheHostThenStartsWithItAlone() throws Exception {
        try (GeweSandbox gewe = GeweSandbox.start()) {
            gewe.setOnline(false);
            Path data = work.resolve("data");
            Path png = data.resolve("login-qr.png");
            try (HostProcess login = BuiltHost.builder(work)
                    .args("login", "--gewe-base-url", gewe.baseUrl(), "--poll-interval", "100ms").start()) {
                login.awaitOutput("Scan this code with WeChat on the phone; it is valid for 2m 30s.", LIMIT);
                String qrData = gewe.latestLoginQrData().orElseThrow();
                assertThat(QrDecoding.decodeBlocks(login.output())).isEqualTo(qrData);
                assertThat(QrDecoding.decodePng(png)).isEqualTo(qrData);
                assertThat(login.output()).contains("The same code is in " + png);

                gewe.scanLoginQrCode();
                login.awaitOutput("Scanned: confirm the login on the phone.", LIMIT);
                assertThat(login.waitFor(LIMIT)).isTrue();
                assertThat(login.exitCode()).isZero();
                assertThat(login.output())
                        .contains("Got a token from GeWe: ****")
                        .contains("Logged in as " + gewe.accountWxid() + " (" + GeweSandbox.ACCOUNT_NICKNAME
                                + "), device " + gewe.appId() + ". Saved in " + data.resolve("account.json"))
                        .doesNotContain(gewe.token());
            }
            Path account = data.resolve("account.json");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(account))).isEqualTo("rw-------");
            JsonNode saved = new ObjectMapper().readTree(account.toFile());
            assertThat(saved.path("token").asText()).isEqualTo(gewe.token());
            assertThat(saved.path("appId").asText()).isEqualTo(gewe.appId());
            assertThat(saved.path("wxid").asText()).isEqualTo(gewe.accountWxid());
            assertThat(saved.path("baseUrl").asText()).isEqualTo(gewe.baseUrl());
            try (Stream<Path> left = Files.list(data)) {
                assertThat(left).as("no temporary file and no stale code left").containsExactly(account);
            }
            assertThat(gewe.calls("/login/getLoginQrCode")).singleElement()
                    .satisfies(call -> assertThat(call.body()).isEqualTo("{\"appId\":\"\"}"));

            // As from another shell than login's: no flag and no variable, only what login saved.
            try (HostProcess host = BuiltHost.builder(work).separateStderr().noPacing()
                    .args("--port", "0", "--allow-unauthenticated-callbacks").start()) {
                host.awaitListening(BuiltHost.START_LIMIT);
                assertThat(host.stderr()).contains("HostConfig[gewe=" + gewe.baseUrl() + ", appId=" + gewe.appId())
                        .contains("account=" + gewe.accountWxid()).doesNotContain("embedded").doesNotContain(gewe.token());
                host.type("/add wxid_demo\n");
                host.awaitOutput("Friend request sent to Demo Friend-to-be (wxid_demo).", LIMIT);
                assertThat(gewe.outgoingRequests()).singleElement()
                        .satisfies(request -> assertThat(request.toWxid()).isEqualTo("wxid_demo"));
            }
        }
    }

    @Test
    void anAccountAlreadyOnlineIsReportedAndNotLoggedInAgain() throws Exception {
        try (GeweSandbox gewe = GeweSandbox.start();
                HostProcess login = BuiltHost.builder(work).args("login", "--gewe-base-url", gewe.baseUrl(),
                        "--gewe-token", gewe.token(), "--gewe-app-id", gewe.appId()).start()) {
            assertThat(login.waitFor(LIMIT)).isTrue();

            assertThat(login.exitCode()).isZero();
            assertThat(login.output()).contains("The account of device " + gewe.appId() + " (-) is already online: "
                    + "not logging in again.");
            assertThat(gewe.calls("/login/getLoginQrCode")).isEmpty();
            assertThat(gewe.calls("/login/checkOnline")).hasSize(1);
        }
    }

    @Test
    void theHostAgainstARealGeweWithNoAppIdSaysToRunLoginAndExits2() throws Exception {
        try (GeweSandbox gewe = GeweSandbox.start();
                HostProcess host = BuiltHost.builder(work).separateStderr()
                        .args("--gewe-base-url", gewe.baseUrl(), "--gewe-token", gewe.token(), "--port", "0").start()) {
            assertThat(host.waitFor(LIMIT)).isTrue();

            assertThat(host.exitCode()).isEqualTo(2);
            assertThat(host.stderr()).contains("no appId for GeWe at " + gewe.baseUrl())
                    .contains("java -jar host-sample.jar login").doesNotContain(gewe.token());
            assertThat(gewe.calls()).isEmpty();
        }
    }

    @Test
    void ctrlCEndsTheLoginWithAMessageANonZeroExitAndTheSavedAccountUntouched() throws Exception {
        Path data = Files.createDirectories(work.resolve("data"));
        String before = "{\"token\":\"old-token\",\"appId\":\"wx_old\",\"wxid\":\"wxid_old\",\"nickname\":\"\"}";
        Files.writeString(data.resolve("account.json"), before);
        try (GeweSandbox gewe = GeweSandbox.start(io.gewebot.sandbox.SandboxOptions.defaults().withAppId("wx_old"))) {
            gewe.setOnline(false);
            try (HostProcess login = withSigintAtItsDefault(BuiltHost.builder(work)).args("login", "--gewe-base-url",
                    gewe.baseUrl(), "--gewe-token", gewe.token(), "--poll-interval", "100ms").start()) {
                login.awaitOutput("Scan this code", LIMIT);
                assertThat(gewe.calls("/login/getLoginQrCode").get(0).body()).contains("\"appId\":\"wx_old\"");
                new ProcessBuilder("kill", "-INT", Long.toString(login.pid())).start().waitFor();
                assertThat(login.waitFor(LIMIT)).isTrue();

                assertThat(login.exitCode()).isEqualTo(130);
                assertThat(login.output()).contains("Login cancelled; nothing was saved.");
            }
        }
        assertThat(Files.readString(data.resolve("account.json"))).isEqualTo(before);
        await().atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(data.resolve("login-qr.png")));
    }

    /**
     * Ctrl-C as a terminal sends it, whatever started this JVM. A process started with SIGINT ignored
     * (by {@code nohup}, or in the background of a script, as Maven may be) hands that down, and a JVM
     * that starts with SIGINT ignored leaves it ignored: {@code kill -INT} would never reach login. So
     * login is then started through {@code env --default-signal=INT}, which puts SIGINT back to its
     * default before it runs java; where that cannot be done, the test says why it does not run.
     */
    private static HostProcess.Builder withSigintAtItsDefault(HostProcess.Builder login) throws Exception {
        if (!sigintIgnoredHere()) {
            return login;
        }
        Process probe = new ProcessBuilder("env", "--default-signal=INT", "true").redirectErrorStream(true).start();
        probe.getInputStream().readAllBytes();
        Assumptions.assumeTrue(probe.waitFor() == 0, "SIGINT is ignored in this JVM (started by nohup or in the "
                + "background), login would inherit that, and env --default-signal=INT, which would undo it, is not "
                + "available here");
        return login.launchedThrough("env", "--default-signal=INT");
    }

    /** @return whether this process ignores SIGINT: bit 1 (signal 2) of the mask in {@code /proc/self/status} */
    private static boolean sigintIgnoredHere() throws Exception {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return false;
        }
        try (Stream<String> lines = Files.lines(status)) {
            return lines.filter(line -> line.startsWith("SigIgn:")).findFirst()
                    .map(line -> new BigInteger(line.substring("SigIgn:".length()).strip(), 16).testBit(1))
                    .orElse(false);
        }
    }
}
