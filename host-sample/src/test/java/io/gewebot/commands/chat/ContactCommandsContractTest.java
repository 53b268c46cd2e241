package io.gewebot.commands.chat;

import io.gewebot.common.chat.Origin;

import io.gewebot.common.settings.FriendRequestRules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gewebot.api.AddRequest;
import io.gewebot.api.ContactAction;
import io.gewebot.api.ContactOutcome;
import io.gewebot.api.ContactSettings;
import io.gewebot.api.FriendRequest;
import io.gewebot.api.Person;
import io.gewebot.api.chat.CommandInfo;
import io.gewebot.api.chat.IncomingText;
import io.gewebot.common.settings.PacingPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chat contract as a host sees the contact commands: a text is taken or left at once, whatever the
 * platform is doing; nobody but an admin leads to a platform call; the commands are listed for a help.
 */
class ContactCommandsContractTest {

    /** Every operation the platform was asked for. */
    static final Queue<String> ASKED = new ConcurrentLinkedQueue<>();
    /** Holds every lookup until it is let go: a platform that hangs. */
    static volatile CountDownLatch platform = new CountDownLatch(0);

    @TempDir
    Path dir;

    private final ExecutorService workers = Executors.newFixedThreadPool(2);
    private RouterRig rig;

    /** A platform that answers every lookup once it is let go. */
    public static final class HangingStub implements ContactAction {
        /** Found by {@link java.util.ServiceLoader}. */
        public HangingStub() {
        }

        @Override
        public String name() {
            return "hanging-stub";
        }

        @Override
        public void configure(ContactSettings settings) {
        }

        @Override
        public ContactOutcome lookup(String target) {
            ASKED.add("lookup " + target);
            try {
                platform.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new ContactOutcome.Found(new Person("v3_" + target, Optional.of(target), "", false, "v3_" + target,
                    "v4_" + target, OptionalInt.empty()));
        }

        @Override
        public ContactOutcome add(AddRequest request, Person person) {
            ASKED.add("add " + request.target());
            return new ContactOutcome.Done(Optional.of(request.target()), Optional.empty());
        }

        @Override
        public ContactOutcome add(AddRequest request) {
            throw new AssertionError("the commands send with the looked-up person");
        }

        @Override
        public ContactOutcome accept(FriendRequest request, String message) {
            throw new AssertionError("not used");
        }

        @Override
        public ContactOutcome reject(FriendRequest request, String message) {
            throw new AssertionError("not used");
        }
    }

    @BeforeEach
    void start() throws Exception {
        ASKED.clear();
        platform = new CountDownLatch(1);
        rig = new RouterRig(dir, HangingStub.class, Map.of(), PacingPolicy.defaults().withSkipWarmup(true)
                .withAddInterval(Duration.ZERO).withSearchInterval(Duration.ZERO).withAddJitter(Duration.ZERO), "en", Clock.systemUTC(),
                io.gewebot.common.settings.FriendRequestRules.none(), "http://127.0.0.1:9/v2/api", workers);
    }

    @AfterEach
    void stop() {
        platform.countDown();
        workers.shutdownNow();
        rig.close();
    }

    private static IncomingText text(String sender, boolean admin, String text) {
        return new IncomingText(sender, sender, admin, text, java.time.Instant.now());
    }

    @Test
    void aCommandIsTakenAtOnceWhileThePlatformHangsAndAnsweredWhenItComesBack() {
        // Loads the parser and the dispatch once, so that what is timed is the taking, not class loading.
        rig.commands.onText(text(Origin.CONSOLE, true, "/queue"));
        rig.printed();
        long start = System.nanoTime();
        boolean taken = rig.commands.onText(text(Origin.CONSOLE, true, "/add wxid_slow"));
        long addMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        await().atMost(Duration.ofSeconds(10)).until(() -> ASKED.contains("lookup wxid_slow"));

        start = System.nanoTime();
        boolean queueTaken = rig.commands.onText(text(Origin.CONSOLE, true, "/add wxid_other"));
        long secondMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(taken).isTrue();
        assertThat(queueTaken).isTrue();
        assertThat(addMillis).as("onText of /add, in ms").isLessThan(100);
        assertThat(secondMillis).as("onText of a second /add while the first waits on the platform, in ms")
                .isLessThan(100);
        assertThat(rig.printed()).doesNotContain("wxid_slow");

        platform.countDown();
        StringBuilder replies = new StringBuilder();
        await().atMost(Duration.ofSeconds(10)).until(() -> replies.append(rig.printed()).toString()
                .contains("Friend request sent to wxid_slow") && replies.toString().contains("wxid_other"));
        assertThat(ASKED).contains("add wxid_slow", "add wxid_other");
    }

    @Test
    void aCommandFromSomeoneWhoIsNoAdminIsTakenButLeadsToNoPlatformCall() throws Exception {
        platform.countDown();

        assertThat(rig.commands.onText(text("wxid_stranger", false, "/add wxid_victim"))).isTrue();
        workers.shutdown();
        assertThat(workers.awaitTermination(5, TimeUnit.SECONDS)).isTrue();

        assertThat(ASKED).isEmpty();
        assertThat(rig.printed()).isEmpty();
    }

    @Test
    void textsThatAreNoneOfItsCommandsAreLeftToTheHost() {
        assertThat(rig.commands.onText(text(Origin.CONSOLE, true, "hello"))).isFalse();
        assertThat(rig.commands.onText(text(Origin.CONSOLE, true, "/help"))).isFalse();
        assertThat(rig.commands.onText(text(Origin.CONSOLE, true, "/plugins"))).isFalse();
        assertThat(rig.commands.onText(text(Origin.CONSOLE, true, "/nosuchcommand"))).isFalse();
        assertThat(ASKED).isEmpty();
    }

    @Test
    void itsCommandsAreListedWithTheirUsageAndWhatTheyDoButNotTheHosts() {
        List<CommandInfo> commands = rig.commands.commands();

        assertThat(commands).extracting(CommandInfo::name).contains("add", "accept", "reject", "requests", "queue",
                "history", "limits", "rules").doesNotContain("help", "plugins");
        assertThat(commands.get(0)).isEqualTo(new CommandInfo("add", "/add <wxid|WeChat ID|phone> [greeting...]",
                "send a friend request (paced; never twice)"));
    }

    @Test
    void aSettingThatCannotBeReadStopsTheStartNamingItsKey() {
        assertThatThrownBy(() -> rig.commandsWith(Map.of("commandMaxAge", "10")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("setting commandMaxAge: ").hasMessageContaining("30m");
        assertThatThrownBy(() -> rig.commandsWith(Map.of("addInterval", "soon")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("setting addInterval: ");
    }

    @Test
    void aCommandOlderThanTheCommandAgeOfTheSettingsIsNotCarriedOut() {
        ContactCommands commands = rig.commandsWith(Map.of("commandMaxAge", "5m"));
        rig.printed();

        boolean taken = commands.onText(new IncomingText(Origin.CONSOLE, Origin.CONSOLE, true, "/add wxid_late",
                java.time.Instant.now().minus(Duration.ofMinutes(6))));

        assertThat(taken).isTrue();
        assertThat(rig.printed()).startsWith("Ignored /add wxid_late: it was written at ")
                .contains("commands older than 5m are not carried out");
        assertThat(ASKED).isEmpty();
    }
}
