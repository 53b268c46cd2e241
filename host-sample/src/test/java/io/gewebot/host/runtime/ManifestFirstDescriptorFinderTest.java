package io.gewebot.host.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PropertiesPluginDescriptorFinder;

/** Plugins are described by their manifest, or by plugin.properties when the manifest names none. */
class ManifestFirstDescriptorFinderTest {

    @TempDir
    Path dir;

    /** Counts how often plugin.properties was looked for. */
    private static final class CountingProperties implements PluginDescriptorFinder {
        private final PropertiesPluginDescriptorFinder real = new PropertiesPluginDescriptorFinder();
        final List<Path> asked = new ArrayList<>();

        @Override
        public boolean isApplicable(Path pluginPath) {
            asked.add(pluginPath);
            return real.isApplicable(pluginPath);
        }

        @Override
        public PluginDescriptor find(Path pluginPath) {
            asked.add(pluginPath);
            return real.find(pluginPath);
        }
    }

    private Path jar(String name, String manifestId, String properties) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (manifestId != null) {
            main.putValue("Plugin-Id", manifestId);
            main.putValue("Plugin-Version", "1.2.3");
        }
        Path jar = dir.resolve(name);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            if (properties != null) {
                out.putNextEntry(new JarEntry("plugin.properties"));
                out.write(properties.getBytes(StandardCharsets.ISO_8859_1));
                out.closeEntry();
            }
        }
        return jar;
    }

    @Test
    void aManifestPluginIsReadFromItsManifestWithoutLookingForPluginProperties() throws IOException {
        CountingProperties properties = new CountingProperties();
        ManifestFirstDescriptorFinder finder =
                new ManifestFirstDescriptorFinder(new org.pf4j.ManifestPluginDescriptorFinder(), properties);
        Path jar = jar("m.jar", "from-manifest", "plugin.id=from-properties\nplugin.version=9.9.9\n");

        PluginDescriptor descriptor = finder.find(jar);

        assertThat(descriptor.getPluginId()).isEqualTo("from-manifest");
        assertThat(descriptor.getVersion()).isEqualTo("1.2.3");
        assertThat(properties.asked).isEmpty();
    }

    @Test
    void aPluginDescribedOnlyByPluginPropertiesStillLoads() throws IOException {
        Path jar = jar("p.jar", null, "plugin.id=from-properties\nplugin.version=9.9.9\n");

        PluginDescriptor descriptor = new ManifestFirstDescriptorFinder().find(jar);

        assertThat(descriptor.getPluginId()).isEqualTo("from-properties");
        assertThat(descriptor.getVersion()).isEqualTo("9.9.9");
    }

    @Test
    void aPluginFolderWithPluginPropertiesStillLoads() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("folder-plugin"));
        Files.writeString(folder.resolve("plugin.properties"), "plugin.id=folder\nplugin.version=0.1.0\n");

        PluginDescriptor descriptor = new ManifestFirstDescriptorFinder().find(folder);

        assertThat(descriptor.getPluginId()).isEqualTo("folder");
    }

    @Test
    void aJarWithoutAManifestOrWithBrokenBytesIsRefusedAsAPluginPf4jSkips() throws IOException {
        Path plainZip = dir.resolve("no-manifest.jar");
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(plainZip))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("a/B.class"));
            zip.write(new byte[] {1, 2, 3});
            zip.closeEntry();
        }
        Path corrupt = Files.write(dir.resolve("corrupt.jar"), new byte[] {9, 8, 7, 6, 5, 4, 3, 2, 1});

        // PluginRuntimeException, and nothing else, is what PF4J logs and skips for one plugin.
        assertThatThrownBy(() -> new ManifestFirstDescriptorFinder().find(plainZip))
                .isExactlyInstanceOf(PluginRuntimeException.class);
        assertThatThrownBy(() -> new ManifestFirstDescriptorFinder().find(corrupt))
                .isExactlyInstanceOf(PluginRuntimeException.class);
    }

    @Test
    void aJarThatDescribesNoPluginIsRefused() throws IOException {
        Path jar = jar("none.jar", null, null);

        assertThatThrownBy(() -> new ManifestFirstDescriptorFinder().find(jar)).isInstanceOf(PluginRuntimeException.class);
    }
}
