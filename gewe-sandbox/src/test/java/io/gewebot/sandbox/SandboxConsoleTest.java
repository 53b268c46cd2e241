package io.gewebot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The standalone sandbox's console: the texts an account is asked to send shown whole, and lines that
 * play a person writing to the account or asking to be its friend.
 */
class SandboxConsoleTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final ByteArrayOutputStream shown = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(shown, true, StandardCharsets.UTF_8);

    private String shown() {
        return shown.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aTextAnAccountSendsIsShownWholeWithWhomItGoesTo() {
        try (GeweSandbox gewe = GeweSandbox.start()) {
            gewe.showPostedTexts(out);
            String longLine = "x".repeat(300);

            new GeweClient(gewe).call("/message/postText", "toWxid", GeweSandbox.DEMO_FRIEND,
                    "content", "Commands:\n" + longLine + "\n/help  every command");

            assertThat(shown()).isEqualTo("[" + gewe.appId() + "] to " + GeweSandbox.DEMO_FRIEND + ":"
                    + System.lineSeparator() + "  Commands:" + System.lineSeparator() + "  " + longLine
                    + System.lineSeparator() + "  /help  every command" + System.lineSeparator());
        }
    }

    @Test
    void aTextLinePushesThePersonsChatTextToTheCallbackUrl() {
        try (GeweSandbox gewe = GeweSandbox.start(); CallbackReceiver bot = new CallbackReceiver()) {
            gewe.setCallbackUrl(bot.url());

            new SandboxConsole(gewe, out).run(new BufferedReader(new StringReader(
                    "text wxid_demo_friend /add wxid_demo hello there\n")));

            JsonNode pushed = bot.await(1, WAIT).get(0);
            assertThat(pushed.path("TypeName").asText()).isEqualTo("AddMsg");
            assertThat(pushed.path("Appid").asText()).isEqualTo(gewe.appId());
            assertThat(pushed.path("Data").path("MsgType").asInt()).isEqualTo(1);
            assertThat(pushed.path("Data").path("FromUserName").path("string").asText()).isEqualTo("wxid_demo_friend");
            assertThat(pushed.path("Data").path("Content").path("string").asText()).isEqualTo("/add wxid_demo hello there");
            assertThat(shown()).contains("pushed a text from wxid_demo_friend to " + gewe.appId()
                    + ": the callback URL answered HTTP 200");
        }
    }

    @Test
    void aRequestLineMakesThePersonAskToBeAFriendWithTicketsTheAccountCanAnswer() {
        try (GeweSandbox gewe = GeweSandbox.start(SandboxOptions.defaults()
                .withMoreAccounts(new SandboxOptions.Account("wx_b", "wxid_b")));
                CallbackReceiver bot = new CallbackReceiver()) {
            gewe.setCallbackUrl(bot.url());

            new SandboxConsole(gewe, out).run(new BufferedReader(new StringReader(
                    "request wxid_someone Hi, I am Someone\n@wx_b request wxid_demo_asker\n")));

            List<JsonNode> pushed = bot.await(2, WAIT);
            assertThat(pushed.get(0).path("Data").path("MsgType").asInt()).isEqualTo(37);
            assertThat(pushed.get(0).path("Data").path("Content").path("string").asText())
                    .contains("fromusername=\"wxid_someone\"").contains("content=\"Hi, I am Someone\"");
            assertThat(gewe.pendingIncomingRequests()).extracting(IncomingRequest::fromWxid).containsExactly("wxid_someone");
            assertThat(pushed.get(1).path("Appid").asText()).isEqualTo("wx_b");
            assertThat(gewe.account("wx_b").pendingIncomingRequests()).extracting(IncomingRequest::fromWxid)
                    .containsExactly("wxid_demo_asker");
            assertThat(shown()).contains("pushed a friend request from wxid_someone to " + gewe.appId())
                    .contains("pushed a friend request from wxid_demo_asker to wx_b");
        }
    }

    @Test
    void withoutACallbackUrlOrWithAWrongLineTheConsoleSaysWhy() {
        try (GeweSandbox gewe = GeweSandbox.start()) {
            SandboxConsole console = new SandboxConsole(gewe, out);

            assertThat(console.answer("text wxid_demo_friend /help")).startsWith("not pushed: no callback URL yet");
            assertThat(console.answer("txt wxid_demo_friend /help")).startsWith("lines the console takes:")
                    .contains("text <wxid> <text>").contains("request <wxid> [greeting]");
            assertThat(console.answer("@wx_nobody text wxid_demo_friend hi")).isEqualTo("no account has appId wx_nobody");
        }
    }
}
