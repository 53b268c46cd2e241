package io.gewebot.api.chat;

import io.gewebot.api.ContactAction;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What a bot host offers one {@link ChatExtension} for one account. The host implements it.
 *
 * <p>The abstract methods below are all there will ever be: anything a host may offer later is added as
 * a default method, so a host written against this version keeps compiling and an extension asks
 * nothing of it that it cannot give.
 */
public interface ChatContext {

    /**
     * The account this context is for: GeWe's {@code appId} of the device.
     *
     * @return the account's id, never blank
     */
    String account();

    /**
     * The platform's contact operations, already configured for this account.
     *
     * @return the contact extension
     */
    ContactAction contacts();

    /**
     * The account's settings, as the host's configuration gives them: keys and values as text. A missing
     * key takes the extension's documented default; an extension names a key it cannot read.
     *
     * @return the settings, never {@code null}
     */
    Map<String, String> settings();

    /**
     * A folder of the account's own where the extension may keep files. It exists.
     *
     * @return the folder
     */
    Path dataFolder();

    /**
     * The host's database, when it has one to share: the extension then keeps its state there, in tables
     * of its own. Empty when the host keeps no database; the extension keeps its state under
     * {@link #dataFolder()} instead.
     *
     * @return the database, or empty
     */
    Optional<DataSource> dataSource();

    /**
     * Sends a text into a conversation. Returns at once: the host delivers it on its own threads.
     *
     * @param conversation where: the conversation an {@link IncomingText} came from, or a wxid
     * @param text what to say
     */
    void send(String conversation, String text);

    /**
     * Tells the account's admins, however the host reaches them (a chat text to each, a console).
     * Returns at once.
     *
     * @param text what to say
     */
    void toAdmins(String text);

    /**
     * Counts one event for the host's metrics: a command carried out, a friend request sent, a pause
     * begun. A host without metrics ignores it, as the default does. Returns at once.
     *
     * @param meter the meter's name, dotted, such as {@code gewebot.friend.requests}
     * @param tags what tells this event from others of the same meter, such as {@code outcome=sent}
     */
    default void count(String meter, Map<String, String> tags) {
    }

    /**
     * The account's own wxid, when the host knows it (from a login, or from the platform's messages for
     * the account): the extension leaves the account itself out of what it does to a group's members.
     * The default, for hosts written before this method existed, knows none.
     *
     * @return the wxid, or empty when not known
     */
    default Optional<String> accountWxid() {
        return Optional.empty();
    }
}
