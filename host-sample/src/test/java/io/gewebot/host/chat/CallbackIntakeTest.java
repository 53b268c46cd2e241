package io.gewebot.host.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gewebot.common.store.Database;
import io.gewebot.host.callback.CallbackDecoder;
import io.gewebot.host.callback.CallbackEvent;
import io.gewebot.host.http.CallbackServer.Intake.Verdict;
import io.gewebot.host.metrics.HostMetrics;
import io.gewebot.host.store.DatabaseHealth;
import io.gewebot.host.store.DatabaseSettings;
import io.gewebot.host.store.Databases;
import io.gewebot.host.store.DeliveredCallbacks;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The intake answers a callback 200 only once it is recorded, 503 when it cannot be, drops a
 * re-delivery, and hands on at start what a killed host had answered and not handled.
 */
class CallbackIntakeTest {

    private static final String APP = "wx_app";

    @TempDir
    Path dir;

    private final List<CallbackEvent> handed = new CopyOnWriteArrayList<>();
    private final CallbackDecoder decoder = new CallbackDecoder();

    private static String text(long newMsgId) {
        return text(newMsgId, "wxid_admin", "/limits");
    }

    private static String text(long newMsgId, String from, String content) {
        return "{\"TypeName\":\"AddMsg\",\"Appid\":\"" + APP + "\",\"Wxid\":\"wxid_me\",\"Data\":{\"MsgId\":1,"
                + "\"NewMsgId\":" + newMsgId + ",\"MsgType\":1,\"CreateTime\":1765100000,"
                + "\"FromUserName\":{\"string\":\"" + from + "\"},\"ToUserName\":{\"string\":\"wxid_me\"},"
                + "\"Content\":{\"string\":\"" + content + "\"}}}";
    }

    private CallbackIntake intake(Database db, String owner) {
        CallbackIntake.Account account = new CallbackIntake.Account() {
            @Override
            public int room() {
                return 100;
            }

            @Override
            public void accept(CallbackEvent event) {
                handed.add(event);
            }

            @Override
            public boolean mayAct(CallbackEvent event) {
                return event instanceof CallbackEvent.TextMessage text && text.senderWxid().equals("wxid_admin");
            }
        };
        CallbackRouting routing = new CallbackRouting(Map.of(APP, handed::add), Clock.systemUTC());
        return new CallbackIntake(Map.of(APP, account), routing,
                new DeliveredCallbacks(db, Clock.systemUTC(), Duration.ofDays(3), 1_000, owner),
                new DatabaseHealth("the test database", text -> text, Clock.systemUTC()), new HostMetrics(new SimpleMeterRegistry()), decoder, Clock.systemUTC(),
                Duration.ZERO, 100);
    }

    private Verdict take(CallbackIntake intake, String json) throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return intake.take(decoder.decode(body), body).toCompletableFuture().get();
    }

    @Test
    void aCallbackIsAnswered200OnceRecordedAndARedeliveryIsDropped() throws Exception {
        try (Database db = Databases.open(DatabaseSettings.sqliteIn(dir)); CallbackIntake intake = intake(db, "run-1")) {
            intake.start();
            assertThat(take(intake, text(42))).isEqualTo(Verdict.ACCEPTED);
            assertThat(take(intake, text(42))).isEqualTo(Verdict.ACCEPTED);
            assertThat(handed).hasSize(1);
            assertThat(new DeliveredCallbacks(db, Clock.systemUTC(), Duration.ofDays(3), 1_000).pending()).isEqualTo(1);
        }
    }

    @Test
    void aCallbackThatCannotBeRecordedIsAnswered503AndNotHandedOn() throws Exception {
        Database db = Databases.open(DatabaseSettings.sqliteIn(dir));
        try (CallbackIntake intake = intake(db, "run-1")) {
            intake.start();
            db.close();
            assertThat(take(intake, text(43))).isEqualTo(Verdict.UNAVAILABLE);
            assertThat(handed).isEmpty();
        }
    }

    @Test
    void whatAKilledHostAnsweredAndDidNotHandleIsHandedOnAtTheNextStart() throws Exception {
        try (Database db = Databases.open(DatabaseSettings.sqliteIn(dir))) {
            CallbackIntake killed = intake(db, "run-1");
            killed.start();
            assertThat(take(killed, text(44))).isEqualTo(Verdict.ACCEPTED);
            // Killed before its account handled it: nothing marked it as begun.
            handed.clear();
        }
        try (Database db = Databases.open(DatabaseSettings.sqliteIn(dir)); CallbackIntake next = intake(db, "run-2")) {
            next.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> handed.size() == 1);
            assertThat(handed.get(0).dedupKey()).contains(APP + ":44");
            DeliveredCallbacks records = new DeliveredCallbacks(db, Clock.systemUTC(), Duration.ofDays(3), 1_000, "run-2");
            assertThat(records.begin(APP + ":44")).isEqualTo(DeliveredCallbacks.Begin.GO);
            assertThat(take(next, text(44))).as("GeWe pushes it again").isEqualTo(Verdict.ACCEPTED);
            assertThat(handed).hasSize(1);
        }
    }

    @Test
    void aMessageThatCannotActIsAnsweredAndHandedOnUnrecordedEachTimeItComes() throws Exception {
        try (Database db = Databases.open(DatabaseSettings.sqliteIn(dir)); CallbackIntake intake = intake(db, "run-1")) {
            intake.start();
            assertThat(take(intake, text(45, "wxid_someone", "/add wxid_x"))).isEqualTo(Verdict.ACCEPTED);
            assertThat(take(intake, text(45, "wxid_someone", "/add wxid_x"))).isEqualTo(Verdict.ACCEPTED);
            assertThat(handed).extracting(CallbackEvent::dedupKey).containsExactly(
                    Optional.of(APP + ":45"), Optional.of(APP + ":45"));
            DeliveredCallbacks records = new DeliveredCallbacks(db, Clock.systemUTC(), Duration.ofDays(3), 1_000);
            assertThat(records.pending()).isZero();
            assertThat(records.size()).isZero();
        }
    }

    @Test
    void aMessageThatCannotActLeftByAnEarlierReleaseIsHandedOnceAndLetGo() throws Exception {
        try (Database db = Databases.open(DatabaseSettings.sqliteIn(dir))) {
            // an earlier release recorded every message before answering it, and was killed before handling this one
            byte[] body = text(46, "wxid_someone", "hello").getBytes(StandardCharsets.UTF_8);
            new DeliveredCallbacks(db, Clock.systemUTC(), Duration.ofDays(3), 1_000, "run-0")
                    .record(List.of(new DeliveredCallbacks.Arrival(APP + ":46", APP, body)));
        }
        try (Database db = Databases.open(DatabaseSettings.sqliteIn(dir))) {
            DeliveredCallbacks records = new DeliveredCallbacks(db, Clock.systemUTC(), Duration.ofDays(3), 1_000);
            try (CallbackIntake next = intake(db, "run-1")) {
                next.start();
                assertThat(handed).extracting(CallbackEvent::dedupKey).containsExactly(Optional.of(APP + ":46"));
            }
            // Handed on to be handled unmarked, it is let go at once: the next start finds nothing of it.
            assertThat(records.pending()).isZero();
            try (CallbackIntake again = intake(db, "run-2")) {
                again.start();
            }
            assertThat(handed).hasSize(1);
        }
    }
}
