package io.gewebot.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpServerNoDelayTest {

    @Test
    void theHostsHttpServersAnswerWithoutWaitingForTheClientsDelayedAck() throws ClassNotFoundException {
        // Loading the host is what turns Nagle's algorithm off for the JDK's HTTP servers, before any starts.
        Class.forName(BotHost.class.getName(), true, BotHost.class.getClassLoader());

        assertThat(System.getProperty("sun.net.httpserver.nodelay")).isEqualTo("true");
    }
}
