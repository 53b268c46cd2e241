package io.gewebot.api.chat;

import io.gewebot.api.FriendRequest;
import java.util.List;
import java.util.Map;
import org.pf4j.ExtensionPoint;

/**
 * Chat commands for one account, routed to by a bot host: the host decodes what its platform delivers
 * and hands this extension the texts, the friend requests and the contact changes of the account; the
 * extension answers through its {@link ChatContext}.
 *
 * <p>A host makes one instance per account (PF4J extension or {@link java.util.ServiceLoader}
 * provider, so a public no-argument constructor), calls {@link #start(ChatContext)} once before any
 * other method, and {@link #close()} when it stops. The calls may come from any of the host's threads.
 *
 * <p>Every {@code on...} method returns at once, in milliseconds: it never waits on the platform, on a
 * pacing interval or on a lock held by a send. The work and the replies happen on the extension's own
 * threads, which {@link #close()} releases. None of them throws for bad input.
 *
 * <p>Operations added to this interface later are default methods, so an extension or a host written
 * against this version keeps loading and compiling.
 */
public interface ChatExtension extends ExtensionPoint, AutoCloseable {

    /**
     * A short stable name for logs and the host's listing, such as {@code contact-commands}.
     *
     * @return the name, never {@code null}
     */
    String name();

    /**
     * Starts the extension for one account. Called once, before any other method but {@link #name()}.
     *
     * @param context what the host offers this account
     * @throws IllegalArgumentException when a setting is malformed; the message names the key and never
     *     repeats a secret value
     * @throws IllegalStateException when the extension's storage cannot be opened
     */
    void start(ChatContext context);

    /**
     * The commands this extension answers, for the host's routing and its {@code /help}.
     *
     * @return the commands, in the order a help text should list them
     */
    List<CommandInfo> commands();

    /**
     * A text written in one of the account's conversations. The extension acts only on its own commands,
     * and makes no platform call for a text that is not from an admin. A host may rely on that: it may
     * hand such a text again when the platform delivers it again, and keeps no record of it that would
     * bring it back after a crash, where it records an admin's text so that a command is carried out once.
     *
     * @param text the text, who wrote it where and when, and whether the host counts the writer as an admin
     * @return {@code true} when the text was one of its commands (carried out, queued, or refused with a
     *     reply), {@code false} for any other text
     */
    boolean onText(IncomingText text);

    /**
     * Someone asked to become the account's friend. The extension keeps the request and answers it
     * (by a rule, or when an admin says so), telling the admins through {@link ChatContext#toAdmins}.
     *
     * @param request the request as the platform delivered it
     */
    void onFriendRequest(FriendRequest request);

    /**
     * A contact of the account changed: added or updated ({@code removed == false}), or deleted.
     *
     * @param wxid the contact (a person's wxid or a group's id)
     * @param removed whether the contact was deleted
     */
    default void onContactChanged(String wxid, boolean removed) {
    }

    /**
     * A contact of the account changed, with the name the platform gave: a host that knows the contact's
     * nickname calls this one. The default forwards to {@link #onContactChanged(String, boolean)}, so an
     * extension needs to implement only one of the two.
     *
     * @param wxid the contact (a person's wxid or a group's id)
     * @param nickname the contact's nickname as the platform sent it, empty when unknown
     * @param removed whether the contact was deleted
     */
    default void onContactChanged(String wxid, String nickname, boolean removed) {
        onContactChanged(wxid, removed);
    }

    /**
     * The account's state changed, as the host learned it from the platform (its answers about the
     * account, an offline notice, a message that proves the account is back). The default ignores it.
     *
     * @param status the state now
     * @param reason why, for people (the platform's text), empty when there is nothing to say
     */
    default void onAccountStatus(AccountStatus status, String reason) {
    }

    /**
     * What the extension reports about the account for the host's health report: names to numbers,
     * texts, booleans, or maps and lists of them. Read at each request of the report, so it is quick.
     * The default reports nothing.
     *
     * @return the report, never {@code null}
     */
    default Map<String, Object> status() {
        return Map.of();
    }

    /**
     * Stops the extension's threads and releases its connections and files. Calling it twice is harmless.
     */
    @Override
    void close();
}
