package io.gewebot.commands.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.common.settings.PacingPolicy;
import io.gewebot.host.callback.CallbackEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Only a message that may act is marked in the database before it is handled: an admin's text, whatever it
 * says. Chat from anyone else (a command among it), the account's own texts and messages that are not text
 * are handled without a database write, and each time they come.
 */
class EventProcessorMarksTest {

    private static final Instant NOW = Instant.parse("2026-12-08T02:00:00Z");

    @TempDir
    Path dir;

    private RouterRig rig;

    @BeforeEach
    void start() throws Exception {
        rig = new RouterRig(dir, AddressBookStub.class, Map.of(), PacingPolicy.defaults().withSkipWarmup(true), "en",
                new CommandRouterTicketsTest.SettableClock());
    }

    @AfterEach
    void close() {
        rig.close();
    }

    private static CallbackEvent.TextMessage text(long id, String from, String text, boolean fromSelf) {
        return new CallbackEvent.TextMessage(RouterRig.APP, "wxid_me", id, from, from, text, NOW, false, fromSelf);
    }

    private double count(String name) {
        var counter = rig.meters.find(name).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void anAdminsTextIsMarkedAndItsRepushDropped() {
        rig.push(text(1, RouterRig.ADMIN, "good morning", false));
        rig.push(text(1, RouterRig.ADMIN, "good morning", false));

        assertThat(rig.remembered()).isEqualTo(1);
        assertThat(count("gewebot.callbacks.duplicates")).isEqualTo(1);
    }

    @Test
    void chatFromOthersTheAccountsOwnTextsAndOtherMessagesLeaveNothingInTheDatabase() {
        rig.push(text(2, "wxid_stranger", "/add wxid_victim", false));
        rig.push(text(2, "wxid_stranger", "/add wxid_victim", false));
        rig.push(text(3, RouterRig.ADMIN, "/help", true));
        rig.push(new CallbackEvent.OtherMessage(RouterRig.APP, 4, 3));

        assertThat(rig.remembered()).isZero();
        assertThat(count("gewebot.callbacks.received")).isEqualTo(4);
        assertThat(count("gewebot.callbacks.duplicates")).isZero();
    }
}
