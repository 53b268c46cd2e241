package io.gewebot.host.hardening;

import static io.gewebot.host.hardening.Rig.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gewebot.host.e2e.BuiltHost;
import io.gewebot.sandbox.Callbacks;
import io.gewebot.sandbox.Fault;
import io.gewebot.sandbox.PostedText;
import io.gewebot.sandbox.RecordedCall;
import io.gewebot.sandbox.SandboxAccount;
import io.gewebot.sandbox.SandboxOptions;
import io.gewebot.testkit.HostProcess;
import io.gewebot.testkit.TestPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three built hosts on one PostgreSQL, serving two accounts of one GeWe token, with callbacks spread
 * over them as a load balancer would and every callback also delivered a second time to another
 * instance: each command is acted on once and answered once, and each account's daily cap holds for
 * the account as a whole. Then one instance is killed ({@code kill -9}) while GeWe holds its friend
 * request: that request is never sent again and is settled as maybe sent once the instance's lease
 * ran out, and the requests it would have sent next are sent by the others, still paced.
 */
class SeveralInstancesIT extends RigTest {

    static final String APP_B = "wx_second_account";
    static final String ADMIN_B = "wxid_admin_of_b";
    private static final int INSTANCES = 3;
    /** Message ids no other callback of the sandbox uses. */
    private static final AtomicLong MSG_IDS = new AtomicLong(8_100_000_000L);

    private final List<HostProcess> hosts = new ArrayList<>();

    @Override
    SandboxOptions sandboxOptions() {
        return SandboxOptions.defaults().withMoreAccounts(new SandboxOptions.Account(APP_B, "wxid_second_bot"));
    }

    @AfterEach
    void stopHosts() throws Exception {
        for (HostProcess host : hosts) {
            host.close();
            assertThat(host.output()).as("host output").doesNotContain(gewe.token()).doesNotContain("test-password");
        }
    }

    /** Starts the instances at once on a new database, both accounts paced as given. */
    private void startInstances(String pacing) throws Exception {
        TestPostgres.Db db = TestPostgres.freshDatabase();
        Path config = Files.writeString(dir.resolve("bot.yaml"), """
                accounts:
                  - appId: %s
                    admins: [%s]
                    pacing: %s
                  - appId: %s
                    admins: [%s]
                    pacing: %s
                """.formatted(gewe.appId(), ADMIN, pacing, APP_B, ADMIN_B, pacing));
        for (int i = 0; i < INSTANCES; i++) {
            Path work = Files.createDirectories(dir.resolve("instance-" + i));
            List<String> args = new ArrayList<>(HostProcess.NO_PACING);
            args.addAll(List.of("--port", "0", "--no-console", "--config", config.toString(),
                    "--database-url", db.jdbcUrl(), "--database-user", db.user()));
            hosts.add(BuiltHost.builder(work).env(rig.env()).env(Map.of("BOT_DATA_DIR", work.resolve("data").toString(),
                    "BOT_DATABASE_PASSWORD", db.password())).args(args).start());
        }
        for (HostProcess host : hosts) {
            host.awaitListening(BuiltHost.START_LIMIT);
        }
        // What GeWe pushes by itself (contact changes) reaches one of them, as through a load balancer.
        gewe.setCallbackUrl(hosts.get(0).callbackUrl());
    }

    /** Delivers a callback to one instance; the instance must take it. */
    private static void deliver(HostProcess host, String json) throws IOException, InterruptedException {
        HttpResponse<String> answer = host.post(URI.create(host.callbackUrl()).getPath(), json);
        assertThat(answer.statusCode()).as("callback status at port %s", host.port()).isEqualTo(200);
    }

    private static String text(Callbacks callbacks, String from, String text) {
        return callbacks.textJson(from, text, MSG_IDS.incrementAndGet());
    }

    private static List<RecordedCall> adds(List<RecordedCall> addContacts) {
        return addContacts.stream().filter(c -> c.json().path("option").asInt() == 2).toList();
    }

    private static List<PostedText> textsTo(List<PostedText> texts, String to, String mentioning) {
        return texts.stream().filter(t -> t.toWxid().equals(to) && t.content().contains(mentioning)).toList();
    }

    @Test
    void spreadAndDuplicatedCommandsAreActedOnOnceAnsweredOnceAndTheCapsHoldPerAccount() throws Exception {
        startInstances("{addDailyCap: 3}");
        SandboxAccount b = gewe.account(APP_B);
        List<String> people = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String wxid = "wxid_spread_" + i;
            gewe.addPerson(wxid, null, null, "Person " + i);
            people.add(wxid);
        }

        int n = 0;
        for (String wxid : people) {
            for (var admin : List.of(Map.entry(gewe.callbacks(), ADMIN), Map.entry(b.callbacks(), ADMIN_B))) {
                String json = text(admin.getKey(), admin.getValue(), "/add " + wxid);
                // the original to one instance, GeWe's repeat of it to the next
                deliver(hosts.get(n % INSTANCES), json);
                deliver(hosts.get((n + 1) % INSTANCES), json);
                n++;
            }
        }

        for (var account : List.of(Map.entry(gewe.appId(), ADMIN), Map.entry(APP_B, ADMIN_B))) {
            SandboxAccount on = gewe.account(account.getKey());
            await("every /add answered on " + account.getKey()).atMost(Rig.WAIT).pollInterval(Rig.POLL)
                    .until(() -> people.stream().allMatch(p -> !textsTo(on.postedTexts(), account.getValue(), p).isEmpty()));
        }
        // A moment for anything sent twice to show.
        Thread.sleep(2_000);
        for (var account : List.of(Map.entry(gewe.appId(), ADMIN), Map.entry(APP_B, ADMIN_B))) {
            SandboxAccount on = gewe.account(account.getKey());
            for (String wxid : people) {
                assertThat(textsTo(on.postedTexts(), account.getValue(), wxid)).as("replies about %s on %s", wxid,
                        account.getKey()).hasSize(1);
            }
            assertThat(on.calls("/contacts/search")).as("searches on %s: one per command", account.getKey())
                    .hasSize(people.size());
            assertThat(adds(on.calls("/contacts/addContacts"))).as("requests sent on %s: its daily cap",
                    account.getKey()).hasSize(3);
            assertThat(on.outgoingRequests()).hasSize(3);
            assertThat(textsTo(on.postedTexts(), account.getValue(), "queued (position")).hasSize(2);
        }
        // Whichever instance is asked, the account's history has each command once.
        deliver(hosts.get(2), text(b.callbacks(), ADMIN_B, "/history"));
        PostedText history = await("the history").atMost(Rig.WAIT).pollInterval(Rig.POLL).until(
                () -> textsTo(b.postedTexts(), ADMIN_B, "/add wxid_spread_0"), list -> !list.isEmpty()).get(0);
        for (String wxid : people) {
            assertThat(history.content().split("/add " + wxid + " ", -1)).as("%s in the history", wxid).hasSize(2);
        }
    }

    @Test
    void aKilledInstancesRequestIsNeverSentAgainAndItsQueuedWorkIsSentByTheOthers() throws Exception {
        startInstances("{addInterval: 10s}");
        for (String wxid : List.of("wxid_first", "wxid_second", "wxid_third")) {
            gewe.addPerson(wxid, null, null, wxid.substring(5));
        }
        // GeWe holds the first request long after its sender is gone.
        gewe.faults().once("/contacts/addContacts", Fault.delay(Duration.ofSeconds(90)));
        HostProcess sender = hosts.get(0);
        deliver(sender, text(gewe.callbacks(), ADMIN, "/add wxid_first"));
        await("the first request at GeWe").atMost(Rig.WAIT).pollInterval(Rig.POLL)
                .until(() -> adds(gewe.calls("/contacts/addContacts")).size() == 1);
        // The next two wait their turns: 10 s and 20 s after the first went out.
        deliver(hosts.get(1), text(gewe.callbacks(), ADMIN, "/add wxid_second"));
        deliver(hosts.get(2), text(gewe.callbacks(), ADMIN, "/add wxid_third"));
        await("both queued").atMost(Rig.WAIT).pollInterval(Rig.POLL)
                .until(() -> textsTo(gewe.postedTexts(), ADMIN, "queued (position").size() == 2);
        sender.kill();

        await("the queued requests sent by the others").atMost(Duration.ofSeconds(45)).pollInterval(Rig.POLL)
                .until(() -> adds(gewe.calls("/contacts/addContacts")).size() == 3);
        List<RecordedCall> sent = adds(gewe.calls("/contacts/addContacts"));
        assertThat(sent).extracting(c -> c.json().path("v3").asText()).doesNotHaveDuplicates();
        assertThat(Duration.between(sent.get(1).receivedAt(), sent.get(2).receivedAt()))
                .as("the interval held across the instances").isGreaterThanOrEqualTo(Duration.ofSeconds(9));
        for (String wxid : List.of("wxid_second", "wxid_third")) {
            await("the sent reply about " + wxid).atMost(Rig.WAIT).pollInterval(Rig.POLL)
                    .until(() -> textsTo(gewe.postedTexts(), ADMIN, "Friend request sent to").stream()
                            .anyMatch(t -> t.content().contains(wxid)));
        }
        assertThat(textsTo(gewe.postedTexts(), ADMIN, "Friend request sent to")).as("one reply each").hasSize(2);

        // Within a minute of the kill, the others settle the first request as maybe sent: never again.
        HostProcess survivor = hosts.get(1);
        await("the killed instance's request settled").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> survivor.output().contains("an instance was running when it stopped")
                        || hosts.get(2).output().contains("an instance was running when it stopped"));
        int mark = gewe.postedTexts().size();
        deliver(survivor, text(gewe.callbacks(), ADMIN, "/history"));
        PostedText history = await("the history").atMost(Rig.WAIT).pollInterval(Rig.POLL).until(
                () -> textsTo(gewe.postedTexts().subList(mark, gewe.postedTexts().size()), ADMIN, "/add wxid_first"),
                list -> !list.isEmpty()).get(0);
        assertThat(history.content()).containsPattern(
                "/add wxid_first by " + ADMIN + ": MAYBE_SENT \\(interrupted: the host instance sending it stopped\\)");
        deliver(hosts.get(2), text(gewe.callbacks(), ADMIN, "/add wxid_first"));
        Rig.never("a second request to the first person", Duration.ofSeconds(3),
                () -> adds(gewe.calls("/contacts/addContacts")).size() > 3);
    }
}
