package io.gewebot.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.gewebot.testkit.HostProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quick start, as written: {@code java -jar host-sample/target/host-sample.jar} with the
 * plugin the build put beside it, no GeWe configured, commands typed at the console.
 */
class QuickStartIT {

    static final String DEMO_NOTICE = "New friend request from Demo Asker (wxid_demo_asker)";

    @TempDir
    Path workDir;

    /** The host as the README starts it: no JVM options, no folders, output and log apart. */
    private static HostProcess start(Path workDir, String... args) throws IOException {
        // Port 8080 may be taken on a test machine; everything else is as the README says.
        return HostProcess.builder(BuiltHost.hostJar(), workDir).separateStderr().env("BOT_PORT", "0").args(args)
                .start();
    }

    @Test
    void addOnTheEmbeddedSandboxSendsTheRequestAndShowsTheResult() throws Exception {
        try (HostProcess host = start(workDir)) {
            host.type("/add wxid_demo\n/add wxid_demo_friend\n/bogus\n");
            host.closeConsole();
            assertThat(host.waitFor(Duration.ofSeconds(60))).as("host stops when the console ends").isTrue();
            assertThat(host.exitCode()).isZero();

            // A friend is told at once (after the search interval), never queued.
            // The demo friend request may arrive while these are typed; it is the next test's subject.
            List<String> lines = host.output().lines().filter(line -> !line.startsWith(DEMO_NOTICE)).toList();
            assertThat(lines).containsExactly(
                    "Type /help for the commands.",
                    "Friend request sent to Demo Friend-to-be (wxid_demo).",
                    "Demo Friend (wxid_demo_friend) is already a friend; no request was sent.",
                    "Unknown command /bogus, try /help");
            assertThat(host.stderr()).contains("using the embedded GeWe sandbox").contains("Plugin gewe-contacts")
                    .contains("Extension gewe-contacts");
        }
    }

    @Test
    void aReplyTypedForAtTheConsoleIsShownOnceTheLogKeepingALineThatSaysSo() throws Exception {
        try (HostProcess host = start(workDir)) {
            host.type("/add wxid_demo\n/help\n");
            host.closeConsole();
            assertThat(host.waitFor(Duration.ofSeconds(60))).isTrue();

            assertThat(host.output()).contains("Friend request sent to Demo Friend-to-be (wxid_demo).")
                    .contains("Commands:");
            // The log, which the same terminal shows, has a line per command and per reply, without the reply.
            assertThat(host.stderr()).containsPattern("INFO\\] \\w+ - Command /add wxid_demo from @console in @console")
                    .containsPattern("INFO\\] \\w+ - Reply to /add wxid_demo from @console in @console \\(account "
                            + "\\w+\\): shown on the console")
                    .containsPattern("INFO\\] \\w+ - Reply to /help from @console in @console \\(account \\w+\\): "
                            + "shown on the console")
                    .doesNotContain("Friend request sent to Demo Friend-to-be");
        }
    }

    @Test
    void theEmbeddedSandboxLeavesNoStateBehindSoTheQuickStartWorksEveryTime() throws Exception {
        for (int run = 0; run < 2; run++) {
            try (HostProcess host = start(workDir)) {
                host.type("/add wxid_demo\n");
                host.closeConsole();
                assertThat(host.waitFor(Duration.ofSeconds(60))).isTrue();
                assertThat(host.output()).contains("Friend request sent to Demo Friend-to-be (wxid_demo).");
            }
        }
        assertThat(BuiltHost.hostJar().toAbsolutePath().getParent().resolve("data")).doesNotExist();
    }

    @Test
    void theDemoFriendRequestArrivesByItselfAndCanBeListedAndAccepted() throws Exception {
        try (HostProcess host = start(workDir)) {
            host.awaitOutput(DEMO_NOTICE + ": \"Hi, I found you through the quick start\". Answer with "
                    + "/accept wxid_demo_asker or /reject wxid_demo_asker.", Duration.ofSeconds(30));

            host.type("/requests\n");
            host.awaitOutput("Pending friend requests (1):", Duration.ofSeconds(20));
            assertThat(host.output()).contains("wxid_demo_asker (Demo Asker), ");
            host.type("/accept wxid_demo_asker\n");
            host.awaitOutput("Accepted the friend request from Demo Asker (wxid_demo_asker).", Duration.ofSeconds(20));
            host.awaitOutput("Demo Asker (wxid_demo_asker) is now a contact.", Duration.ofSeconds(20));
            assertThat(host.output()).doesNotContain("ticket invalid").doesNotContain("failed");
        }
    }

    @Test
    void theStartLogNamesTheAppIdAnAdminAndACurlThatTheBotTakesAsAChatCommand() throws Exception {
        assumeThat(Path.of("/usr/bin/curl")).as("curl is installed").exists();
        try (HostProcess host = start(workDir, "--admins", "wxid_demo_friend")) {
            host.awaitOutput("Post a text as GeWe would:", Duration.ofSeconds(30));
            List<String> log = host.stderr().lines().toList();
            String intro = log.stream().filter(l -> l.contains("Post a text as GeWe would:")).findFirst().orElseThrow();
            assertThat(intro).contains("appId wx_sandbox_app").contains("chat as wxid_demo_friend (an admin)");
            String curl = log.get(log.indexOf(intro) + 1).strip();
            assertThat(curl).startsWith("curl ").contains("/help").endsWith("/gewe/callback'");
            assertThat(host.stderr()).containsPattern("Listening on port \\d+ of 127\\.0\\.0\\.1");

            // Pasted as it is, but asking for something the console can see afterwards.
            Process shell = new ProcessBuilder("sh", "-c", curl.replace("/help", "/add demo_alias"))
                    .redirectErrorStream(true).start();
            assertThat(shell.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");

            Awaitility.await("the pasted command carried out").atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofSeconds(1)).until(() -> {
                        // Each look asks again; the answer to the one before is in the output by now.
                        host.type("/history\n");
                        return host.output().contains("/add demo_alias by wxid_demo_friend: DONE");
                    });
        }
    }

    @Test
    void helpListsEveryOptionAndExitsZero() throws Exception {
        try (HostProcess host = start(workDir, "--help")) {
            assertThat(host.waitFor(Duration.ofSeconds(30))).isTrue();
            assertThat(host.exitCode()).isZero();
            assertThat(host.output()).contains("--gewe-base-url").contains("GEWE_BASE_URL")
                    .contains("--callback-secret").contains("BOT_CALLBACK_SECRET").contains("--no-console");
        }
    }

    @Test
    void aBadOptionStopsWithAClearErrorAndExitCodeTwo() throws Exception {
        try (HostProcess host = start(workDir, "--lang", "fr")) {
            assertThat(host.waitFor(Duration.ofSeconds(30))).isTrue();
            assertThat(host.exitCode()).isEqualTo(2);
            assertThat(host.stderr()).contains("error: --lang / BOT_LANG must be en or zh");
        }
    }
}
