package io.gewebot.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpServerNoDelayTest {

    private static final String NO_DELAY = "sun.net.httpserver.nodelay";
    private static final String MAX_REQUEST_TIME = "sun.net.httpserver.maxReqTime";

    private String noDelayBefore;
    private String maxRequestTimeBefore;

    @BeforeEach
    void forgetTheJvmSettings() {
        noDelayBefore = System.getProperty(NO_DELAY);
        maxRequestTimeBefore = System.getProperty(MAX_REQUEST_TIME);
        System.clearProperty(NO_DELAY);
        System.clearProperty(MAX_REQUEST_TIME);
    }

    @AfterEach
    void restoreThem() {
        restore(NO_DELAY, noDelayBefore);
        restore(MAX_REQUEST_TIME, maxRequestTimeBefore);
    }

    private static void restore(String name, String value) {
        if (value == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, value);
        }
    }

    @Test
    void theHostsHttpServersAnswerWithoutWaitingForTheClientsDelayedAck() {
        Main.applyJvmSettings();

        assertThat(System.getProperty(NO_DELAY)).isEqualTo("true");
        assertThat(System.getProperty(MAX_REQUEST_TIME)).isEqualTo("10");
    }

    @Test
    void whatTheOperatorSetWithDashDWins() {
        System.setProperty(NO_DELAY, "false");
        System.setProperty(MAX_REQUEST_TIME, "3");

        Main.applyJvmSettings();

        assertThat(System.getProperty(NO_DELAY)).isEqualTo("false");
        assertThat(System.getProperty(MAX_REQUEST_TIME)).isEqualTo("3");
    }
}
