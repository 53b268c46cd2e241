package io.gewebot.host.hardening;

import io.gewebot.host.e2e.RunningHost;
import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.sandbox.GeweSandbox;
import io.gewebot.sandbox.PostedText;
import io.gewebot.sandbox.RecordedCall;
import io.gewebot.sandbox.SandboxOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * One test's world: a GeWe sandbox with a token of its own, a plugins folder holding the built GeWe
 * plugin, a data folder, and the built host started (and restarted) against them. Closing it checks
 * that the token never reached the host's output or a chat text.
 */
final class Rig implements AutoCloseable {

    static final String ADMIN = "wxid_admin_hard";
    static final String OTHER_ADMIN = "wxid_admin_other";
    static final Duration WAIT = Duration.ofSeconds(20);

    /** Pacing that lets every /add out at once, for tests about something else. */
    static final List<String> NO_PACING = List.of("--add-interval", "0s", "--add-jitter", "0s",
            "--answer-interval", "0s", "--online-since", "2020-01-01");

    final Path dir;
    final Path plugins;
    final Path data;
    final Path log;
    final GeweSandbox gewe;
    private final List<RunningHost> runs = new ArrayList<>();
    private RunningHost host;

    Rig(Path dir) throws IOException {
        this(dir, SandboxOptions.defaults());
    }

    Rig(Path dir, SandboxOptions options) throws IOException {
        this.dir = dir;
        this.plugins = Files.createDirectories(dir.resolve("plugins"));
        this.data = dir.resolve("data");
        this.log = dir.resolve("host.log");
        // A token no other text could contain by chance, so that finding it anywhere proves a leak.
        String token = "tok-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        this.gewe = GeweSandbox.start(options.withToken(token));
    }

    /** Puts the built GeWe plugin into the plugins folder. */
    Rig withGewePlugin() throws IOException {
        Files.copy(RunningHost.pluginJar(), plugins.resolve("plugin-gewe-contacts.jar"));
        return this;
    }

    /** The environment every host of this rig gets. */
    Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GEWE_BASE_URL", gewe.baseUrl());
        env.put("GEWE_TOKEN", gewe.token());
        env.put("GEWE_APP_ID", gewe.appId());
        env.put("BOT_ADMINS", ADMIN + "," + OTHER_ADMIN);
        env.put("BOT_PLUGINS_DIR", plugins.toString());
        env.put("BOT_DATA_DIR", data.toString());
        return env;
    }

    /** Starts a host (stopping none: the previous one must be gone) and points GeWe's callbacks at it. */
    RunningHost start(List<String> args) throws IOException {
        return start(Map.of(), args);
    }

    RunningHost start(Map<String, String> extraEnv, List<String> args) throws IOException {
        Map<String, String> env = env();
        env.putAll(extraEnv);
        List<String> all = new ArrayList<>(List.of("--port", "0", "--no-console"));
        all.addAll(args);
        host = RunningHost.start(env, log, all);
        runs.add(host);
        gewe.setCallbackUrl(host.url("/gewe/callback"));
        return host;
    }

    RunningHost host() {
        return host;
    }

    /** Pushes a private text from the admin; the host must take it. */
    void admin(String text) {
        assertThat(gewe.callbacks().pushText(ADMIN, text)).as("callback status of '%s'", text).isEqualTo(200);
    }

    /** @return the number of texts posted so far, to wait for later ones with {@link #awaitText} */
    int mark() {
        return gewe.postedTexts().size();
    }

    /** Sends a command as the admin and returns the first text to the admin after it that contains a part. */
    String ask(String command, String contains) {
        int mark = mark();
        admin(command);
        return awaitText(mark, ADMIN, contains).content();
    }

    /** Waits for a text to someone, posted after a mark, that contains a part. */
    PostedText awaitText(int mark, String to, String contains) {
        return awaitText(mark, t -> t.toWxid().equals(to) && t.content().contains(contains),
                "a text to " + to + " containing '" + contains + "'");
    }

    PostedText awaitText(int mark, Predicate<PostedText> wanted, String what) {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            List<PostedText> texts = gewe.postedTexts();
            Optional<PostedText> found = texts.subList(Math.min(mark, texts.size()), texts.size()).stream()
                    .filter(wanted).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            RunningHost.pause(20);
        }
        throw new AssertionError("no " + what + " within " + WAIT + "; texts since the mark: "
                + textsSince(mark) + "\nhost output:\n" + (host == null ? "" : host.output()));
    }

    List<PostedText> textsSince(int mark) {
        List<PostedText> texts = gewe.postedTexts();
        return List.copyOf(texts.subList(Math.min(mark, texts.size()), texts.size()));
    }

    /** @return the addContacts calls GeWe received, of one option (2 add, 3 accept, 4 reject) */
    List<RecordedCall> addContacts(int option) {
        return gewe.calls("/contacts/addContacts").stream()
                .filter(c -> c.json().path("option").asInt() == option).toList();
    }

    /** Waits for a condition, failing with a description when it does not come true in time. */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            RunningHost.pause(20);
        }
        throw new AssertionError("not within " + timeout + ": " + what);
    }

    /**
     * Watches for a while that something never happens (it cannot be awaited: only a window can show
     * it), failing as soon as it does.
     */
    static void never(String what, Duration window, BooleanSupplier happened) {
        Instant deadline = Instant.now().plus(window);
        while (Instant.now().isBefore(deadline)) {
            assertThat(happened.getAsBoolean()).as(what).isFalse();
            RunningHost.pause(50);
        }
        assertThat(happened.getAsBoolean()).as(what).isFalse();
    }

    /** The token must be in no output of any host of this rig and in no chat text. */
    void assertTokenNeverShown() {
        String token = gewe.token();
        for (RunningHost run : runs) {
            assertThat(run.output()).as("host output").doesNotContain(token);
        }
        assertThat(gewe.postedTexts()).as("chat texts").noneMatch(t -> t.content().contains(token));
    }

    @Override
    public void close() throws Exception {
        try {
            for (RunningHost run : runs) {
                run.close();
            }
            assertTokenNeverShown();
        } finally {
            gewe.close();
        }
    }
}
