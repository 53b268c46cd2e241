package io.gewebot.host.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.gewebot.host.callback.CallbackDecoder;
import io.gewebot.host.http.CallbackServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The endpoint listens on the address it is given, and only there. */
class CallbackServerBindTest {

    private static CallbackServer start(CallbackServer.Settings settings) throws IOException {
        return CallbackServer.start(settings);
    }

    private static CallbackServer.Settings on(String bind) {
        return new CallbackServer.Settings(bind, 0, "", 1 << 20, new CallbackDecoder(), event -> { },
                () -> Map.of("status", "UP"));
    }

    private static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void boundToIpv4LoopbackItCannotBeReachedThroughAnyOtherAddress() throws Exception {
        // The IPv6 loopback reaches a server on every interface, where the machine has one.
        try (CallbackServer everywhere = start(on("0.0.0.0"))) {
            assumeThat(reachable("::1", everywhere.port())).as("this machine has an IPv6 loopback").isTrue();
        }
        try (CallbackServer loopback = start(on("127.0.0.1"))) {
            assertThat(reachable("127.0.0.1", loopback.port())).isTrue();
            assertThat(reachable("::1", loopback.port())).isFalse();
        }
    }

    @Test
    void aPortInUseOnThatAddressFailsTheStart() throws Exception {
        try (CallbackServer first = start(on("127.0.0.1"))) {
            CallbackServer.Settings same = new CallbackServer.Settings("127.0.0.1", first.port(), "", 1 << 20,
                    new CallbackDecoder(), event -> { }, () -> Map.of());
            assertThatThrownBy(() -> start(same)).isInstanceOf(java.net.BindException.class);
        }
    }
}
