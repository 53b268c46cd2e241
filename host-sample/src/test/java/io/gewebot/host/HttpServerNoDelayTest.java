package io.gewebot.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpServerNoDelayTest {

    private static final String NO_DELAY = "sun.net.httpserver.nodelay";

    private String noDelayBefore;

    @BeforeEach
    void forgetTheJvmSettings() {
        noDelayBefore = System.getProperty(NO_DELAY);
        System.clearProperty(NO_DELAY);
    }

    @AfterEach
    void restoreThem() {
        restore(NO_DELAY, noDelayBefore);
    }

    private static void restore(String name, String value) {
        if (value == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, value);
        }
    }

    @Test
    void theEmbeddedSandboxsHttpServerAnswersWithoutWaitingForTheClientsDelayedAck() {
        Main.applyJvmSettings();

        assertThat(System.getProperty(NO_DELAY)).isEqualTo("true");
        assertThat(System.getProperty("sun.net.httpserver.maxReqTime")).as("the endpoint needs no such setting").isNull();
    }

    @Test
    void whatTheOperatorSetWithDashDWins() {
        System.setProperty(NO_DELAY, "false");

        Main.applyJvmSettings();

        assertThat(System.getProperty(NO_DELAY)).isEqualTo("false");
    }
}
