package io.gewebot.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.api.ContactOutcome.FailureKind;
import io.gewebot.api.ContactOutcome.Failed;
import io.gewebot.contacts.TransportFailures.Call;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.apache.hc.client5.http.ClientProtocolException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.junit.jupiter.api.Test;

/** Which network failures count as "the request may have reached GeWe", and what the user reads. */
class TransportFailuresTest {

    private static final Token TOKEN = new Token("tok-123");
    private static final Call CALL = new Call("/contacts/addContacts", "gewe.example:2531",
            Duration.ofMillis(1500), Duration.ofSeconds(30), TOKEN);

    @Test
    void failuresBeforeAnyConnectionDeliveredNothing() {
        assertThat(describe(new ConnectTimeoutException("connect timed out"))).isEqualTo(Failed.transport(
                FailureKind.TIMEOUT, "could not connect to GeWe at gewe.example:2531 within 1500 ms", false));
        assertThat(describe(new HttpHostConnectException(
                "Connect to http://gewe.example:2531 [gewe.example/10.0.0.7] failed: Connection refused")))
                .isEqualTo(Failed.transport(FailureKind.CONNECTION,
                        "could not connect to GeWe at gewe.example:2531 (Connection refused)", false));
        assertThat(describe(new ConnectException("Connection refused"))).isEqualTo(Failed.transport(
                FailureKind.CONNECTION, "could not connect to GeWe at gewe.example:2531 (Connection refused)", false));
        assertThat(describe(new UnknownHostException("gewe.example"))).isEqualTo(Failed.transport(
                FailureKind.CONNECTION, "could not connect to GeWe at gewe.example:2531 (unknown host)", false));
        assertThat(describe(new SSLHandshakeException("bad certificate")).possiblyDelivered()).isFalse();
        assertThat(describe(new ConnectionRequestTimeoutException("lease timed out"))).isEqualTo(Failed.transport(
                FailureKind.TIMEOUT, "no free connection to GeWe within 1500 ms", false));
    }

    @Test
    void failuresAfterTheRequestWentOutMayHaveDeliveredIt() {
        assertThat(describe(new SocketTimeoutException("Read timed out"))).isEqualTo(Failed.transport(
                FailureKind.TIMEOUT, "GeWe did not answer /contacts/addContacts within 30000 ms", true));
        assertThat(describe(new NoHttpResponseException("gewe.example:2531 failed to respond")))
                .isEqualTo(Failed.transport(FailureKind.CONNECTION,
                        "GeWe closed the connection without answering /contacts/addContacts", true));
        assertThat(describe(new SocketException("Connection reset"))).isEqualTo(Failed.transport(
                FailureKind.CONNECTION, "the connection to GeWe broke during /contacts/addContacts (Connection reset)",
                true));
        assertThat(describe(new ClientProtocolException("Invalid status line"))).isEqualTo(Failed.transport(
                FailureKind.UNREADABLE_RESPONSE,
                "GeWe's answer to /contacts/addContacts is not valid HTTP (Invalid status line)", true));
        assertThat(describe(new ConnectionClosedException("Premature end of Content-Length delimited message body")))
                .satisfies(failed -> {
                    assertThat(failed.kind()).isEqualTo(FailureKind.CONNECTION);
                    assertThat(failed.possiblyDelivered()).isTrue();
                });
        assertThat(describe(new InterruptedIOException()).possiblyDelivered()).isTrue();
    }

    @Test
    void anUnexpectedErrorIsInternalAndMayHaveDelivered() {
        assertThat(TransportFailures.internal(new IllegalStateException("Connection pool shut down"), CALL))
                .isEqualTo(Failed.transport(FailureKind.INTERNAL,
                        "unexpected error in gewe-contacts during /contacts/addContacts (Connection pool shut down)",
                        true));
    }

    @Test
    void exceptionTextsLoseTheToken() {
        Failed failed = describe(new SocketException("broken while sending X-GEWE-TOKEN: tok-123"));

        assertThat(failed.texts()).doesNotContain("tok-123").contains("X-GEWE-TOKEN: ***");
    }

    @Test
    void onlyFailuresBeforeAnyAnswerAreWorthRepeating() {
        assertThat(TransportFailures.worthRepeating(new HttpHostConnectException("refused"))).isTrue();
        assertThat(TransportFailures.worthRepeating(new NoHttpResponseException("no response"))).isTrue();
        assertThat(TransportFailures.worthRepeating(new SocketException("Connection reset"))).isTrue();
        assertThat(TransportFailures.worthRepeating(new SocketTimeoutException("Read timed out"))).isFalse();
        assertThat(TransportFailures.worthRepeating(new ConnectTimeoutException("connect timed out"))).isFalse();
        assertThat(TransportFailures.worthRepeating(new ClientProtocolException("bad"))).isFalse();
        assertThat(TransportFailures.worthRepeating(new IOException("other"))).isFalse();
    }

    private static Failed describe(IOException failure) {
        return TransportFailures.describe(failure, CALL);
    }
}
