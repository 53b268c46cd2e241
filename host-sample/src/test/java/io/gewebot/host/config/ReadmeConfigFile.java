package io.gewebot.host.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The README's "Configuration file" section as tests read it: its example file and its example
 * refusals, so that what the README shows is what the host does.
 */
public final class ReadmeConfigFile {

    /** How each example refusal of the README starts. */
    public static final String ERROR_PREFIX = "error: --config / BOT_CONFIG: ";

    private ReadmeConfigFile() {
    }

    private static List<String> section() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("../README.md"), StandardCharsets.UTF_8);
        int start = lines.indexOf("### Configuration file");
        if (start < 0) {
            throw new AssertionError("the README has no \"### Configuration file\" section");
        }
        int end = start + 1;
        while (end < lines.size() && !lines.get(end).startsWith("#")) {
            end++;
        }
        return lines.subList(start, end);
    }

    /** @return the example file, as the README shows it */
    public static String example() throws IOException {
        List<String> section = section();
        int open = section.indexOf("```yaml");
        int close = section.subList(open, section.size()).indexOf("```") + open;
        return String.join("\n", section.subList(open + 1, close)) + "\n";
    }

    /** @return the example refusals, each a line as the host prints it */
    public static List<String> errorExamples() throws IOException {
        return section().stream().filter(line -> line.startsWith(ERROR_PREFIX + "bot.yaml")).toList();
    }
}
