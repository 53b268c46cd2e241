package io.gewebot.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The plugin jar as a host finds it in its plugins folder: a PF4J plugin and a ServiceLoader provider that
 * carries none of the host's classes and keeps its own libraries out of the host's packages.
 */
class PluginJarIT {

    private static final Path JAR = Path.of(System.getProperty("plugin.jar", "target/plugin-contact-commands.jar"));

    private static String text(JarFile jar, String name) throws IOException {
        ZipEntry entry = jar.getEntry(name);
        assertThat(entry).as(name).isNotNull();
        try (InputStream in = jar.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    @Test
    void itIsAPf4jPluginAndAServiceLoaderProviderOfTheChatExtension() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            Attributes manifest = jar.getManifest().getMainAttributes();
            assertThat(manifest.getValue("Plugin-Id")).isEqualTo("contact-commands");
            assertThat(manifest.getValue("Plugin-Class")).isEqualTo("io.gewebot.commands.ContactCommandsPlugin");
            assertThat(manifest.getValue("Plugin-Requires")).isEqualTo("<2.0.0");
            assertThat(manifest.getValue("Plugin-Version")).isNotBlank();
            assertThat(text(jar, "META-INF/extensions.idx")).contains("io.gewebot.commands.chat.ContactCommands");
            assertThat(text(jar, "META-INF/services/io.gewebot.api.chat.ChatExtension"))
                    .isEqualTo("io.gewebot.commands.chat.ContactCommands");
            assertThat(jar.getEntry("io/gewebot/commands/chat/ContactCommands.class")).isNotNull();
            // The commands' migrations, found by the relocated Flyway in the plugin's own class loader.
            assertThat(jar.getEntry("io/gewebot/commands/db/sqlite/V1__Schema.class")).isNotNull();
            assertThat(jar.getEntry("io/gewebot/commands/db/postgresql/V1__schema.sql")).isNotNull();
        }
    }

    @Test
    void itHoldsNoClassOfTheContractPf4jOrTheHostAndRelocatesItsLibraries() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> classes = jar.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".class")).toList();
            assertThat(classes).isNotEmpty().noneMatch(n -> n.startsWith("io/gewebot/api/"))
                    .noneMatch(n -> n.startsWith("org/pf4j/")).noneMatch(n -> n.startsWith("io/gewebot/host/"))
                    .noneMatch(n -> n.startsWith("org/slf4j/"))
                    .noneMatch(n -> n.startsWith("io/gewebot/common/")).noneMatch(n -> n.startsWith("org/flywaydb/"))
                    .noneMatch(n -> n.startsWith("com/fasterxml/"));
            assertThat(classes).anyMatch(n -> n.startsWith("io/gewebot/commands/shaded/common/settings/"))
                    .anyMatch(n -> n.startsWith("io/gewebot/commands/shaded/org/flywaydb/core/"))
                    .anyMatch(n -> n.startsWith("io/gewebot/commands/shaded/com/fasterxml/jackson/databind/"));
            // The replies' bundles travel with the relocated code that reads them.
            assertThat(jar.getEntry("io/gewebot/commands/shaded/common/text/messages_zh.properties")).isNotNull();
        }
    }
}
