package io.gewebot.commands.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.api.AddRequest;
import io.gewebot.api.Contact;
import io.gewebot.api.ContactAction;
import io.gewebot.api.ContactOutcome;
import io.gewebot.api.ContactSettings;
import io.gewebot.api.FriendRequest;
import io.gewebot.api.GroupMember;
import io.gewebot.api.Listing;
import io.gewebot.api.Person;
import io.gewebot.common.chat.Origin;
import io.gewebot.common.settings.PacingPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the admin reads back from {@code /addgroup}, {@code /addlist}, {@code /queue} and {@code /cancel} of a
 * route, in Chinese and in English, and what a plugin without groups gets; the extension is {@link GroupStub}.
 */
class BulkAddsRepliesTest {

    private static final String GROUP = "1@chatroom";

    @TempDir
    Path dir;

    private RouterRig rig;

    @AfterEach
    void close() {
        if (rig != null) {
            rig.close();
        }
    }

    /** A group of three strangers and a friend; everyone looked up is a stranger with a v3 of their own. */
    public static final class GroupStub implements ContactAction {

        /** Found by {@link java.util.ServiceLoader}. */
        public GroupStub() {
        }

        @Override
        public String name() {
            return "group-stub";
        }

        @Override
        public void configure(ContactSettings settings) {
        }

        @Override
        public ContactOutcome add(AddRequest request) {
            return new ContactOutcome.Done(Optional.of(request.target()), Optional.empty());
        }

        @Override
        public ContactOutcome lookup(String target) {
            return new ContactOutcome.Found(new Person("v3_" + target, Optional.empty(), "", false, "v3_" + target,
                    "v4_" + target, OptionalInt.of(3)));
        }

        @Override
        public ContactOutcome accept(FriendRequest request, String message) {
            return new ContactOutcome.Done(Optional.of(request.fromWxid()), Optional.empty());
        }

        @Override
        public ContactOutcome reject(FriendRequest request, String message) {
            return accept(request, message);
        }

        @Override
        public Listing<Contact> friends() {
            return new Listing.Listed<>(List.of(new Contact("wxid_f", "Friend", "", "", List.of())));
        }

        @Override
        public Listing<GroupMember> groupMembers(String chatroomId) {
            return new Listing.Listed<>(List.of(new GroupMember("wxid_a", "A", ""), new GroupMember("wxid_b", "B", ""),
                    new GroupMember("wxid_f", "Friend", ""), new GroupMember("wxid_c", "C", "")));
        }
    }

    private String console(String lang, String text) throws Exception {
        if (rig == null) {
            // An hour between friend requests: everything waits in the queue.
            rig = new RouterRig(dir, GroupStub.class, Map.of(), PacingPolicy.defaults().withSkipWarmup(true)
                    .withAddInterval(Duration.ofHours(1)).withAddJitter(Duration.ZERO), lang, Clock.systemUTC());
        }
        return rig.run(Origin.console(), text).strip();
    }

    @Test
    void theRepliesComeInChinese() throws Exception {
        assertThat(console("zh", "/add wxid_z")).isEqualTo("已向 wxid_z 发送好友请求。");
        assertThat(console("zh", "/addgroup " + GROUP + " 你好")).startsWith("群 " + GROUP
                + "：除本账号外 4 名成员。已是好友：1；之前已发送过：0；已在队列中：0；本次排队：3。\n最后一个预计 ")
                .endsWith("发送（每 1 小时 至 1 小时 发送一个好友请求，24 小时内最多 10 个，含 /add）。");
        assertThat(console("zh", "/addlist 你好\nwxid_a\nwxid_d\nwxid_f\nwxid_z")).startsWith(
                "名单共 4 个：已排队 1；直接跳过：好友 1，之前已发送过 1，已在队列中 1。\n最后一个预计 ");
        assertThat(console("zh", "/queue")).startsWith("排队中的好友请求（4）：\n群 " + GROUP + "：3 个等待中，下一个 ")
                .contains("\n名单：1 个等待中，下一个 ");
        assertThat(console("zh", "/cancel " + GROUP)).isEqualTo("已移除 " + GROUP + " 成员的 3 个等待中的好友请求。");
        assertThat(console("zh", "/cancel list")).isEqualTo("已移除名单中的 1 个等待中的好友请求。");
        assertThat(console("zh", "/cancel list")).isEqualTo("名单中没有等待中的好友请求。");
        assertThat(console("zh", "/addgroup here")).isEqualTo("/addgroup here 只能在群聊中使用；在其他地方请给出群 ID（…@chatroom）。");
    }

    @Test
    void theRepliesComeInEnglish() throws Exception {
        assertThat(console("en", "/addgroup " + GROUP)).startsWith("Group " + GROUP + ": 4 members besides the account. "
                + "Friends already: 1; asked before: 0; already queued: 0; queued now: 3.\nThe last is expected to go out at ");
        assertThat(console("en", "/addgroup " + GROUP)).isEqualTo("Group " + GROUP + ": 4 members besides the account. "
                + "Friends already: 1; asked before: 0; already queued: 3; queued now: 0.\nNothing new was queued.");
        assertThat(console("en", "/cancel 2@chatroom")).isEqualTo("No friend requests to members of 2@chatroom are waiting.");
    }
}
