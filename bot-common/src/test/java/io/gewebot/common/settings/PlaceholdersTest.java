package io.gewebot.common.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.api.FriendRequest;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PlaceholdersTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 1);

    private static FriendRequest request(String nickname) {
        return new FriendRequest("wxid_new", nickname, "我想加好友", 15, "v3_x", "v4_x", Instant.parse("2026-02-28T23:00:00Z"));
    }

    @Test
    void everyPlaceholderIsFilledIn() {
        assertThat(Placeholders.render("{nickname}|{wxid}|{greeting}|{scene}|{date}", request("小明"), DAY))
                .isEqualTo("小明|wxid_new|我想加好友|15|2026-03-01");
    }

    @Test
    void anEmptyNicknameIsFilledInAsTheWxid() {
        assertThat(Placeholders.render("你好 {nickname}", request(""), DAY)).isEqualTo("你好 wxid_new");
        assertThat(Placeholders.render("你好 {nickname}", request("  "), DAY)).isEqualTo("你好 wxid_new");
    }

    @Test
    void textOutsideKnownPlaceholdersStaysAsItIsEvenWhatLooksLikeAReplacement() {
        assertThat(Placeholders.render("{nick} {} $1 \\ {nickname}", request("a$1\\b"), DAY))
                .isEqualTo("{nick} {} $1 \\ a$1\\b");
    }

    @Test
    void theFirstUnknownPlaceholderIsFoundAndKnownOnesAreNot() {
        assertThat(Placeholders.firstUnknown("{nickname}-{date}")).isEmpty();
        assertThat(Placeholders.firstUnknown("no placeholders {} at all")).isEmpty();
        assertThat(Placeholders.firstUnknown("{nickname} {day} {nick}")).contains("{day}");
        assertThat(Placeholders.firstUnknown("{Nickname}")).contains("{Nickname}");
    }
}
