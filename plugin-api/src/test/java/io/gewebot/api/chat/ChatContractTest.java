package io.gewebot.api.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatContractTest {

    private static List<String> abstractMethods(Class<?> type) {
        return Arrays.stream(type.getDeclaredMethods())
                .filter(m -> Modifier.isAbstract(m.getModifiers()))
                .map(ChatContractTest::signature)
                .sorted()
                .toList();
    }

    private static String signature(Method m) {
        return m.getReturnType().getSimpleName() + " " + m.getName() + Arrays.stream(m.getParameterTypes())
                .map(Class::getSimpleName).toList();
    }

    @Test
    void aHostImplementsExactlyTheSevenMethodsOfTheContextAndNothingMore() {
        assertThat(abstractMethods(ChatContext.class)).containsExactly(
                "ContactAction contacts[]",
                "Map settings[]",
                "Optional dataSource[]",
                "Path dataFolder[]",
                "String account[]",
                "void send[String, String]",
                "void toAdmins[String]");
    }

    @Test
    void anExtensionImplementsItsNameStartCommandsTextsFriendRequestsAndClose() {
        assertThat(abstractMethods(ChatExtension.class)).containsExactly(
                "List commands[]",
                "String name[]",
                "boolean onText[IncomingText]",
                "void close[]",
                "void onFriendRequest[FriendRequest]",
                "void start[ChatContext]");
    }

    @Test
    void contactChangesAreOptionalForAnExtension() throws Exception {
        Method changed = ChatExtension.class.getMethod("onContactChanged", String.class, boolean.class);
        assertThat(changed.isDefault()).isTrue();
    }

    @Test
    void aContactChangeWithItsNicknameReachesAnExtensionThatReadsOnlyTheWxid() {
        List<String> seen = new java.util.ArrayList<>();
        ChatExtension extension = new ChatExtension() {
            @Override public String name() { return "x"; }
            @Override public void start(ChatContext context) { }
            @Override public List<CommandInfo> commands() { return List.of(); }
            @Override public boolean onText(IncomingText text) { return false; }
            @Override public void onFriendRequest(io.gewebot.api.FriendRequest request) { }
            @Override public void onContactChanged(String wxid, boolean removed) { seen.add(wxid + " " + removed); }
            @Override public void close() { }
        };
        extension.onContactChanged("wxid_eve", "Eve", true);
        assertThat(seen).containsExactly("wxid_eve true");
    }

    @Test
    void anIncomingTextNeedsEveryPart() {
        Instant now = Instant.parse("2026-12-07T10:00:00Z");
        IncomingText text = new IncomingText("wxid_a", "wxid_a", true, "/add x", now);
        assertThat(text.fromAdmin()).isTrue();
        assertThatThrownBy(() -> new IncomingText(null, "wxid_a", true, "/add x", now))
                .isInstanceOf(NullPointerException.class).hasMessage("conversation");
        assertThatThrownBy(() -> new IncomingText("wxid_a", "wxid_a", false, "/add x", null))
                .isInstanceOf(NullPointerException.class).hasMessage("writtenAt");
    }

    @Test
    void aCommandIsNamedByItsWordWithoutTheSlash() {
        assertThat(new CommandInfo("add", "/add <wxid>", "Sends a friend request").name()).isEqualTo("add");
        assertThatThrownBy(() -> new CommandInfo("/add", "/add <wxid>", "Sends a friend request"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/add");
        assertThatThrownBy(() -> new CommandInfo(" ", "/add", "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
