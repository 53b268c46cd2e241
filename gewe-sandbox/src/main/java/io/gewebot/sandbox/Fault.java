package io.gewebot.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * A way the sandbox can misbehave on a call, armed through {@link Faults}.
 *
 * <p>Only {@link Delay} lets the call take effect (the sandbox acts, then answers late, as when a
 * request reached WeChat but the answer was slow); every other fault answers instead of acting, so
 * no state changes and nothing is recorded as posted.
 */
public sealed interface Fault {

    /**
     * Act on the call normally but answer only after {@code duration}.
     *
     * @param duration how long to hold the answer back
     * @return the fault
     */
    static Fault delay(Duration duration) {
        return new Delay(duration);
    }

    /**
     * Answer with this HTTP status and a small HTML page, as a proxy in front of GeWe would.
     *
     * @param code an HTTP status, 200..599 (a final answer; 204 and 304 carry no body)
     * @return the fault
     */
    static Fault httpStatus(int code) {
        return new HttpStatus(code);
    }

    /**
     * Close the connection without answering: the client sees the connection end before any
     * response (EOF, "no response", "connection reset" depending on the client).
     *
     * @return the fault
     */
    static Fault connectionReset() {
        return new ConnectionReset();
    }

    /**
     * Answer HTTP 200 with a JSON envelope cut off in the middle.
     *
     * @return the fault
     */
    static Fault malformedJson() {
        return new MalformedJson();
    }

    /**
     * Answer HTTP 200 with {@code {"ret":500,"msg":<msg>}}, e.g. {@code "操作过于频繁"} for risk control.
     *
     * @param msg the failure text ({@code null} gives {@code "msg":null}, as some GeWe failures do)
     * @return the fault
     */
    static Fault ret500(String msg) {
        return new Ret500(msg);
    }

    /** @param duration how long the answer is held back */
    record Delay(Duration duration) implements Fault {
        /** Requires a non-negative duration. */
        public Delay {
            Objects.requireNonNull(duration, "duration");
            if (duration.isNegative()) {
                throw new IllegalArgumentException("delay must not be negative");
            }
        }
    }

    /** @param code the HTTP status answered */
    record HttpStatus(int code) implements Fault {
        /** Requires a final status, 200..599. */
        public HttpStatus {
            if (code < 200 || code > 599) {
                throw new IllegalArgumentException("HTTP status must be 200..599, was " + code);
            }
        }
    }

    /** The connection is closed without a response. */
    record ConnectionReset() implements Fault {
    }

    /** HTTP 200 with a truncated JSON body. */
    record MalformedJson() implements Fault {
    }

    /** @param msg the {@code msg} of the failure envelope */
    record Ret500(String msg) implements Fault {
    }
}
