package io.gewebot.host.runtime;

import io.gewebot.api.AddRequest;
import io.gewebot.api.ContactAction;
import io.gewebot.api.ContactOutcome;
import io.gewebot.api.ContactSettings;
import io.gewebot.api.FriendRequest;

/**
 * What the chat commands are given while no contact extension is usable: every operation is refused as not
 * configured, so an admin is told that no contact plugin is loaded and nothing is sent. The address
 * book's operations keep their defaults (unsupported), as an extension without them would answer.
 */
final class NoContactPlugin implements ContactAction {

    static final NoContactPlugin INSTANCE = new NoContactPlugin();

    private static final ContactOutcome.Refused NONE =
            new ContactOutcome.Refused(ContactOutcome.Reason.NOT_CONFIGURED, "no contact plugin is loaded");

    private NoContactPlugin() {
    }

    @Override
    public String name() {
        return "none";
    }

    @Override
    public void configure(ContactSettings settings) {
    }

    @Override
    public ContactOutcome add(AddRequest request) {
        return NONE;
    }

    @Override
    public ContactOutcome lookup(String target) {
        return NONE;
    }

    @Override
    public ContactOutcome accept(FriendRequest request, String message) {
        return NONE;
    }

    @Override
    public ContactOutcome reject(FriendRequest request, String message) {
        return NONE;
    }
}
