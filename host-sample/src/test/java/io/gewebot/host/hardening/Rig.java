package io.gewebot.host.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gewebot.host.e2e.BuiltHost;
import io.gewebot.sandbox.GeweSandbox;
import io.gewebot.sandbox.PostedText;
import io.gewebot.sandbox.RecordedCall;
import io.gewebot.sandbox.SandboxOptions;
import io.gewebot.testkit.HostProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One test's world: a GeWe sandbox with a token of its own, a plugins folder holding the built GeWe
 * plugin, a data folder, and the built host started (and restarted) against them. Closing it checks
 * that the token never reached the host's output or a chat text.
 */
final class Rig implements AutoCloseable {

    static final String ADMIN = "wxid_admin_hard";
    static final String OTHER_ADMIN = "wxid_admin_other";
    static final Duration WAIT = Duration.ofSeconds(20);
    /** How often a wait looks again. */
    static final Duration POLL = Duration.ofMillis(20);

    final Path dir;
    final Path plugins;
    final Path data;
    final GeweSandbox gewe;
    private final List<HostProcess> runs = new ArrayList<>();
    private HostProcess host;

    Rig(Path dir) throws IOException {
        this(dir, SandboxOptions.defaults());
    }

    Rig(Path dir, SandboxOptions options) throws IOException {
        this.dir = dir;
        this.plugins = Files.createDirectories(dir.resolve("plugins"));
        this.data = dir.resolve("data");
        // A token no other text could contain by chance, so that finding it anywhere proves a leak.
        String token = "tok-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        this.gewe = GeweSandbox.start(options.withToken(token));
    }

    /** Puts the built GeWe plugin into the plugins folder. */
    Rig withGewePlugin() throws IOException {
        Files.copy(BuiltHost.pluginJar(), plugins.resolve("plugin-gewe-contacts.jar"));
        Files.copy(BuiltHost.commandsJar(), plugins.resolve("plugin-contact-commands.jar"));
        return this;
    }

    /**
     * The environment every host of this rig gets: its GeWe, admins and folders, and callbacks taken
     * at {@code /gewe/callback} without a secret ({@code BOT_ALLOW_UNAUTHENTICATED_CALLBACKS}).
     */
    Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GEWE_BASE_URL", gewe.baseUrl());
        env.put("GEWE_TOKEN", gewe.token());
        env.put("GEWE_APP_ID", gewe.appId());
        env.put("BOT_ADMINS", ADMIN + "," + OTHER_ADMIN);
        env.put("BOT_PLUGINS_DIR", plugins.toString());
        env.put("BOT_DATA_DIR", data.toString());
        // The sandbox is a real GeWe to the host, and the tests post to /gewe/callback: open on purpose.
        env.put("BOT_ALLOW_UNAUTHENTICATED_CALLBACKS", "true");
        return env;
    }

    /**
     * Starts a host (stopping none: the previous one must be gone), waits until it listens and points
     * GeWe's callbacks at it. Every run appends its output to the same {@code host.log}.
     */
    HostProcess start(List<String> args) throws IOException {
        return start(Map.of(), args);
    }

    HostProcess start(Map<String, String> extraEnv, List<String> args) throws IOException {
        return start(extraEnv, args, BuiltHost.START_LIMIT);
    }

    /** As {@link #start(Map, List)}, waiting at most {@code listening} for the host to listen. */
    HostProcess start(Map<String, String> extraEnv, List<String> args, Duration listening) throws IOException {
        host = BuiltHost.builder(dir).env(env()).env(extraEnv).args("--port", "0", "--no-console").args(args).start();
        runs.add(host);
        host.awaitListening(listening);
        gewe.setCallbackUrl(host.callbackUrl());
        return host;
    }

    HostProcess host() {
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
        try {
            return await(what).atMost(WAIT).pollInterval(POLL)
                    .until(() -> textsSince(mark).stream().filter(wanted).findFirst(), Optional::isPresent).get();
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no " + what + " within " + WAIT + "; texts since the mark: "
                    + textsSince(mark) + "\nhost output:\n" + (host == null ? "" : host.output()), e);
        }
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

    /**
     * Watches for a while that something never happens (it cannot be awaited: only a window can show
     * it), failing when it does.
     */
    static void never(String what, Duration window, BooleanSupplier happened) {
        await(what + " never happening").during(window).atMost(window.plusSeconds(1)).pollInterval(Duration.ofMillis(50))
                .until(() -> !happened.getAsBoolean());
    }

    /** The token must be in no output of any host of this rig and in no chat text. */
    void assertTokenNeverShown() {
        String token = gewe.token();
        for (HostProcess run : runs) {
            assertThat(run.output()).as("host output").doesNotContain(token);
        }
        assertThat(gewe.postedTexts()).as("chat texts").noneMatch(t -> t.content().contains(token));
    }

    @Override
    public void close() throws Exception {
        try {
            for (HostProcess run : runs) {
                run.close();
            }
            assertTokenNeverShown();
        } finally {
            gewe.close();
        }
    }
}
