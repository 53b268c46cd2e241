package io.gewebot.host;

import io.gewebot.common.text.Messages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MessagesTest {

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = MessagesTest.class.getResourceAsStream("/io/gewebot/common/text/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void englishAndChineseBundlesHaveTheSameKeys() throws IOException {
        assertThat(load("messages_zh.properties").stringPropertyNames())
                .containsExactlyInAnyOrderElementsOf(load("messages.properties").stringPropertyNames());
    }

    @Test
    void englishIsChosenWhateverTheMachinesLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.SIMPLIFIED_CHINESE);
            assertThat(Messages.of("en", ZoneOffset.UTC).get("add.done", "wxid_x")).isEqualTo("Friend request sent to wxid_x.");
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void chineseTextsComeFromTheChineseBundle() {
        assertThat(Messages.of("zh", ZoneOffset.UTC).get("add.done", "wxid_x")).isEqualTo("已向 wxid_x 发送好友请求。");
    }

    @Test
    void aQuoteIsOneQuoteInATextWithoutArgumentsToo() throws IOException {
        Messages en = Messages.of("en", ZoneOffset.UTC);
        assertThat(en.get("add.tokenInvalid")).isEqualTo("GeWe refuses the host's token; every friend request would "
                + "fail. Start the host with a valid --gewe-token (GEWE_TOKEN).");
        assertThat(en.get("login.noWxid")).isEqualTo("GeWe reported a login without the account's wxid; nothing was saved.");
        assertThat(en.get("detail.kind.TICKET_INVALID")).isEqualTo("the request's ticket is no longer valid");
        // Every text reads with single quotes however it is asked for: '' in the bundle, one quote shown.
        for (String lang : new String[] {"en", "zh"}) {
            Messages m = Messages.of(lang, ZoneOffset.UTC);
            Properties texts = load(lang.equals("en") ? "messages.properties" : "messages_zh.properties");
            assertThat(texts.stringPropertyNames()).as(lang).filteredOn(k -> m.get(k).contains("''")).isEmpty();
            assertThat(texts.stringPropertyNames()).as(lang)
                    .filteredOn(k -> texts.getProperty(k).replace("''", "").contains("'")).isEmpty();
        }
    }

    @Test
    void instantsAndDurationsAreFormattedForPeople() {
        Messages m = Messages.of("en", ZoneOffset.UTC);
        assertThat(m.get("add.duplicate", "wxid_x", Instant.parse("2026-11-20T08:30:00Z"), Duration.ofDays(7)))
                .isEqualTo("A friend request to wxid_x was already sent at 2026-11-20 08:30:00; it is not sent twice within 7d.");
    }

    @Test
    void durationsAreWordedInChineseWithLangZh() {
        Messages m = Messages.of("zh", ZoneOffset.UTC);
        assertThat(m.get("add.duplicate", "wxid_x", Instant.parse("2026-11-20T08:30:00Z"), Duration.ofDays(7)))
                .isEqualTo("已于 2026-11-20 08:30:00 向 wxid_x 发送过好友请求；7 天内不会重复发送。");
        assertThat(m.duration(Duration.ofMinutes(90))).isEqualTo("1 小时 30 分钟");
        assertThat(m.duration(Duration.ofMillis(250))).isEqualTo("250 毫秒");
        assertThat(m.duration(Duration.ofSeconds(45))).isEqualTo("45 秒");
        assertThat(Messages.of("en", ZoneOffset.UTC).duration(Duration.ofMinutes(90))).isEqualTo("1h 30m");
    }

    @Test
    void aChineseDurationIsFollowedByItsWordWithoutASpace() throws IOException {
        Messages m = Messages.of("zh", ZoneOffset.UTC);
        assertThat(m.get("limits.dedup", Duration.ofDays(7))).isEqualTo("7 天内不会向同一个人重复发送好友请求");
        assertThat(m.get("detail.timeout", Duration.ofSeconds(45))).isEqualTo("插件在 45 秒内没有应答");
        assertThat(Messages.of("en", ZoneOffset.UTC).get("limits.dedup", Duration.ofDays(7)))
                .isEqualTo("The same person is never sent a second request within 7d");
        // No Chinese text puts a space between an argument and the word after it (内, 后).
        Properties zh = new Properties();
        try (InputStreamReader in = new InputStreamReader(
                MessagesTest.class.getResourceAsStream("/io/gewebot/common/text/messages_zh.properties"),
                StandardCharsets.UTF_8)) {
            zh.load(in);
        }
        assertThat(zh.stringPropertyNames()).filteredOn(k -> zh.getProperty(k).matches("(?s).*\\{\\d\\} [内后].*"))
                .isEmpty();
    }

    @Test
    void numbersAreNotGroupedLikeAmounts() {
        assertThat(Messages.of("en", ZoneOffset.UTC).get("queue.header", 1200)).isEqualTo("Waiting friend requests (1200):");
    }
}
