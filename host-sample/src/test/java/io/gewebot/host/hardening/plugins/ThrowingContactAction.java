package io.gewebot.host.hardening.plugins;

import io.gewebot.api.AddRequest;
import io.gewebot.api.ContactAction;
import io.gewebot.api.ContactOutcome;
import io.gewebot.api.ContactSettings;
import io.gewebot.api.FriendRequest;

/** A broken extension, packed into a plugin jar by the tests: every operation throws. */
public final class ThrowingContactAction implements ContactAction {

    /** The name it reports. */
    public static final String NAME = "throwing-test";

    /** Created by PF4J. */
    public ThrowingContactAction() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void configure(ContactSettings settings) {
        // Configures fine; it breaks only when used.
    }

    @Override
    public ContactOutcome add(AddRequest request) {
        throw new IllegalStateException("broken on purpose");
    }

    @Override
    public ContactOutcome accept(FriendRequest request, String message) {
        throw new IllegalStateException("broken on purpose");
    }

    @Override
    public ContactOutcome reject(FriendRequest request, String message) {
        throw new IllegalStateException("broken on purpose");
    }
}
