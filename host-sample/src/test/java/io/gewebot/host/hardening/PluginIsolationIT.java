package io.gewebot.host.hardening;

import static io.gewebot.host.hardening.Rig.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.host.hardening.plugins.HangingContactAction;
import io.gewebot.host.hardening.plugins.TestPlugin;
import io.gewebot.host.hardening.plugins.ThrowingContactAction;
import io.gewebot.testkit.HostProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A plugins folder with the real GeWe plugin, a plugin whose extension throws, one whose extension
 * hangs, a corrupt jar and a jar without a manifest. The broken jars are logged and skipped; an
 * extension that throws or hangs costs its command a failure reply, never the host; and the real
 * plugin works beside all of them.
 */
class PluginIsolationIT extends RigTest {

    static final String MAYBE = "The request may have gone out, so it will not be sent again.";

    @BeforeEach
    void addTestPlugins() throws Exception {
        pluginJar(rig.plugins.resolve("hanging-test.jar"), "hanging-test", HangingContactAction.class);
        pluginJar(rig.plugins.resolve("throwing-test.jar"), "throwing-test", ThrowingContactAction.class);
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        Files.write(rig.plugins.resolve("corrupt.jar"), noise);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(rig.plugins.resolve("no-manifest.jar")))) {
            add(zip, "META-INF/extensions.idx", (ThrowingContactAction.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            add(zip, path(ThrowingContactAction.class), bytes(ThrowingContactAction.class));
        }
    }

    @Test
    void brokenJarsAreSkippedAndAThrowingOrHangingExtensionCostsOnlyItsCommand() throws Exception {
        // 1. Contact commands on the extension that hangs.
        HostProcess host = start("--contact-extension", HangingContactAction.NAME);
        String output = host.output();
        assertThat(output).contains("Contact commands use extension hanging-test (from plugin hanging-test)");
        assertThat(output).contains("Cannot load plugin '" + rig.plugins.resolve("corrupt.jar") + "'")
                .contains("zip END header not found")
                .contains("Cannot load plugin '" + rig.plugins.resolve("no-manifest.jar") + "'");
        String plugins = rig.ask("/plugins", "Plugins (");
        assertThat(plugins).contains("gewe-contacts 1.0.0-SNAPSHOT: STARTED", "hanging-test 1.0.0: STARTED",
                "throwing-test 1.0.0: STARTED").doesNotContain("corrupt").doesNotContain("no-manifest");
        assertThat(plugins).contains("Contact extensions (3):");

        int mark = rig.mark();
        rig.admin("/add wxid_demo");
        // While the plugin hangs, the host answers other commands.
        rig.admin("/help");
        rig.awaitText(mark, ADMIN, "Commands:");
        assertThat(rig.textsSince(mark)).noneMatch(t -> t.content().contains("wxid_demo"));
        assertThat(rig.awaitText(mark, ADMIN, "wxid_demo").content())
                .isEqualTo("Friend request to wxid_demo: the plugin did not answer within 2s. " + MAYBE);
        mark = rig.mark();
        gewe.callbacks().pushFriendRequest("wxid_patient", "Patient", "hi", 6);
        rig.awaitText(mark, ADMIN, "New friend request from Patient");
        assertThat(rig.ask("/accept wxid_patient", "wxid_patient"))
                .isEqualTo("Accepting wxid_patient: the plugin did not answer within 2s. " + MAYBE);
        assertThat(rig.ask("/requests", "Pending")).contains("wxid_patient (Patient)");
        assertThat(host.get("/health").statusCode()).isEqualTo(200);
        assertThat(gewe.calls("/contacts/addContacts")).isEmpty();
        // Hung plugin threads do not keep the host from stopping cleanly.
        assertThat(host.terminate()).isZero();

        // 2. Contact commands on the extension that throws.
        host = start("--contact-extension", ThrowingContactAction.NAME);
        long log = host.mark();
        assertThat(rig.ask("/add wxid_demo_alias", "wxid_demo_alias")).isEqualTo("Friend request to wxid_demo_alias: "
                + "the outcome is not known (the plugin failed: IllegalStateException: broken on purpose). " + MAYBE);
        assertThat(GeweFaultsIT.warningLines(host.outputSince(log))).singleElement().asString()
                .contains("Extension throwing-test did not complete");
        assertThat(rig.ask("/help", "Commands:")).isNotEmpty();
        assertThat(host.terminate()).isZero();

        // 3. Without a choice the first usable extension by plugin id is used: the real one, which
        //    works beside the broken neighbours.
        host = start();
        assertThat(host.output()).contains("Contact commands use extension gewe-contacts (from plugin gewe-contacts)");
        gewe.addPerson("wxid_neighbour", null, null, "Neighbour");
        assertThat(rig.ask("/add wxid_neighbour", "wxid_neighbour"))
                .isEqualTo("Friend request sent to Neighbour (wxid_neighbour).");
        assertThat(gewe.calls("/contacts/addContacts")).hasSize(1);
    }

    HostProcess start(String... extra) throws IOException {
        List<String> args = new ArrayList<>(HostProcess.NO_PACING);
        args.addAll(List.of("--plugin-timeout", "2s"));
        args.addAll(List.of(extra));
        return rig.start(args);
    }

    /** A PF4J plugin jar as a plugin build makes one: manifest, extensions index and the classes. */
    static void pluginJar(Path jar, String id, Class<?> extension) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Plugin-Id", id);
        main.putValue("Plugin-Version", "1.0.0");
        main.putValue("Plugin-Class", TestPlugin.class.getName());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            add(out, "META-INF/extensions.idx", (extension.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            for (Class<?> type : List.of(extension, TestPlugin.class)) {
                add(out, path(type), bytes(type));
            }
        }
    }

    static String path(Class<?> type) {
        return type.getName().replace('.', '/') + ".class";
    }

    static byte[] bytes(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream("/" + path(type))) {
            return in.readAllBytes();
        }
    }

    static void add(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(zip instanceof JarOutputStream ? new JarEntry(name) : new ZipEntry(name));
        OutputStream out = zip;
        out.write(content);
        zip.closeEntry();
    }
}
