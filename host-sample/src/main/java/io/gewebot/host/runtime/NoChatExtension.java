package io.gewebot.host.runtime;

import io.gewebot.api.FriendRequest;
import io.gewebot.api.chat.ChatContext;
import io.gewebot.api.chat.ChatExtension;
import io.gewebot.api.chat.CommandInfo;
import io.gewebot.api.chat.IncomingText;
import java.util.List;

/** The chat extension of an account for which none is installed: it takes no text and answers nothing. */
public final class NoChatExtension implements ChatExtension {
    /** The one instance. */
    public static final NoChatExtension INSTANCE = new NoChatExtension();

    private NoChatExtension() {
    }

    @Override
    public String name() {
        return "none";
    }

    @Override
    public void start(ChatContext context) {
        // nothing to start
    }

    @Override
    public List<CommandInfo> commands() {
        return List.of();
    }

    @Override
    public boolean onText(IncomingText text) {
        return false;
    }

    @Override
    public void onFriendRequest(FriendRequest request) {
        // nobody to tell: the request stays with GeWe
    }

    @Override
    public void close() {
        // nothing to release
    }
}
