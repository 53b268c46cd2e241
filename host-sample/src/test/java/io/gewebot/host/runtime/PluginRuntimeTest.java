package io.gewebot.host.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.api.ContactSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which plugins of a folder PF4J's own descriptor finders describe, and that a broken jar costs only itself. */
class PluginRuntimeTest {

    private static final ContactSettings SETTINGS = ContactSettings.of(Map.of(
            ContactSettings.BASE_URL, "http://127.0.0.1:9/v2/api",
            ContactSettings.TOKEN, "t",
            ContactSettings.APP_ID, "app"));

    @TempDir
    Path plugins;

    @Test
    void jarsWithoutADescriptorAreSkippedAndEveryDescribedPluginStillStarts() throws IOException {
        // Named so that the broken jars come first whatever order the folder is listed in.
        Files.write(plugins.resolve("a-corrupt.jar"), new byte[] {9, 8, 7, 6, 5, 4, 3, 2, 1});
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(plugins.resolve("b-no-manifest.jar")))) {
            zip.putNextEntry(new ZipEntry("a/B.class"));
            zip.write(new byte[] {1, 2, 3});
            zip.closeEntry();
        }
        jar("c-nothing.jar", null, null);
        jar("d-manifest.jar", "from-manifest", null);
        jar("e-properties.jar", null, "plugin.id=from-properties\nplugin.version=9.9.9\n");
        jar("f-both.jar", "manifest-of-both", "plugin.id=properties-of-both\nplugin.version=2.0.0\n");
        Files.createDirectory(plugins.resolve("g-folder"));
        Files.writeString(plugins.resolve("g-folder").resolve("plugin.properties"),
                "plugin.id=from-folder\nplugin.version=0.1.0\n");

        try (PluginRuntime runtime = new PluginRuntime(plugins, SETTINGS, getClass().getClassLoader())) {
            runtime.start();

            assertThat(runtime.plugins()).extracting(p -> p.id() + " " + p.version() + ": " + p.state())
                    .containsExactlyInAnyOrder(
                            "from-manifest 1.2.3: STARTED",
                            "from-properties 9.9.9: STARTED",
                            "properties-of-both 2.0.0: STARTED",
                            "from-folder 0.1.0: STARTED");
            assertThat(runtime.plugins()).allSatisfy(p -> assertThat(p.problem()).isEmpty());
        }
    }

    @Test
    void aReloadFindsThePluginsAgain() throws IOException {
        jar("d-manifest.jar", "from-manifest", null);

        try (PluginRuntime runtime = new PluginRuntime(plugins, SETTINGS, getClass().getClassLoader())) {
            runtime.start();
            runtime.reload();

            assertThat(runtime.plugins()).extracting(PluginRuntime.PluginInfo::id).containsExactly("from-manifest");
        }
    }

    private void jar(String name, String manifestId, String properties) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (manifestId != null) {
            main.putValue("Plugin-Id", manifestId);
            main.putValue("Plugin-Version", "1.2.3");
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(plugins.resolve(name)), manifest)) {
            if (properties != null) {
                out.putNextEntry(new JarEntry("plugin.properties"));
                out.write(properties.getBytes(StandardCharsets.ISO_8859_1));
                out.closeEntry();
            }
        }
    }
}
