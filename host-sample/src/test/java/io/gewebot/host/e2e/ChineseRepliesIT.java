package io.gewebot.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.sandbox.GeweSandbox;
import io.gewebot.sandbox.PostedText;
import io.gewebot.testkit.HostProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With {@code --lang zh} every chat text the admins read comes from the Chinese bundle. */
class ChineseRepliesIT {

    @TempDir
    Path dir;

    @Test
    void addReplyAndFriendRequestNoticeAreInChinese() throws Exception {
        Files.createDirectories(dir.resolve("plugins"));
        Files.copy(BuiltHost.pluginJar(), dir.resolve("plugins/plugin-gewe-contacts.jar"));
        Files.copy(BuiltHost.commandsJar(), dir.resolve("plugins/plugin-contact-commands.jar"));
        try (GeweSandbox gewe = GeweSandbox.start();
                HostProcess host = BuiltHost.builder(dir).env(Map.of(
                        "GEWE_BASE_URL", gewe.baseUrl(), "GEWE_TOKEN", gewe.token(), "GEWE_APP_ID", gewe.appId(),
                        "BOT_ADMINS", "wxid_admin", "BOT_LANG", "zh",
                        "BOT_PLUGINS_DIR", dir.resolve("plugins").toString(),
                        "BOT_DATA_DIR", dir.resolve("data").toString()))
                        .args("--port", "0", "--no-console", "--skip-warmup", "--allow-unauthenticated-callbacks")
                        .start()) {
            host.awaitListening(BuiltHost.START_LIMIT);
            gewe.setCallbackUrl(host.callbackUrl());

            gewe.callbacks().pushText("wxid_admin", "/add wxid_demo");
            gewe.callbacks().pushFriendRequest("wxid_li", "小李", "你好", 6);
            gewe.callbacks().pushText("wxid_admin", "/frobnicate");
            List<PostedText> texts = gewe.awaitPostedTexts(3, Duration.ofSeconds(20));

            assertThat(texts).extracting(PostedText::content).contains(
                    "已向 Demo Friend-to-be (wxid_demo) 发送好友请求。",
                    "收到 小李（wxid_li）的好友请求：“你好”。回复 /accept wxid_li 或 /reject wxid_li。",
                    "未知命令 /frobnicate，请试试 /help");

            // History's states are words of the chosen language too.
            gewe.callbacks().pushText("wxid_admin", "/history");
            String history = gewe.awaitPostedTexts(4, Duration.ofSeconds(20)).get(3).content();
            assertThat(history).startsWith("最近的命令：").contains("/add wxid_demo（wxid_admin）：");
            assertThat(history).doesNotContain("DONE", "IN_FLIGHT", "done");
        }
    }
}
