package io.gewebot.host.login;

import io.gewebot.common.text.Messages;
import io.gewebot.host.chat.GeweMessenger;
import io.gewebot.host.chat.GeweMessenger.Answer;
import io.gewebot.host.chat.GeweMessenger.LoginQrCode;
import io.gewebot.host.chat.GeweMessenger.LoginStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * One run of {@code login}: a token (given, saved, or asked of a self-hosted GeWe), the saved device
 * when there is one (logging the same device in again is what keeps risk control calm), a QR code in
 * the terminal and as {@code login-qr.png}, questions about the scan every poll interval, a new code
 * when one expires (at most {@value #MAX_RENEWALS} times), and the account saved in
 * {@code account.json}. An account already online is reported and left alone.
 *
 * <p>Progress goes to {@code out}, failures to {@code err}; the token is only ever shown masked. The
 * run ends with an exit code: {@value #EXIT_OK} logged in (or already online), {@value #EXIT_FAILED}
 * on a GeWe failure, a timeout or codes that kept expiring, {@value #EXIT_CANCELLED} when interrupted
 * (Ctrl-C). However it ends, {@code account.json} is either the new account or as it was.
 */
public final class Login {

    /** Logged in, or already online. */
    public static final int EXIT_OK = 0;
    /** GeWe refused, could not be reached, the codes kept expiring, or the time ran out. */
    public static final int EXIT_FAILED = 1;
    /** Interrupted, as by Ctrl-C: 128 + SIGINT, as shells report it. */
    public static final int EXIT_CANCELLED = 130;
    /** How many times an expired code is replaced by a new one. */
    static final int MAX_RENEWALS = 3;

    private static final int LOGGED_IN = 2;
    private static final int SCANNED = 1;
    /** What waiting for one code ended in, besides an exit code: the code expired. */
    private static final int RENEW = -1;

    private final LoginConfig config;
    private final Messages messages;
    private final PrintStream out;
    private final PrintStream err;
    private final Path png;
    private long deadline;

    private Login(LoginConfig config, PrintStream out, PrintStream err) {
        this.config = config;
        this.messages = Messages.of(config.language(), ZoneId.systemDefault());
        this.out = out;
        this.err = err;
        this.png = config.dataDir().resolve(QrCodes.PNG_NAME);
    }

    /**
     * Logs the account in.
     *
     * @param config how
     * @param out where progress and the QR code go
     * @param err where failures go
     * @return the exit code
     */
    public static int run(LoginConfig config, PrintStream out, PrintStream err) {
        Login login = new Login(Objects.requireNonNull(config, "config"), Objects.requireNonNull(out, "out"),
                Objects.requireNonNull(err, "err"));
        try {
            return login.login();
        } catch (InterruptedException e) {
            login.fail("login.cancelled");
            return EXIT_CANCELLED;
        } finally {
            // The code is of no use once the run is over, whatever the outcome.
            try {
                Files.deleteIfExists(login.png);
            } catch (IOException e) {
                login.fail("login.pngNotRemoved", login.png);
            }
        }
    }

    private int login() throws InterruptedException {
        deadline = System.nanoTime() + config.timeout().toNanos();
        Optional<SavedAccount> saved;
        try {
            saved = AccountFile.read(config.dataDir());
        } catch (IOException e) {
            fail("login.savedUnreadable", AccountFile.in(config.dataDir()));
            return EXIT_FAILED;
        }
        String token = given(config.geweToken(), saved.map(SavedAccount::token));
        if (token.isEmpty()) {
            Optional<String> fetched = fetchToken();
            if (fetched.isEmpty()) {
                return EXIT_FAILED;
            }
            token = fetched.get();
        }
        String device = given(config.geweAppId(), saved.map(SavedAccount::appId));
        try (GeweMessenger gewe = new GeweMessenger(config.geweBaseUrl(), token, device, config.geweResponseTimeout())) {
            if (!device.isEmpty()) {
                Answer<Boolean> online = gewe.checkOnline(device);
                if (!online.ok()) {
                    fail("login.geweFailed", online.text());
                    return EXIT_FAILED;
                }
                if (online.data().orElse(false)) {
                    return alreadyOnline(saved, new SavedAccount(token, device, known(saved, device, SavedAccount::wxid),
                            known(saved, device, SavedAccount::nickname), config.geweBaseUrl()));
                }
            }
            for (int renewal = 0; renewal <= MAX_RENEWALS; renewal++) {
                if (renewal > 0) {
                    say("login.renewing", renewal, MAX_RENEWALS);
                }
                Answer<LoginQrCode> code = gewe.loginQrCode(device, config.loginType().orElse(null),
                        config.regionId().orElse(null));
                Optional<LoginQrCode> issued = code.data().filter(c -> c.uuid() != null && !c.uuid().isBlank()
                        && c.qrData() != null && !c.qrData().isBlank());
                if (!code.ok() || issued.isEmpty()) {
                    fail("login.geweFailed", code.text());
                    return EXIT_FAILED;
                }
                if (device.isEmpty() && issued.get().appId() != null && !issued.get().appId().isBlank()) {
                    // The first code names the new device: each renewal asks for that one, since asking
                    // with "" again would make another device, and new devices are what risk control punishes.
                    device = issued.get().appId().strip();
                }
                int ended = await(gewe, token, device, issued.get());
                if (ended != RENEW) {
                    return ended;
                }
            }
            fail("login.expiredTooOften", MAX_RENEWALS);
            return EXIT_FAILED;
        }
    }

    private Optional<String> fetchToken() {
        try (GeweMessenger noToken = new GeweMessenger(config.geweBaseUrl(), "", "", config.geweResponseTimeout())) {
            Answer<String> answer = noToken.fetchToken();
            Optional<String> token = answer.data().map(String::strip).filter(t -> !t.isEmpty());
            if (!answer.ok() || token.isEmpty()) {
                fail("login.tokenFailed", answer.text());
                return Optional.empty();
            }
            say("login.tokenFetched", SavedAccount.masked(token.get()));
            return token;
        }
    }

    private int alreadyOnline(Optional<SavedAccount> saved, SavedAccount account) {
        if (!saved.equals(Optional.of(account)) && !save(account)) {
            return EXIT_FAILED;
        }
        say("login.alreadyOnline", account.appId(), account.wxid().isEmpty() ? "-" : account.wxid(),
                AccountFile.in(config.dataDir()));
        return EXIT_OK;
    }

    /** Shows one code and asks about it until it is scanned and confirmed, expires, or the time runs out. */
    private int await(GeweMessenger gewe, String token, String device, LoginQrCode code) throws InterruptedException {
        String appId = code.appId() == null || code.appId().isBlank() ? device : code.appId().strip();
        Answer<LoginStatus> first = gewe.checkLogin(appId, code.uuid());
        if (!first.ok() || first.data().isEmpty()) {
            fail("login.geweFailed", first.text());
            return EXIT_FAILED;
        }
        LoginStatus status = first.data().get();
        show(code.qrData(), status.expiredTime());
        boolean toldScanned = false;
        while (true) {
            int state = status.status() == null ? 0 : status.status();
            if (state == LOGGED_IN) {
                return loggedIn(token, appId, status);
            }
            if (state == SCANNED && !toldScanned) {
                say("login.scanned");
                toldScanned = true;
            }
            if (status.expiredTime() != null && status.expiredTime() <= 0) {
                say("login.expired");
                return RENEW;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                fail("login.timedOut", config.timeout());
                return EXIT_FAILED;
            }
            Thread.sleep(Math.max(1, Math.min(config.pollInterval().toMillis(), left / 1_000_000)));
            Answer<LoginStatus> next = gewe.checkLogin(appId, code.uuid());
            if (!next.ok() || next.data().isEmpty()) {
                fail("login.geweFailed", next.text());
                return EXIT_FAILED;
            }
            status = next.data().get();
        }
    }

    private void show(String qrData, Long expiredTime) {
        QrCodes qr = QrCodes.of(qrData);
        out.println();
        out.print(qr.blocks());
        out.println();
        try {
            qr.writePng(png);
        } catch (IOException e) {
            fail("login.pngFailed", png);
        }
        Duration valid = Duration.ofSeconds(expiredTime == null ? 0 : Math.max(expiredTime, 0));
        say("login.scan", valid, png);
    }

    private int loggedIn(String token, String appId, LoginStatus status) {
        String wxid = status.loginInfo() == null || status.loginInfo().wxid() == null ? "" : status.loginInfo().wxid().strip();
        if (wxid.isEmpty()) {
            fail("login.noWxid");
            return EXIT_FAILED;
        }
        String nickname = status.loginInfo().nickName() != null ? status.loginInfo().nickName()
                : Objects.requireNonNullElse(status.nickName(), "");
        if (!save(new SavedAccount(token, appId, wxid, nickname, config.geweBaseUrl()))) {
            return EXIT_FAILED;
        }
        say("login.done", wxid, nickname, appId, AccountFile.in(config.dataDir()), SavedAccount.masked(token));
        return EXIT_OK;
    }

    private boolean save(SavedAccount account) {
        try {
            AccountFile.write(config.dataDir(), account);
            return true;
        } catch (IOException e) {
            fail("login.saveFailed", AccountFile.in(config.dataDir()), e.getClass().getSimpleName());
            return false;
        }
    }

    /** The saved account's value, when the saved account is of this device. */
    private static String known(Optional<SavedAccount> saved, String device,
            java.util.function.Function<SavedAccount, String> field) {
        return saved.filter(s -> s.appId().equals(device)).map(field).orElse("");
    }

    private static String given(String flag, Optional<String> saved) {
        return !flag.isEmpty() ? flag : saved.map(String::strip).orElse("");
    }

    private void say(String key, Object... args) {
        out.println(messages.get(key, args));
        out.flush();
    }

    private void fail(String key, Object... args) {
        err.println(messages.get(key, args));
        err.flush();
    }
}
