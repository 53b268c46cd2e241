package io.gewebot.host.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.sandbox.GeweSandbox;
import io.gewebot.sandbox.RecordedCall;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code login} against a sandbox, in process: what it says, what it sends, what it leaves behind. */
class LoginTest {

    @TempDir
    Path data;

    private final GeweSandbox gewe = GeweSandbox.start();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void close() {
        gewe.close();
    }

    private LoginConfig config(String token, String type, String region, Duration timeout) {
        return new LoginConfig(gewe.baseUrl(), token, "", data, Optional.ofNullable(type), Optional.ofNullable(region),
                "en", Duration.ofSeconds(5), Duration.ofMillis(50), timeout);
    }

    private int run(LoginConfig config) {
        return Login.run(config, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String said() {
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    /** Scans the code issued as the {@code nth}, once it is issued, as a phone would. */
    private void scanTheCode(int nth) {
        Thread scanner = new Thread(() -> {
            while (gewe.calls("/login/getLoginQrCode").size() < nth) {
                Thread.onSpinWait();
            }
            gewe.scanLoginQrCode();
        });
        scanner.setDaemon(true);
        scanner.start();
    }

    @Test
    void anExpiredCodeIsRenewedAndTheRenewedOneLogsIn() {
        gewe.setOnline(false);
        gewe.setLoginQrCodeLifetime(Duration.ofMillis(600));
        // The first code expires unscanned; the second is scanned after its first few polls.
        scanTheCode(2);

        int exit = run(config(gewe.token(), null, null, Duration.ofSeconds(30)));

        assertThat(exit).as(said()).isEqualTo(Login.EXIT_OK);
        assertThat(said()).contains("The code has expired.").contains("Getting a new code (1 of 3)...")
                .contains("Scanned: confirm the login on the phone.").contains("Logged in as " + gewe.accountWxid())
                .doesNotContain(gewe.token());
        assertThat(gewe.calls("/login/getLoginQrCode")).hasSize(2);
        assertThat(Files.exists(AccountFile.in(data))).isTrue();
    }

    @Test
    void aCodeThatKeepsExpiringIsRenewedThreeTimesThenTheLoginFailsAndSavesNothing() {
        gewe.setOnline(false);
        gewe.setLoginQrCodeLifetime(Duration.ofMillis(200));

        int exit = run(config(gewe.token(), null, null, Duration.ofSeconds(30)));

        assertThat(exit).isEqualTo(Login.EXIT_FAILED);
        assertThat(gewe.calls("/login/getLoginQrCode")).hasSize(4);
        assertThat(said()).contains("Getting a new code (3 of 3)...")
                .contains("The code expired 3 times in a row without a login");
        assertThat(data).isEmptyDirectory();
    }

    @Test
    void everyRenewedCodeOfANewDeviceAsksForTheDeviceTheFirstCodeNamedAndThatDeviceIsSaved() throws Exception {
        gewe.setOnline(false);
        gewe.setLoginQrCodeLifetime(Duration.ofMillis(300));
        // Three codes expire unscanned; the fourth, the last renewal, is scanned.
        scanTheCode(4);

        int exit = run(config(gewe.token(), null, null, Duration.ofSeconds(30)));

        assertThat(exit).as(said()).isEqualTo(Login.EXIT_OK);
        assertThat(said()).contains("Getting a new code (3 of 3)...");
        assertThat(gewe.calls("/login/getLoginQrCode")).extracting(RecordedCall::body).containsExactly(
                "{\"appId\":\"\"}",
                "{\"appId\":\"" + gewe.appId() + "\"}",
                "{\"appId\":\"" + gewe.appId() + "\"}",
                "{\"appId\":\"" + gewe.appId() + "\"}");
        assertThat(AccountFile.read(data)).hasValueSatisfying(saved -> {
            assertThat(saved.appId()).isEqualTo(gewe.appId());
            assertThat(saved.baseUrl()).isEqualTo(gewe.baseUrl());
        });
    }

    @Test
    void noScanWithinTheTimeoutEndsTheLoginAndSavesNothing() {
        gewe.setOnline(false);

        int exit = run(config(gewe.token(), null, null, Duration.ofMillis(400)));

        assertThat(exit).isEqualTo(Login.EXIT_FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("No login within 400ms; nothing was saved.");
        assertThat(data).isEmptyDirectory();
    }

    @Test
    void aGeweRefusalIsShownWithGewesTextAndSavesNothing() {
        gewe.setOnline(false);

        int exit = run(config("not-the-token", null, null, Duration.ofSeconds(10)));

        assertThat(exit).isEqualTo(Login.EXIT_FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("GeWe refused the login: HTTP HEADER: X-GEWE-TOKEN=xxx");
        assertThat(said()).doesNotContain("not-the-token");
        assertThat(data).isEmptyDirectory();
    }

    @Test
    void theHostedDeviceTypeAndRegionAreSentOnlyWhenGiven() {
        gewe.setOnline(false);
        gewe.scanLoginQrCodeAfterPolls(0);
        assertThat(run(config(gewe.token(), "ipad", "320000", Duration.ofSeconds(10)))).isEqualTo(Login.EXIT_OK);
        gewe.setOnline(false);
        // The saved device logs in again.
        assertThat(run(config(gewe.token(), null, null, Duration.ofSeconds(10)))).isEqualTo(Login.EXIT_OK);

        assertThat(gewe.calls("/login/getLoginQrCode")).extracting(RecordedCall::body).containsExactly(
                "{\"appId\":\"\",\"type\":\"ipad\",\"regionId\":\"320000\"}",
                "{\"appId\":\"" + gewe.appId() + "\"}");
    }

    @Test
    void withoutATokenOneIsFetchedAndShownMaskedOnly() throws Exception {
        gewe.setOnline(false);
        gewe.scanLoginQrCodeAfterPolls(1);

        assertThat(run(config("", null, null, Duration.ofSeconds(10)))).isEqualTo(Login.EXIT_OK);

        assertThat(gewe.calls("/tools/getTokenId")).singleElement().satisfies(call -> assertThat(call.body()).isEmpty());
        assertThat(said()).contains("Got a token from GeWe: ****").contains("(token ****)").doesNotContain(gewe.token());
        assertThat(AccountFile.read(data)).contains(new SavedAccount(gewe.token(), gewe.appId(), gewe.accountWxid(),
                GeweSandbox.ACCOUNT_NICKNAME, gewe.baseUrl()));
    }

    @Test
    void aSavedAccountIsReplacedWholeAndALongTokenShowsOnlyItsHead() throws Exception {
        AccountFile.write(data, new SavedAccount("old", "wx_old", "wxid_old", "Old", ""));
        AccountFile.write(data, new SavedAccount("0123456789abcdef-secret", "wx_new", "wxid_new", "New",
                "http://gewe:2531/v2/api"));

        assertThat(AccountFile.read(data)).contains(new SavedAccount("0123456789abcdef-secret", "wx_new", "wxid_new", "New",
                "http://gewe:2531/v2/api"));
        assertThat(Files.list(data)).containsExactly(AccountFile.in(data));
        assertThat(SavedAccount.masked("0123456789abcdef-secret")).isEqualTo("0123****");
        assertThat(new SavedAccount("0123456789abcdef-secret", "a", "w", "n", "").toString()).doesNotContain("secret");
    }
}
