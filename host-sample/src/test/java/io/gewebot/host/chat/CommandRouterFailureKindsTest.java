package io.gewebot.host.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.api.AddRequest;
import io.gewebot.api.ContactAction;
import io.gewebot.api.ContactOutcome;
import io.gewebot.api.ContactOutcome.FailureKind;
import io.gewebot.api.ContactSettings;
import io.gewebot.api.FriendRequest;
import io.gewebot.host.Messages;
import io.gewebot.host.command.CommandParser;
import io.gewebot.host.pacing.FriendRequestPacer;
import io.gewebot.host.pacing.PacingPolicy;
import io.gewebot.host.runtime.ContactCalls;
import io.gewebot.host.runtime.PluginRuntime;
import io.gewebot.host.store.Database;
import io.gewebot.host.store.FriendRequestInbox;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host acts on a plugin's failure kind, not on its wording: a stub extension that answers
 * "rate-limited" or "account offline" with a neutral text gets the same treatment as GeWe's own
 * texts would.
 */
class CommandRouterFailureKindsTest {

    private static final String APP = "wx_app";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final ExecutorService replies = Executors.newSingleThreadExecutor();
    private Database db;
    private PluginRuntime plugins;
    private ContactCalls calls;
    private GeweMessenger messenger;

    /** An extension whose every add fails with the kind and text its settings name. */
    public static final class KindStub implements ContactAction {
        private volatile ContactOutcome.Failed failure;

        /** Found by {@link java.util.ServiceLoader}. */
        public KindStub() {
        }

        @Override
        public String name() {
            return "kind-stub";
        }

        @Override
        public void configure(ContactSettings settings) {
            failure = ContactOutcome.Failed.platform(FailureKind.valueOf(settings.get("stub.kind").orElseThrow()), 500,
                    settings.get("stub.text").orElseThrow(), null, null);
        }

        @Override
        public ContactOutcome add(AddRequest request) {
            return failure;
        }

        @Override
        public ContactOutcome accept(FriendRequest request, String message) {
            return failure;
        }

        @Override
        public ContactOutcome reject(FriendRequest request, String message) {
            return failure;
        }
    }

    @AfterEach
    void close() {
        replies.shutdownNow();
        if (calls != null) {
            calls.close();
        }
        if (plugins != null) {
            plugins.close();
        }
        if (messenger != null) {
            messenger.close();
        }
        if (db != null) {
            db.close();
        }
    }

    private CommandRouter router(FailureKind kind, String text) throws Exception {
        Path services = Files.createDirectories(dir.resolve("cp/META-INF/services"));
        Files.writeString(services.resolve(ContactAction.class.getName()), KindStub.class.getName() + "\n");
        ClassLoader loader = new URLClassLoader(new URL[] {dir.resolve("cp").toUri().toURL()}, getClass().getClassLoader());
        plugins = new PluginRuntime(dir.resolve("no-plugins"), ContactSettings.of(Map.of(
                ContactSettings.BASE_URL, "http://127.0.0.1:9/v2/api", ContactSettings.TOKEN, "t",
                ContactSettings.APP_ID, APP, "stub.kind", kind.name(), "stub.text", text)), loader);
        plugins.start();
        db = Database.open(dir.resolve("data"));
        Clock clock = Clock.systemUTC();
        FriendRequestPacer pacer = new FriendRequestPacer(db, PacingPolicy.defaults().withSkipWarmup(true)
                .withMinInterval(Duration.ZERO).withJitter(Duration.ZERO).withSearchInterval(Duration.ZERO), clock,
                new Random(1));
        calls = new ContactCalls(Duration.ofSeconds(5), 2);
        messenger = new GeweMessenger("http://127.0.0.1:9/v2/api", "t", APP, Duration.ofSeconds(1));
        ChatOutput out = new ChatOutput(messenger, replies,
                Optional.of(new PrintStream(printed, true, StandardCharsets.UTF_8)), List.of(), new Redactor(List.of("t")));
        return new CommandRouter(APP, Messages.of("en", ZoneOffset.UTC), plugins, calls, new FriendRequestInbox(db), pacer,
                new AccountState(clock), out, new Redactor(List.of("t")), clock, Duration.ofDays(7), Duration.ofDays(3));
    }

    private String run(CommandRouter router, String text) {
        printed.reset();
        router.execute(Origin.console(), new CommandParser().parse(text).orElseThrow());
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aRateLimitedAnswerInNeutralWordsPausesAdds() throws Exception {
        CommandRouter router = router(FailureKind.RATE_LIMITED, "please slow down");

        String first = run(router, "/add wxid_a");
        assertThat(first).contains("Friend request to wxid_a failed: please slow down")
                .contains("WeChat answered with a risk-control text (please slow down). All friend requests are paused until ");
        assertThat(run(router, "/add wxid_b")).startsWith("Friend requests are paused until ");
    }

    @Test
    void anAccountOfflineAnswerInNeutralWordsRefusesTheNextAdd() throws Exception {
        CommandRouter router = router(FailureKind.ACCOUNT_OFFLINE, "not logged in");

        assertThat(run(router, "/add wxid_a")).contains("Friend request to wxid_a failed: not logged in");
        assertThat(run(router, "/add wxid_b"))
                .isEqualTo("The WeChat account is offline; /add is refused until it is online again." + System.lineSeparator());
    }

    @Test
    void anyOtherPlatformFailureNeitherPausesNorTakesTheAccountOffline() throws Exception {
        CommandRouter router = router(FailureKind.PLATFORM, "频繁 离线");

        assertThat(run(router, "/add wxid_a")).contains("Friend request to wxid_a failed: 频繁 离线")
                .doesNotContain("paused");
        assertThat(run(router, "/add wxid_b")).contains("Friend request to wxid_b failed: 频繁 离线");
    }
}
