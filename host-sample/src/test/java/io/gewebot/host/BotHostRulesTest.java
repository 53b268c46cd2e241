package io.gewebot.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gewebot.common.settings.FriendRequestRule;
import io.gewebot.common.settings.FriendRequestRules;
import io.gewebot.common.settings.RuleAction;
import io.gewebot.sandbox.GeweSandbox;
import io.gewebot.sandbox.SandboxOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host builds its friend-request rules from {@link AccountConfig#friendRequestRules()}: a request GeWe
 * pushes over HTTP is decided by them on the command workers, and {@code /rules} lists them.
 */
class BotHostRulesTest {

    private static final String TOKEN = "tok-bothost-rules-5d2a";

    @TempDir
    Path dir;

    private GeweSandbox sandbox;
    private BotHost host;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @BeforeEach
    void start() {
        sandbox = GeweSandbox.start(SandboxOptions.defaults().withPort(0).withToken(TOKEN));
    }

    @AfterEach
    void stop() {
        if (host != null) {
            host.close();
        }
        sandbox.close();
    }

    /** The configuration as parsed from flags, with the rules the configuration file would add. */
    private static HostConfig withRules(HostConfig c, FriendRequestRules rules) {
        AccountConfig a = c.first();
        return new HostConfig(List.of(new AccountConfig(a.appId(), a.geweBaseUrl(), a.geweToken(), a.admins(),
                a.language(), a.defaultGreeting(), a.commandMaxAge(), a.pacing(), a.variant(), a.variantGuessed(), rules,
                a.accountWxid())), c.endpoint(), c.access(), c.limits(), c.link(), c.storage(), c.plugins(), c.console());
    }

    @Test
    void aRequestGeWePushesIsDecidedByTheConfiguredRules() throws Exception {
        Files.createDirectories(dir.resolve("plugins"));
        HostConfig parsed = HostCommandLine.parse(List.of("--gewe-base-url", sandbox.baseUrl(), "--gewe-token", TOKEN,
                "--gewe-app-id", sandbox.appId(), "--port", "0", "--bind", "127.0.0.1", "--no-console",
                "--data-dir", dir.resolve("data").toString(), "--plugins-dir", dir.resolve("plugins").toString()),
                Map.of(), dir);
        FriendRequestRule rule = new FriendRequestRule("quick start", List.of("quick start"), Optional.empty(),
                Set.of(), RuleAction.ACCEPT, Optional.empty(), Optional.empty(), List.of());
        host = BotHost.start(withRules(parsed, new FriendRequestRules(7, List.of(rule))), Clock.systemUTC(),
                Optional.of(new PrintStream(console, true, StandardCharsets.UTF_8)));
        sandbox.setCallbackUrl("http://127.0.0.1:" + host.port() + "/gewe/callback");

        sandbox.pushDemoFriendRequest();

        await().atMost(Duration.ofSeconds(20)).until(() -> printed().contains("Rule “quick start”"));
        // No contact plugin in an empty plugins folder: the rule tries, and the request stays for the admins.
        assertThat(printed()).doesNotContain("New friend request from").contains("Rule “quick start”: Accepting"
                + " wxid_demo_asker failed: no contact plugin is loaded. — the request stays in /requests: answer with"
                + " /accept wxid_demo_asker or /reject wxid_demo_asker.");
        host.runConsole(new java.io.ByteArrayInputStream("/rules\n".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(console, true, StandardCharsets.UTF_8));
        assertThat(printed()).contains("1. “quick start”: accept; matched 1, answered 0, left to the admins 1")
                .contains("Automatic answers: 0 of 7 (autoAnswerDailyCap)");
    }

    private String printed() {
        return console.toString(StandardCharsets.UTF_8);
    }
}
