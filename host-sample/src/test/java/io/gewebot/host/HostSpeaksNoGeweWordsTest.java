package io.gewebot.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * GeWe's words are known only to the GeWe plugin, which turns them into the contract's failure
 * kinds: the host decides from the kind. So none of GeWe's failure texts may appear in the host's
 * main code or its message bundles.
 */
class HostSpeaksNoGeweWordsTest {

    /** GeWe's failure wording, as REFERENCE.md lists it. */
    private static final List<String> GEWE_WORDS = List.of(
            "频繁", "风控", "限制", "离线", "不可用或已过期", "不可为空", "ticket invalid", "用户不存在", "搜索联系人失败",
            "添加好友失败", "操作成功");

    @Test
    void noGeweFailureTextInMainCodeOrMessageBundles() throws IOException {
        List<String> found = new ArrayList<>();
        Path main = Path.of("src", "main");
        // The host's, the contact commands' and what they share, the message bundles included.
        Path commands = Path.of("..", "plugin-contact-commands", "src", "main");
        Path common = Path.of("..", "bot-common", "src", "main");
        assertThat(main.resolve("java")).isDirectory();
        assertThat(commands.resolve("java")).isDirectory();
        assertThat(common.resolve("resources/io/gewebot/common/text/messages_zh.properties")).isRegularFile();
        try (Stream<Path> files = Stream.of(main, commands, common).flatMap(HostSpeaksNoGeweWordsTest::walk)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    for (String word : GEWE_WORDS) {
                        if (lines.get(i).contains(word)) {
                            found.add(file + ":" + (i + 1) + " says " + word);
                        }
                    }
                }
            }
        }
        assertThat(found).isEmpty();
    }

    private static Stream<Path> walk(Path root) {
        try {
            return Files.walk(root);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
