package io.gewebot.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gewebot.api.ContactSettings;
import io.gewebot.api.FriendRequest;
import io.gewebot.sandbox.Fault;
import io.gewebot.sandbox.GeweSandbox;
import io.gewebot.sandbox.IncomingRequest;
import io.gewebot.sandbox.OutgoingRequest;
import io.gewebot.sandbox.RecordedCall;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The example host, loading the jars host-sample's build leaves in its {@code target/plugins} once with PF4J and
 * once with ServiceLoader, gets the contact commands working against a GeWe sandbox through plugin-api alone.
 */
class ForeignHostIT {

    static final String ADMIN = "wxid_admin";
    static final Path PLUGINS = Path.of(System.getProperty("plugins.dir", "../../host-sample/target/plugins"));
    static final Duration WAIT = Duration.ofSeconds(15);
    /** The spacing of friend requests: the first goes at once, the next waits this long. */
    static final Duration ADD_INTERVAL = Duration.ofSeconds(2);

    /** Every text the commands wrote, as (conversation, text), in order; toAdmins() is conversation "admins". */
    final List<Map.Entry<String, String>> out = new CopyOnWriteArrayList<>();
    @TempDir
    Path dir;
    GeweSandbox gewe;
    ForeignHost host;

    @AfterEach
    void tearDown() throws Exception {
        if (host != null) {
            host.close();
        }
        if (gewe != null) {
            gewe.close();
        }
    }

    ForeignHost start(boolean serviceLoader) throws Exception {
        Map<String, String> geweSettings = Map.of(ContactSettings.BASE_URL, gewe.baseUrl(),
                ContactSettings.TOKEN, gewe.token(), ContactSettings.APP_ID, gewe.appId());
        Map<String, String> settings = Map.of("onlineSince", "2020-01-01", "addInterval", ADD_INTERVAL.toString(),
                "addJitter", "0s", "searchInterval", "0s", "answerInterval", "0s");
        return new ForeignHost(PLUGINS, serviceLoader, geweSettings, Set.of(ADMIN), settings, dir.resolve("data"),
                (conversation, text) -> out.add(Map.entry(conversation, text)));
    }

    /** Says something as the admin and waits for the first reply to the admin after it that contains a part. */
    String ask(String command, String contains) {
        int mark = out.size();
        assertThat(host.text(ADMIN, command)).as("%s is a command", command).isTrue();
        return awaitText(mark, ADMIN, contains);
    }

    String awaitText(int mark, String conversation, String contains) {
        return await(conversation + " told '" + contains + "'; all texts: " + out).atMost(WAIT)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> out.subList(mark, out.size()).stream()
                        .filter(t -> t.getKey().equals(conversation) && t.getValue().contains(contains))
                        .map(Map.Entry::getValue).findFirst(), Optional::isPresent)
                .get();
    }

    /** @return the addContacts calls GeWe received, of one option (2 add, 3 accept, 4 reject) */
    List<RecordedCall> addContacts(int option) {
        return gewe.calls("/contacts/addContacts").stream()
                .filter(c -> c.json().path("option").asInt() == option).toList();
    }

    @ParameterizedTest(name = "serviceLoader={0}")
    @ValueSource(booleans = {false, true})
    void theCommandsPaceRefuseTwiceAnswerFriendRequestsSurviveARestartAndNeverWaitOnGewe(boolean serviceLoader)
            throws Exception {
        assertThat(PLUGINS.resolve("plugin-gewe-contacts.jar")).exists();
        assertThat(PLUGINS.resolve("plugin-contact-commands.jar")).exists();
        gewe = GeweSandbox.start();
        gewe.addPerson("wxid_zhao", "zhao_liu", "13900000002", "Zhao Liu");
        host = start(serviceLoader);

        // One friend request for one person, however they are written.
        assertThat(ask("/add 13900000002", "13900000002")).isEqualTo("Friend request sent to Zhao Liu (13900000002).");
        assertThat(addContacts(2)).hasSize(1);
        assertThat(ask("/add zhao_liu", "zhao_liu")).startsWith("A friend request to Zhao Liu (zhao_liu) was already sent at ");
        assertThat(ask("/add   wxid_zhao  ", "wxid_zhao")).startsWith("A friend request to Zhao Liu (wxid_zhao) was already sent at ");
        assertThat(addContacts(2)).hasSize(1);

        // The next person waits for the interval, then goes out by itself.
        Instant queuedAt = Instant.now();
        assertThat(ask("/add " + GeweSandbox.DEMO_STRANGER, GeweSandbox.DEMO_STRANGER)).contains("queued");
        assertThat(addContacts(2)).hasSize(1);
        await().atMost(WAIT).until(() -> addContacts(2).size() == 2);
        assertThat(Duration.between(queuedAt, addContacts(2).get(1).receivedAt())).isGreaterThan(ADD_INTERVAL.minusMillis(500));
        assertThat(gewe.outgoingRequests()).extracting(OutgoingRequest::toWxid)
                .containsExactly("wxid_zhao", GeweSandbox.DEMO_STRANGER);

        // Someone who is not an admin makes no GeWe call.
        int calls = gewe.calls().size();
        host.text("wxid_stranger", "/add " + GeweSandbox.DEMO_ALIAS);
        Thread.sleep(500); // a window: that nothing happens cannot be awaited
        assertThat(gewe.calls()).hasSize(calls);

        // A friend request reaches the admins, is listed and accepted with its own tickets.
        IncomingRequest held = gewe.account(gewe.appId()).holdFriendRequest("wxid_asker", "Asker", "v3_asker", "v4_asker", 6);
        int mark = out.size();
        host.friendRequest(new FriendRequest("wxid_asker", "Asker", "hello", 6, held.v3(), held.v4(), Instant.now()));
        awaitText(mark, ForeignHost.ADMINS, "wxid_asker");
        assertThat(ask("/requests", "Pending")).startsWith("Pending friend requests (1):").contains("wxid_asker");
        assertThat(ask("/accept wxid_asker", "Accepted")).isEqualTo("Accepted the friend request from Asker (wxid_asker).");
        assertThat(addContacts(3)).singleElement().satisfies(c -> {
            assertThat(c.json().path("v3").asText()).isEqualTo("v3_asker");
            assertThat(c.json().path("v4").asText()).isEqualTo("v4_asker");
        });
        assertThat(gewe.isFriend("wxid_asker")).isTrue();

        // A new host on the same data folder remembers it all.
        host.close();
        host = start(serviceLoader);
        assertThat(ask("/add zhao_liu", "zhao_liu")).startsWith("A friend request to Zhao Liu (zhao_liu) was already sent at ");
        assertThat(ask("/add " + GeweSandbox.DEMO_STRANGER, GeweSandbox.DEMO_STRANGER)).contains("already sent");
        assertThat(ask("/history", "Recent")).contains("/add 13900000002 by " + ADMIN)
                .contains("/accept wxid_asker by " + ADMIN);
        assertThat(ask("/requests", "request")).doesNotContain("wxid_asker");
        assertThat(addContacts(2)).hasSize(2);

        // While GeWe hangs on the search, /add still returns at once; the reply comes when GeWe answers.
        gewe.addPerson("wxid_qian", "qian_qi", "13900000003", "Qian Qi");
        gewe.faults().once("/contacts/search", Fault.delay(Duration.ofSeconds(3)));
        mark = out.size();
        long t0 = System.nanoTime();
        assertThat(host.text(ADMIN, "/add qian_qi")).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(100));
        assertThat(awaitText(mark, ADMIN, "qian_qi")).isEqualTo("Friend request sent to Qian Qi (qian_qi).");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("the reply waited for GeWe").isGreaterThan(Duration.ofMillis(2500));
    }
}
