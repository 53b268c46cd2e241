package io.gewebot.commands.chat;

import io.gewebot.host.chat.EventProcessor;
import io.gewebot.common.chat.Origin;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.api.Contact;
import io.gewebot.api.ContactOutcome;
import io.gewebot.api.ContactOutcome.FailureKind;
import io.gewebot.host.callback.CallbackEvent;
import io.gewebot.common.settings.PacingPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GeWe's contact callbacks keep the address book current: a changed friend ({@code ModContacts}) is
 * read again with {@code profiles}, on the command workers and never on the callback thread; a
 * deleted one ({@code DelContacts}) leaves the cache at once, without a plugin call.
 */
class EventProcessorContactsTest {

    private static final Contact ALICE = new Contact("wxid_alice", "Alice", "", "", List.of("family"));
    private static final Contact BOB = new Contact("wxid_bob", "Bob", "", "", List.of());

    @TempDir
    Path dir;

    /** The command workers: what was handed to them, run when the test says. */
    private final Queue<Runnable> workers = new ConcurrentLinkedQueue<>();
    private RouterRig rig;
    private EventProcessor events;

    @BeforeEach
    void start() throws Exception {
        AddressBookStub.reset();
        AddressBookStub.friends = List.of(ALICE, BOB);
        rig = new RouterRig(dir, AddressBookStub.class, Map.of(), PacingPolicy.defaults().withSkipWarmup(true), "en",
                new CommandRouterTicketsTest.SettableClock());
        events = rig.events(workers::add);
    }

    @AfterEach
    void close() {
        rig.close();
    }

    private String console(String text) {
        return rig.run(Origin.console(), text).strip().replace(System.lineSeparator(), "\n");
    }

    private static List<String> asked() {
        return new ArrayList<>(AddressBookStub.ASKED);
    }

    private void runWorkers() {
        Runnable task;
        while ((task = workers.poll()) != null) {
            task.run();
        }
    }

    @Test
    void aModifiedFriendIsReadAgainOnTheWorkersAndTheCacheShowsTheirNewProfile() {
        console("/contacts");
        AddressBookStub.friends = List.of(new Contact("wxid_alice", "Alice Liddell", "Al", "", List.of("family")), BOB);

        events.process(new CallbackEvent.ContactModified(RouterRig.APP, "wxid_alice", "Alice Liddell", ""));

        assertThat(asked()).containsExactly("friends");
        assertThat(workers).hasSize(1);
        runWorkers();
        assertThat(asked()).containsExactly("friends", "profiles [wxid_alice]");
        assertThat(console("/contacts liddell"))
                .isEqualTo("Contacts matching “liddell” (1):\nAl (wxid_alice), nickname Alice Liddell, labels: family");
    }

    @Test
    void aNewFriendJoinsTheCache() {
        console("/contacts");
        AddressBookStub.friends = List.of(ALICE, BOB, new Contact("wxid_eve", "Eve", "", "", List.of()));

        events.process(new CallbackEvent.ContactModified(RouterRig.APP, "wxid_eve", "Eve", ""));
        runWorkers();

        assertThat(console("/contacts")).isEqualTo("""
                Contacts (3):
                Alice (wxid_alice), labels: family
                Bob (wxid_bob)
                Eve (wxid_eve)""");
    }

    @Test
    void aDeletedFriendLeavesTheCacheWithoutAPluginCall() {
        console("/contacts");

        events.process(new CallbackEvent.ContactDeleted(RouterRig.APP, "wxid_bob"));

        assertThat(workers).isEmpty();
        assertThat(asked()).containsExactly("friends");
        assertThat(console("/contacts bob")).isEqualTo("No contacts match “bob”.");
    }

    @Test
    void aGroupOrAChangeBeforeTheCacheWasEverFilledNeedsNoCall() {
        events.process(new CallbackEvent.ContactModified(RouterRig.APP, "wxid_alice", "Alice", ""));
        console("/contacts");
        events.process(new CallbackEvent.ContactModified(RouterRig.APP, "123@chatroom", "Book club", ""));

        assertThat(workers).isEmpty();
        assertThat(asked()).containsExactly("friends");
    }

    @Test
    void aProfileThatCannotBeReadLeavesTheCacheAsItWasAndRiskControlPausesFriendRequests() {
        console("/contacts");
        AddressBookStub.failure = ContactOutcome.Failed.platform(FailureKind.RATE_LIMITED, 500, "slow down", null, null);

        events.process(new CallbackEvent.ContactModified(RouterRig.APP, "wxid_alice", "Alice", ""));
        runWorkers();

        assertThat(rig.printed()).contains("WeChat answered with a risk-control text (rate-limited). All friend requests "
                + "are paused until ");
        AddressBookStub.failure = null;
        assertThat(console("/contacts alice")).isEqualTo("Contacts matching “alice” (1):\nAlice (wxid_alice), labels: family");
        assertThat(console("/add wxid_x")).startsWith("Friend requests are paused until ");
    }

    @Test
    void aContactCallbackStillTellsTheAdminsOfAnAcceptedRequest() {
        console("/contacts");
        rig.inbox.expectContact(RouterRig.APP, "wxid_eve");
        AddressBookStub.friends = List.of(ALICE, BOB, new Contact("wxid_eve", "Eve", "", "", List.of()));

        events.process(new CallbackEvent.ContactModified(RouterRig.APP, "wxid_eve", "Eve", ""));

        assertThat(rig.printed()).contains("Eve (wxid_eve) is now a contact.");
        runWorkers();
        assertThat(console("/contacts eve")).isEqualTo("Contacts matching “eve” (1):\nEve (wxid_eve)");
    }
}
