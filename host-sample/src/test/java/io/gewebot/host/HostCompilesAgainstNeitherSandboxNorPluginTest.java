package io.gewebot.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The production host reaches the GeWe sandbox only through {@code host-spi}, and the GeWe plugin and the
 * contact commands only through {@code plugin-api}, all found at run time: no class of the host names a class
 * of theirs.
 * Class files name every class they use in their constant pool (as {@code io/gewebot/sandbox/...}),
 * and a class looked up by name carries it as a string ({@code io.gewebot.sandbox...}).
 */
class HostCompilesAgainstNeitherSandboxNorPluginTest {

    private static final List<String> FORBIDDEN = List.of(
            "io/gewebot/sandbox", "io.gewebot.sandbox", "io/gewebot/contacts", "io.gewebot.contacts",
            "io/gewebot/commands", "io.gewebot.commands");

    private static Path classesOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** Each class file under {@code root} that names a forbidden package, with the first name it uses. */
    private static Map<String, String> offenders(Path root) throws IOException {
        Map<String, String> found = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(f -> f.toString().endsWith(".class")).forEach(f -> {
                // ISO-8859-1 maps each byte to one char: ASCII names in the constant pool read as they are.
                String bytes = read(f);
                FORBIDDEN.stream().filter(bytes::contains).findFirst()
                        .ifPresent(name -> found.put(root.relativize(f).toString(), name));
            });
        }
        return found;
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void noMainClassOfTheHostNamesTheSandboxOrThePlugin() throws Exception {
        Path main = classesOf(BotHost.class);
        assertThat(main).isDirectory();
        assertThat(main.resolve("io/gewebot/host/BotHost.class")).exists();
        try (Stream<Path> files = Files.walk(main)) {
            assertThat(files.filter(f -> f.toString().endsWith(".class")).count()).isGreaterThan(30);
        }

        assertThat(offenders(main)).isEmpty();
    }

    @Test
    void noMainSourceOfTheHostNamesThemEither() throws Exception {
        Path sources = Path.of("src/main/java");
        assertThat(sources.resolve("io/gewebot/host/BotHost.java")).exists();
        try (Stream<Path> files = Files.walk(sources)) {
            assertThat(files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> FORBIDDEN.stream().anyMatch(read(f)::contains))
                    .map(Path::toString)).isEmpty();
        }
    }

    @Test
    void theScanSeesSuchANameWhereOneIs() throws Exception {
        // The tests do use the sandbox (GeweMessengerTest runs against one): the same scan over their
        // classes must find it.
        Path tests = classesOf(HostCompilesAgainstNeitherSandboxNorPluginTest.class);

        assertThat(offenders(tests)).containsEntry("io/gewebot/host/chat/GeweMessengerTest.class", "io/gewebot/sandbox");
    }
}
