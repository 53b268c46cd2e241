package io.gewebot.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.api.ContactOutcome;
import io.gewebot.api.ContactOutcome.FailureKind;
import io.gewebot.api.ContactSettings;
import io.gewebot.contacts.GeweApi.SearchedContact;
import io.gewebot.sandbox.GeweSandbox;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A plain {@code http://} GeWe is spoken to in plain HTTP, an {@code https://} one over TLS. */
class TlsTest {

    @Test
    void aPlainHttpGeWeIsSpokenToInPlainHttp() {
        try (GeweSandbox gewe = GeweSandbox.start(); GeweClient client = GeweClient.open(Fixtures.settings(gewe))) {
            assertThat(client.search("wxid_demo")).isInstanceOf(GeweReply.Success.class);
            assertThat(gewe.calls(GeweApi.SEARCH)).hasSize(1);
        }
    }

    @Test
    void anHttpsGeWeIsSpokenToOverTls() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // Reads the client's first record, then hangs up: enough to tell TLS from plain HTTP.
            CompletableFuture<byte[]> firstBytes = CompletableFuture.supplyAsync(() -> {
                try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
                    byte[] header = in.readNBytes(5);
                    if (header.length == 5) {
                        in.readNBytes(((header[3] & 0xff) << 8) | (header[4] & 0xff));
                    }
                    return header;
                } catch (IOException e) {
                    return new byte[0];
                }
            });
            ContactSettings settings = Fixtures.settings("https://127.0.0.1:" + server.getLocalPort() + "/v2/api",
                    "tls-token", "app-1", Map.of(ContactSettings.RESPONSE_TIMEOUT_MS, "2000"));
            try (GeweClient client = GeweClient.open(settings)) {
                GeweReply<SearchedContact> reply = client.search("wxid_demo");

                byte[] sent = firstBytes.get(5, TimeUnit.SECONDS);
                // A TLS record: content type 22 (handshake), protocol version 3.x.
                assertThat(sent).hasSize(5);
                assertThat(sent[0]).isEqualTo((byte) 0x16);
                assertThat(sent[1]).isEqualTo((byte) 0x03);
                assertThat(reply).isInstanceOfSatisfying(GeweReply.Failure.class, f -> {
                    ContactOutcome.Failed failed = f.failed();
                    assertThat(failed.kind()).isEqualTo(FailureKind.CONNECTION);
                    assertThat(failed.possiblyDelivered()).as("nothing reached GeWe").isFalse();
                });
            }
        }
    }
}
