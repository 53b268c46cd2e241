package io.gewebot.host.hardening.plugins;

import io.gewebot.api.AddRequest;
import io.gewebot.api.ContactAction;
import io.gewebot.api.ContactOutcome;
import io.gewebot.api.ContactSettings;
import io.gewebot.api.FriendRequest;
import java.util.concurrent.TimeUnit;

/**
 * A hostile extension, packed into a plugin jar by the tests: every operation hangs for ten minutes,
 * and ignores interrupts while it does.
 */
public final class HangingContactAction implements ContactAction {

    /** The name it reports. */
    public static final String NAME = "hanging-test";

    /** Created by PF4J. */
    public HangingContactAction() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void configure(ContactSettings settings) {
        // Nothing to configure: it never does anything.
    }

    @Override
    public ContactOutcome add(AddRequest request) {
        return hang();
    }

    @Override
    public ContactOutcome accept(FriendRequest request, String message) {
        return hang();
    }

    @Override
    public ContactOutcome reject(FriendRequest request, String message) {
        return hang();
    }

    private static ContactOutcome hang() {
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (System.nanoTime() < end) {
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException ignored) {
                // Hostile on purpose: it does not stop when the host gives up on it.
            }
        }
        return new ContactOutcome.Refused(ContactOutcome.Reason.NOT_CONFIGURED, "woke up");
    }
}
