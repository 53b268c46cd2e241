package io.gewebot.commands.chat;

/**
 * What the host does when GeWe reports that a friend changed or was deleted ({@code ModContacts},
 * {@code DelContacts}): it keeps its address book current. Both return at once; whatever needs the
 * plugin runs elsewhere, never on the thread that handles callbacks.
 */
public interface ContactChanges {

    /**
     * A friend was added or their profile changed.
     *
     * @param wxid the friend
     */
    void modified(String wxid);

    /**
     * A friend was deleted.
     *
     * @param wxid the friend
     */
    void deleted(String wxid);
}
