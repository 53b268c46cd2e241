package io.gewebot.host.hardening;

import static io.gewebot.host.hardening.Rig.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gewebot.sandbox.Fault;
import io.gewebot.sandbox.PostedText;
import io.gewebot.sandbox.SandboxAccount;
import io.gewebot.testkit.HostProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * One built host serving a thousand accounts of one GeWe token from its configuration file: healthy soon
 * after it listens, on a hundred threads at most, each account's {@code /add}, friend requests and rules
 * working, while one account's GeWe takes 10 s over each search and each text and another account is offline.
 */
class ThousandAccountsIT extends RigTest {

    static final int ACCOUNTS = 1_000;
    static final int MAX_THREADS = 100;
    static final long MAX_RSS_KIB = 512 * 1024;
    static final Duration HEALTHY_AFTER_LISTENING = Duration.ofSeconds(10);
    /** How long the host may take to listen: it asks GeWe about every account first. */
    static final Duration WIRING = Duration.ofSeconds(180);
    /** How long a sample account may take to answer while the slow one's GeWe holds its calls. */
    static final Duration ANSWER = Duration.ofSeconds(15);

    @Test
    void aThousandAccountsRunOnAHundredThreadsAndASlowOrOfflineOneHoldsUpNoOther() throws Exception {
        List<SandboxAccount> accounts = new ArrayList<>();
        accounts.add(gewe.account(gewe.appId()));
        for (int i = 2; i <= ACCOUNTS; i++) {
            accounts.add(gewe.addAccount(String.format("wx_k_%04d", i), String.format("wxid_k_bot_%04d", i)));
        }
        StringBuilder yaml = new StringBuilder("accounts:\n");
        for (SandboxAccount account : accounts) {
            yaml.append("  - appId: ").append(account.appId()).append("\n    admins: [").append(ADMIN).append("]\n")
                    .append("    friendRequests: {rules: [{name: join, greetingContains: [join], action: accept}]}\n");
        }
        Path config = Files.writeString(rig.dir.resolve("bot.yaml"), yaml);
        List<String> args = new ArrayList<>(HostProcess.NO_PACING);
        args.addAll(List.of("--config", config.toString()));
        // Wiring a thousand accounts takes a while on a busy machine; the target is the time from listening.
        HostProcess host = rig.start(Map.of("JAVA_TOOL_OPTIONS", "-Xmx256m"), args, WIRING);
        long listening = System.nanoTime();

        JsonNode health = host.awaitHealthy(HEALTHY_AFTER_LISTENING, Duration.ofMillis(100), true);
        assertThat(Duration.ofNanos(System.nanoTime() - listening)).isLessThanOrEqualTo(HEALTHY_AFTER_LISTENING);
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("accounts")).hasSize(ACCOUNTS)
                .allSatisfy(account -> assertThat(account.path("status").asText()).isEqualTo("UP"));

        // The slow account: its searches and texts take 10 s at GeWe; it is sent more than its lanes hold at once.
        SandboxAccount slow = accounts.get(1);
        slow.faults().always("/contacts/search", Fault.delay(Duration.ofSeconds(10)))
                .always("/message/postText", Fault.delay(Duration.ofSeconds(10)));
        for (int i = 0; i < 4; i++) {
            gewe.addPerson("wxid_slow_target_" + i, null, null, "Slow target " + i);
            assertThat(slow.callbacks().pushText(ADMIN, "/add wxid_slow_target_" + i + " hi")).isEqualTo(200);
        }
        slow.callbacks().pushFriendRequest("wxid_slow_asker", "Slow asker", "hello", 6);
        // Another account goes offline: its admins are told, and the host tries to bring it back.
        SandboxAccount offline = accounts.get(2);
        offline.setOnline(false);
        assertThat(offline.callbacks().pushOffline()).isEqualTo(200);
        Awaitility.await("the slow account's calls held at its GeWe").atMost(Rig.WAIT).pollInterval(Rig.POLL)
                .until(() -> !slow.calls("/contacts/search").isEmpty() && !slow.calls("/message/postText").isEmpty());

        List<SandboxAccount> samples = List.of(accounts.get(0), accounts.get(ACCOUNTS / 2 - 1),
                accounts.get(ACCOUNTS - 1));
        for (SandboxAccount account : samples) {
            String target = "wxid_target_of_" + account.appId();
            gewe.addPerson(target, null, null, "Target of " + account.appId());
            assertThat(account.callbacks().pushText(ADMIN, "/add " + target + " hi")).isEqualTo(200);
            assertThat(account.callbacks().pushFriendRequest("wxid_asker_of_" + account.appId(), "Asker",
                    "hello there", 6).status()).isEqualTo(200);
            assertThat(account.callbacks().pushFriendRequest("wxid_joiner_of_" + account.appId(), "Joiner",
                    "please join", 6).status()).isEqualTo(200);
        }
        for (SandboxAccount account : samples) {
            String app = account.appId();
            assertThat(awaitText(account, "Friend request sent to")).as(app).contains("wxid_target_of_" + app);
            assertThat(awaitText(account, "New friend request from Asker")).as(app).contains("wxid_asker_of_" + app);
            assertThat(awaitText(account, "Rule “join” accepted")).as(app).contains("wxid_joiner_of_" + app);
            assertThat(account.calls("/contacts/addContacts")).as(app)
                    .anySatisfy(c -> assertThat(c.json().path("option").asInt()).isEqualTo(3));
        }

        assertThat(threads(host)).as("threads of the host").isLessThanOrEqualTo(MAX_THREADS);
        assertThat(rssKib(host)).as("resident set of the host, KiB").isLessThanOrEqualTo(MAX_RSS_KIB);
        slow.faults().clear();
        offline.setOnline(true);
    }

    /** Waits for a text of the account's to the admin that starts with {@code start}, while the slow account waits. */
    private String awaitText(SandboxAccount account, String start) {
        try {
            return Awaitility.await(account.appId() + ": a text starting " + start).atMost(ANSWER)
                    .pollInterval(Rig.POLL).until(() -> account.postedTexts().stream()
                            .filter(t -> t.toWxid().equals(ADMIN)).map(PostedText::content)
                            .filter(t -> t.startsWith(start)).findFirst(), Optional::isPresent).get();
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(account.appId() + ": no text starting " + start + " within " + ANSWER + "; its texts: "
                    + account.postedTexts() + "\nhost output:\n" + rig.host().output(), e);
        }
    }

    private static long threads(HostProcess host) throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(host.pid()), "task"))) {
            return tasks.count();
        }
    }

    private static long rssKib(HostProcess host) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(host.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for the host");
    }
}
