package io.gewebot.contacts.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What is inside the plugin jar Maven built, and what is not. */
class PluginJarContentIT {

    private static final String SHADED = "io/gewebot/contacts/shaded/";

    private JarFile jar;
    private List<String> names;

    @BeforeEach
    void open() throws IOException {
        jar = new JarFile(PluginJar.path().toFile());
        names = jar.stream().map(JarEntry::getName).toList();
    }

    @AfterEach
    void close() throws IOException {
        jar.close();
    }

    @Test
    void theManifestDescribesThePluginToPf4j() throws IOException {
        Attributes main = jar.getManifest().getMainAttributes();

        assertThat(main.getValue("Plugin-Id")).isEqualTo("gewe-contacts");
        assertThat(main.getValue("Plugin-Version")).isEqualTo(System.getProperty("plugin.version"));
        assertThat(main.getValue("Plugin-Class")).isEqualTo(PluginJar.PLUGIN_CLASS);
        assertThat(main.getValue("Plugin-Provider")).isEqualTo("io.gewebot");
        assertThat(main.getValue("Plugin-Requires")).isEqualTo(System.getProperty("plugin.requires"));
    }

    @Test
    void theExtensionIndexAndTheServiceFileBothNameTheAction() throws IOException {
        assertThat(lines("META-INF/extensions.idx")).containsExactly(PluginJar.ACTION_CLASS);
        assertThat(lines("META-INF/services/io.gewebot.api.ContactAction")).containsExactly(PluginJar.ACTION_CLASS);
        assertThat(names).contains("io/gewebot/contacts/GeweContactAction.class",
                "io/gewebot/contacts/GeweContactsPlugin.class");
    }

    @Test
    void whatTheHostProvidesIsNotInside() {
        assertThat(names).noneMatch(n -> n.startsWith("io/gewebot/api/"))
                .noneMatch(n -> n.startsWith("org/pf4j/"))
                .noneMatch(n -> n.startsWith("org/slf4j/"));
    }

    @Test
    void httpClientAndJacksonAreInsideOnlyUnderTheShadedPrefix() {
        assertThat(names).noneMatch(n -> n.startsWith("com/fasterxml/"))
                .noneMatch(n -> n.startsWith("org/apache/hc/"))
                .noneMatch(n -> n.startsWith("META-INF/versions/"));
        assertThat(names).contains(
                SHADED + "org/apache/hc/client5/http/impl/classic/CloseableHttpClient.class",
                SHADED + "org/apache/hc/core5/http/HttpEntity.class",
                SHADED + "org/apache/hc/core5/http2/HttpVersionPolicy.class",
                SHADED + "com/fasterxml/jackson/core/JsonFactory.class",
                SHADED + "com/fasterxml/jackson/databind/ObjectMapper.class",
                SHADED + "com/fasterxml/jackson/annotation/JsonPropertyOrder.class");
    }

    @Test
    void noModuleDescriptorOrSignatureSurvived() {
        assertThat(names).noneMatch(n -> n.endsWith("module-info.class"))
                .noneMatch(n -> n.matches("META-INF/[^/]+\\.(SF|DSA|RSA|EC)"));
    }

    @Test
    void theLibrariesServiceFilesAreRenamedAndNameRelocatedClasses() throws IOException {
        List<String> services = names.stream()
                .filter(n -> n.startsWith("META-INF/services/") && !n.endsWith("/")).toList();

        assertThat(services).containsExactlyInAnyOrder(
                "META-INF/services/io.gewebot.api.ContactAction",
                "META-INF/services/io.gewebot.contacts.shaded.com.fasterxml.jackson.core.JsonFactory",
                "META-INF/services/io.gewebot.contacts.shaded.com.fasterxml.jackson.core.ObjectCodec");
        assertThat(lines("META-INF/services/io.gewebot.contacts.shaded.com.fasterxml.jackson.core.JsonFactory"))
                .containsExactly("io.gewebot.contacts.shaded.com.fasterxml.jackson.core.JsonFactory");
        assertThat(lines("META-INF/services/io.gewebot.contacts.shaded.com.fasterxml.jackson.core.ObjectCodec"))
                .containsExactly("io.gewebot.contacts.shaded.com.fasterxml.jackson.databind.ObjectMapper");
    }

    @Test
    void noClassStillReferencesTheOriginalPackages() throws IOException {
        // Class references and descriptors name classes as a/b/C anywhere in the constant pool; a
        // string constant that is a class or logger name starts with a.b. (a UTF-8 constant is tag 1,
        // then a two-byte length, then the text). Prose that merely mentions a class is left alone.
        Pattern original = Pattern.compile(
                "(?<!io/gewebot/contacts/shaded/)(org/apache/hc/|com/fasterxml/jackson/)"
                        + "|\\x01..(org\\.apache\\.hc\\.|com\\.fasterxml\\.jackson\\.)",
                Pattern.DOTALL);
        List<String> offenders = new ArrayList<>();
        int classes = 0;
        for (String name : names) {
            if (!name.endsWith(".class")) {
                continue;
            }
            classes++;
            String constants = new String(read(name), StandardCharsets.ISO_8859_1);
            Matcher matcher = original.matcher(constants);
            if (matcher.find()) {
                offenders.add(name + ": " + matcher.group());
            }
        }
        assertThat(classes).isGreaterThan(1000);
        assertThat(offenders).isEmpty();
    }

    private List<String> lines(String name) throws IOException {
        assertThat(names).contains(name);
        return new String(read(name), StandardCharsets.UTF_8).lines()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    private byte[] read(String name) throws IOException {
        try (InputStream in = jar.getInputStream(jar.getJarEntry(name))) {
            return in.readAllBytes();
        }
    }
}
