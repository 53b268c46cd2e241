package io.gewebot.host.chat;

import java.util.concurrent.atomic.AtomicBoolean;

/** Whether the WeChat account is online, as the host last learned it (an Offline callback, a probe). */
public final class AccountState {

    private final AtomicBoolean offline = new AtomicBoolean();

    /**
     * Records that the account went offline.
     *
     * @return whether it was online until now
     */
    public boolean markOffline() {
        return !offline.getAndSet(true);
    }

    /**
     * Records that the account is online (a message arrived for it, or GeWe said so).
     *
     * @return whether it was offline until now
     */
    public boolean markOnline() {
        return offline.getAndSet(false);
    }

    /** @return whether the account is known to be offline */
    public boolean offline() {
        return offline.get();
    }
}
