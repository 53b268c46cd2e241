package io.gewebot.contacts;

import io.gewebot.api.ContactOutcome.FailureKind;
import io.gewebot.api.ContactOutcome.Failed;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.apache.hc.client5.http.ClientProtocolException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.NoHttpResponseException;

/**
 * Turns what went wrong on the way to GeWe into a {@link Failed} a person can read, and says whether
 * the request may have reached GeWe all the same.
 *
 * <p>The line drawn here decides whether a lost friend request is reported as "maybe sent": only a
 * failure that proves no connection was ever made counts as "not sent".
 */
final class TransportFailures {

    private static final String CONNECT_FAILED = "failed: ";

    private TransportFailures() {
    }

    /**
     * Whether a call that failed this way may be made once more. Only for calls that change nothing
     * on GeWe's side (search): a refused connection or one that died before any answer.
     *
     * @param failure what the call threw
     * @return {@code true} when one more attempt is reasonable
     */
    static boolean worthRepeating(IOException failure) {
        return failure instanceof NoHttpResponseException
                || (failure instanceof SocketException && !(failure instanceof NoRouteToHostException));
    }

    /**
     * @param failure what the call threw
     * @param call names the call and the timeouts, for the text
     * @return the failure for the outcome, with every text free of the token
     */
    static Failed describe(IOException failure, Call call) {
        // Order matters: several of these extend one another (a connect timeout is an
        // InterruptedIOException, a refused connection is a SocketException).
        if (failure instanceof ConnectTimeoutException) {
            return notSent(FailureKind.TIMEOUT, "could not connect to GeWe at " + call.endpoint()
                    + " within " + millis(call.connectTimeout()));
        }
        if (failure instanceof ConnectionRequestTimeoutException) {
            return notSent(FailureKind.TIMEOUT, "no free connection to GeWe within " + millis(call.connectTimeout()));
        }
        if (failure instanceof ConnectException) {
            return notSent(FailureKind.CONNECTION, "could not connect to GeWe at " + call.endpoint()
                    + " (" + call.redact(connectReason(failure)) + ")");
        }
        if (failure instanceof UnknownHostException) {
            return notSent(FailureKind.CONNECTION, "could not connect to GeWe at " + call.endpoint() + " (unknown host)");
        }
        if (failure instanceof NoRouteToHostException) {
            return notSent(FailureKind.CONNECTION, "could not connect to GeWe at " + call.endpoint() + " (no route to host)");
        }
        if (failure instanceof SSLHandshakeException) {
            return notSent(FailureKind.CONNECTION, "could not open a TLS connection to GeWe at " + call.endpoint());
        }
        if (failure instanceof SocketTimeoutException) {
            return maybeSent(FailureKind.TIMEOUT, "GeWe did not answer " + call.path() + " within "
                    + millis(call.responseTimeout()));
        }
        if (failure instanceof NoHttpResponseException) {
            return maybeSent(FailureKind.CONNECTION, "GeWe closed the connection without answering " + call.path());
        }
        if (failure instanceof SocketException) {
            return maybeSent(FailureKind.CONNECTION, "the connection to GeWe broke during " + call.path()
                    + " (" + call.redact(reason(failure)) + ")");
        }
        if (failure instanceof ClientProtocolException) {
            return maybeSent(FailureKind.UNREADABLE_RESPONSE, "GeWe's answer to " + call.path()
                    + " is not valid HTTP (" + call.redact(reason(failure)) + ")");
        }
        if (failure instanceof InterruptedIOException) {
            return maybeSent(FailureKind.CONNECTION, "the call to GeWe " + call.path() + " was interrupted");
        }
        return maybeSent(FailureKind.CONNECTION, "the connection to GeWe failed during " + call.path()
                + " (" + call.redact(reason(failure)) + ")");
    }

    /**
     * @param failure an unexpected error inside the plugin or a library
     * @param call the call it happened in
     * @return an {@link FailureKind#INTERNAL} failure that admits the request may have gone out
     */
    static Failed internal(RuntimeException failure, Call call) {
        return maybeSent(FailureKind.INTERNAL, "unexpected error in gewe-contacts during " + call.path()
                + " (" + call.redact(reason(failure)) + ")");
    }

    /**
     * @param failed a failure of a call that changed nothing at GeWe whatever became of it (a read), or
     *     that went before any call that does
     * @return the same failure, saying the request was not delivered
     */
    static Failed notSent(Failed failed) {
        return new Failed(failed.kind(), failed.platformCode(), failed.platformMessage(), failed.detailCode(),
                failed.detailMessage(), false);
    }

    static Failed notSent(FailureKind kind, String description) {
        return Failed.transport(kind, description, false);
    }

    static Failed maybeSent(FailureKind kind, String description) {
        return Failed.transport(kind, description, true);
    }

    static String millis(Duration duration) {
        return duration.toMillis() + " ms";
    }

    /**
     * HttpClient words a refused connection as "Connect to http://host:port [/addr] failed: Connection
     * refused"; the endpoint is named already, so only the system's reason is kept.
     */
    private static String connectReason(IOException failure) {
        String message = reason(failure);
        int at = message.lastIndexOf(CONNECT_FAILED);
        return at < 0 ? message : message.substring(at + CONNECT_FAILED.length());
    }

    private static String reason(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }

    /**
     * Names one call for the texts of its failures.
     *
     * @param path the endpoint path, such as {@code /contacts/search}
     * @param endpoint GeWe's host and port, without any user info
     * @param connectTimeout the connect timeout in force
     * @param responseTimeout the response timeout in force
     * @param token the token, to strip from any text taken from an exception
     */
    record Call(String path, String endpoint, Duration connectTimeout, Duration responseTimeout, Token token) {
        String redact(String text) {
            return token.redact(text);
        }
    }
}
