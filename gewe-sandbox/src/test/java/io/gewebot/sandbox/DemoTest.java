package io.gewebot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** What the quick start shows a new user: a request that can really be answered, and a paste-able text. */
class DemoTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final GeweSandbox sandbox = GeweSandbox.start();
    private final GeweClient client = new GeweClient(sandbox);
    private final CallbackReceiver receiver = new CallbackReceiver();

    DemoTest() {
        sandbox.setCallbackUrl(receiver.url());
    }

    @AfterEach
    void close() {
        sandbox.close();
        receiver.close();
    }

    @Test
    void theDemoFriendRequestCarriesTicketsTheSandboxAcceptsAndAcceptingMakesAFriend() throws Exception {
        IncomingRequest pushed = sandbox.pushDemoFriendRequest();

        Element msg = FriendRequestFlowTest.msgElement(receiver.await(1, WAIT).get(0));
        assertThat(msg.getAttribute("fromusername")).isEqualTo(GeweSandbox.DEMO_ASKER);
        assertThat(msg.getAttribute("fromnickname")).isEqualTo("Demo Asker");
        assertThat(msg.getAttribute("content")).isEqualTo(GeweSandbox.DEMO_ASKER_GREETING);
        assertThat(msg.getAttribute("scene")).isEqualTo("6");
        assertThat(sandbox.isFriend(GeweSandbox.DEMO_ASKER)).isFalse();

        // Answered with the tickets of the pushed XML, as a bot does.
        JsonNode answer = client.call("/contacts/addContacts", "scene", Integer.parseInt(msg.getAttribute("scene")),
                "option", 3, "v3", msg.getAttribute("encryptusername"), "v4", msg.getAttribute("ticket"), "content", "");

        assertThat(answer.path("ret").asInt()).isEqualTo(200);
        assertThat(sandbox.isFriend(GeweSandbox.DEMO_ASKER)).isTrue();
        assertThat(pushed.v3()).isEqualTo(msg.getAttribute("encryptusername"));
    }

    @Test
    void thePastedTextCommandPostsACurrentTextCallbackEachTimeItRuns() throws Exception {
        assumeThat(Path.of("/usr/bin/curl")).as("curl is installed").exists();
        String command = sandbox.callbacks().textCommand(receiver.url(), GeweSandbox.DEMO_FRIEND, "/add it's \"$HOME\" `x` !");

        run(command);
        run(command);

        JsonNode first = receiver.await(2, WAIT).get(0);
        JsonNode second = receiver.await(2, WAIT).get(1);
        assertThat(first.path("TypeName").asText()).isEqualTo("AddMsg");
        assertThat(first.path("Appid").asText()).isEqualTo(sandbox.appId());
        assertThat(first.path("Data").path("FromUserName").path("string").asText()).isEqualTo(GeweSandbox.DEMO_FRIEND);
        assertThat(first.path("Data").path("Content").path("string").asText()).isEqualTo("/add it's \"$HOME\" `x` !");
        assertThat(first.path("Data").path("CreateTime").asLong())
                .isBetween(Instant.now().getEpochSecond() - 60, Instant.now().getEpochSecond() + 1);
        assertThat(first.path("Data").path("NewMsgId").asLong()).isPositive()
                .isNotEqualTo(second.path("Data").path("NewMsgId").asLong());
    }

    private static void run(String command) throws IOException, InterruptedException {
        Process shell = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        assertThat(shell.waitFor(20, TimeUnit.SECONDS)).isTrue();
        String output = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(shell.exitValue()).as(output).isZero();
    }
}
