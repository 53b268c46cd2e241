package io.gewebot.sandbox;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The login QR codes the sandbox has issued, and how far each has come: waiting (status 0), scanned
 * (1, confirm on the phone), logged in (2). A code is scanned after a set number of polls of
 * {@code /login/checkLogin}, or when a test says so; the poll after the scan confirms it. A code
 * expires its lifetime after it was issued. One lock guards it all.
 */
final class LoginDesk {

    /** The lifetime of a code on GeWe: about 150 s. */
    static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(150);

    /** One issued code. */
    static final class Code {
        final String appId;
        final String uuid;
        final String qrData;
        final long issuedNanos;
        int polls;
        int status;

        Code(String appId, String uuid, long issuedNanos) {
            this.appId = appId;
            this.uuid = uuid;
            this.qrData = "http://weixin.qq.com/x/" + uuid;
            this.issuedNanos = issuedNanos;
        }
    }

    /** What one poll saw. */
    record Check(int status, long expiredSeconds) {
    }

    private final Map<String, Code> codes = new LinkedHashMap<>();
    private final Random random = new SecureRandom();
    /** Polls answered "waiting" before a code is scanned by itself; negative: only when a test says so. */
    private int scanAfterPolls = -1;
    private Duration lifetime = DEFAULT_LIFETIME;
    private boolean scanRequested;

    synchronized Code issue(String appId) {
        // Shaped like WeChat's: a short base64-like id.
        String uuid = HexFormat.of().formatHex(bytes(6)).substring(0, 11) + "w==";
        Code code = new Code(appId, uuid, System.nanoTime());
        codes.put(uuid, code);
        return code;
    }

    synchronized Optional<Code> code(String uuid) {
        return Optional.ofNullable(codes.get(uuid));
    }

    /** @return the code issued last, if any */
    synchronized Optional<Code> latest() {
        return codes.values().stream().reduce((a, b) -> b);
    }

    /**
     * One poll of a code: moves it on when it is due to be scanned or confirmed.
     *
     * @return the status and the seconds left; an expired code stays where it was, with 0 seconds left
     */
    synchronized Check poll(Code code) {
        long left = secondsLeft(code);
        if (left <= 0 && code.status != 2) {
            return new Check(code.status, 0);
        }
        code.polls++;
        if (code.status == 1) {
            code.status = 2;
        } else if (code.status == 0 && (scanRequested || scanAfterPolls >= 0 && code.polls > scanAfterPolls)) {
            scanRequested = false;
            code.status = 1;
        }
        return new Check(code.status, Math.max(left, 0));
    }

    synchronized void scanAfterPolls(int polls) {
        scanAfterPolls = polls;
    }

    synchronized void scanNow() {
        scanRequested = true;
    }

    synchronized void lifetime(Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("a QR code's lifetime must be positive, was " + value);
        }
        lifetime = value;
    }

    private long secondsLeft(Code code) {
        long elapsed = System.nanoTime() - code.issuedNanos;
        long leftNanos = lifetime.toNanos() - elapsed;
        // Rounded up, so a code with 300 ms left still says 1 s: 0 means expired.
        return leftNanos <= 0 ? 0 : (leftNanos + 999_999_999L) / 1_000_000_000L;
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
