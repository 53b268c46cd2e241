package io.gewebot.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.testkit.HostProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real-GeWe path tried end to end on the built standalone sandbox: the host started with the
 * sandbox's base URL, token and appId, the callback URL registered as the README says, a person
 * played at the sandbox's console, and what the bot answers shown there whole.
 */
class StandaloneSandboxIT {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path work;

    private static Path sandboxJar() {
        Path jar = Path.of(System.getProperty("sandbox.jar", "../gewe-sandbox/target/gewe-sandbox-standalone.jar"));
        assertThat(jar).as("the standalone sandbox built by gewe-sandbox's package").exists();
        return jar;
    }

    /** A real GeWe's callbacks need a secret: the README's registration by hand puts it in the URL. */
    private static final String SECRET = "sandbox-walkthrough-0123456789ab";

    @Test
    void aPersonPlayedAtTheSandboxConsoleGetsTheBotsWholeAnswersShownThere() throws Exception {
        try (HostProcess gewe = HostProcess.builder(sandboxJar(), Files.createDirectories(work.resolve("gewe")))
                .jvmArgs("-Xmx64m").separateStderr().args("--port", "0").start()) {
            String baseUrl = gewe.awaitLine(Pattern.compile("base URL : (\\S+)"), LIMIT).group(1);
            gewe.awaitOutput("type a line to play a person:", LIMIT);
            try (HostProcess host = BuiltHost.builder(work.resolve("host")).noPacing()
                    .args("--gewe-base-url", baseUrl, "--gewe-token", "sandbox-token", "--gewe-app-id", "wx_sandbox_app",
                            "--admins", "wxid_demo_friend", "--port", "0", "--no-console", "--callback-secret", SECRET,
                            "--data-dir", work.resolve("host/data").toString())
                    .pluginsDir(work.resolve("host/plugins"), BuiltHost.pluginJar(), BuiltHost.commandsJar()).start()) {
                int port = host.awaitListening(BuiltHost.START_LIMIT);
                // The README's registration by hand: GeWe tests the URL first, so the host must answer.
                HttpResponse<String> set = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create(baseUrl + "/tools/setCallback")).header("X-GEWE-TOKEN", "sandbox-token")
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                                "{\"token\":\"sandbox-token\",\"callbackUrl\":\"http://127.0.0.1:" + port
                                        + "/gewe/callback/" + SECRET + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(set.body()).contains("\"ret\":200");

                gewe.type("text wxid_demo_friend /help\n");
                gewe.awaitOutput("pushed a text from wxid_demo_friend to wx_sandbox_app: the callback URL answered "
                        + "HTTP 200", LIMIT);
                gewe.awaitOutput("[wx_sandbox_app] to wxid_demo_friend:", LIMIT);
                // A line longer than 80 characters, whole.
                gewe.awaitOutput("  /limits  how much of each daily limit the account used, when the next friend "
                        + "request may go out, pause and warm-up", LIMIT);

                gewe.type("request wxid_demo_asker Hi, it's me\n");
                gewe.awaitOutput("  New friend request from Demo Asker (wxid_demo_asker): \"Hi, it's me\". Answer with "
                        + "/accept wxid_demo_asker or /reject wxid_demo_asker.", LIMIT);
                gewe.type("text wxid_demo_friend /accept wxid_demo_asker\n");
                gewe.awaitOutput("Accepted the friend request from Demo Asker (wxid_demo_asker).", LIMIT);
            }
        }
    }
}
