package io.gewebot.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the sandbox took to serve one request: from its handler taking the request (the request
 * line and headers already read) to its answer being written. The call is listed before the answer
 * goes out, so a client holding the answer always finds it listed. Both instants are {@link System#nanoTime()}
 * readings of the sandbox's JVM, so a client in the same JVM can place them on its own timeline and
 * tell its own time from the sandbox's.
 *
 * @param path          the request path without the sandbox's prefix, as in {@link RecordedCall#path()}
 * @param startedNanos  when the handler took the request
 * @param answeredNanos when the answer began to be written (before any callback the request triggers is pushed)
 */
public record ServedCall(String path, long startedNanos, long answeredNanos) {

    /** Checks the path. */
    public ServedCall {
        Objects.requireNonNull(path, "path");
    }

    /** @return the time the sandbox spent on the request */
    public Duration handlingTime() {
        return Duration.ofNanos(answeredNanos - startedNanos);
    }
}
