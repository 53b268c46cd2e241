package io.gewebot.api;

import java.util.List;

import org.pf4j.ExtensionPoint;

/**
 * Adds WeChat contacts and answers friend requests on behalf of one account.
 *
 * <p>Implementations are found by a host at run time, either as PF4J extensions in a plugin jar or
 * through {@link java.util.ServiceLoader}; both need a public no-argument constructor. The host calls
 * {@link #configure(ContactSettings)} once before any other method, and {@link #close()} when it is
 * done with the extension.
 *
 * <p>Every operation answers with a {@link ContactOutcome} and never throws for a platform failure,
 * a timeout or unreadable input. An implementation must never repeat a friend request on its own:
 * when an answer is lost it reports a {@link ContactOutcome.Failed failure} that says the request may
 * have been delivered.
 */
public interface ContactAction extends ExtensionPoint, AutoCloseable {

    /**
     * A short stable name for logs and the host's listing, such as {@code gewe-contacts}.
     *
     * @return the name, never {@code null}
     */
    String name();

    /**
     * Hands the extension its settings. Called once, before any operation.
     *
     * @param settings the account and transport settings
     * @throws IllegalArgumentException when a required setting is missing or malformed; the message
     *     names the setting but never repeats a secret value
     */
    void configure(ContactSettings settings);

    /**
     * Sends a friend request.
     *
     * @param request whom to add and how to greet them
     * @return {@link ContactOutcome.Done} once the request went out, {@link ContactOutcome.Refused}
     *     when it was not sent on purpose (for example the person is already a friend), or
     *     {@link ContactOutcome.Failed}
     */
    ContactOutcome add(AddRequest request);

    /**
     * Looks someone up without sending them anything, so that the host knows who they are (the same
     * person however they were typed) and whether there is anybody to add before it paces a request.
     *
     * <p>The default, for plugins written before this method existed, looks nobody up: it answers
     * {@link Person#asTyped}, and {@link #add(AddRequest, Person)} then falls back to
     * {@link #add(AddRequest)}, which finds the person itself.
     *
     * @param target a wxid, WeChat ID or phone number, as typed
     * @return {@link ContactOutcome.Found} with the person (a friend included), {@link ContactOutcome.Refused}
     *     when the target cannot be used, or {@link ContactOutcome.Failed} (for example
     *     {@link ContactOutcome.FailureKind#NOT_FOUND} when nobody has that wxid, WeChat ID or number)
     */
    default ContactOutcome lookup(String target) {
        return new ContactOutcome.Found(Person.asTyped(target));
    }

    /**
     * Sends a friend request to someone {@link #lookup} found, with the tickets it gave, without
     * searching again. A host calls it only with tickets fresh enough to use; when in doubt it looks
     * the person up again first.
     *
     * <p>The default, for plugins written before this method existed, calls {@link #add(AddRequest)}.
     * An implementation must do the same for a person that is not {@link Person#identified()}.
     *
     * @param request what the user typed, the greeting and an optional scene (which wins over the
     *     person's)
     * @param person whom {@code lookup} found for {@code request.target()}
     * @return as {@link #add(AddRequest)}
     */
    default ContactOutcome add(AddRequest request, Person person) {
        return add(request);
    }

    /**
     * Accepts a friend request that this account received.
     *
     * @param request the request as it arrived
     * @param message an optional message sent with the answer; empty for none
     * @return the outcome
     */
    ContactOutcome accept(FriendRequest request, String message);

    /**
     * Rejects a friend request that this account received.
     *
     * @param request the request as it arrived
     * @param message an optional message sent with the answer; empty for none
     * @return the outcome
     */
    ContactOutcome reject(FriendRequest request, String message);

    /**
     * Asks the platform about the account: whether it is logged in, and whether the extension's access
     * (its token) is accepted at all. Like every operation it never throws; a refused token comes as
     * {@link AccountCheck.Failed} of kind {@link ContactOutcome.FailureKind#TOKEN_INVALID}, with the
     * platform's own text.
     *
     * <p>The default answers {@link AccountCheck.Unsupported}: an extension written before this method
     * existed keeps working, and the host then learns the account's state elsewhere.
     *
     * @return what the platform said
     */
    default AccountCheck checkAccount() {
        return new AccountCheck.Unsupported();
    }

    // ---- the address book ----------------------------------------------------------------------
    //
    // Friends the account already has: remarks, labels, the list of friends, deleting one, and how
    // someone stands with the account. Each default answers "unsupported", so that an extension
    // written before these operations existed still loads and the host tells its users plainly.

    /**
     * Sets the remark (the name the account shows for a friend).
     *
     * @param wxid the friend
     * @param remark the new remark; empty clears it
     * @return {@link ContactOutcome.Done} with the wxid, {@link ContactOutcome.Refused} (by default
     *     {@link ContactOutcome.Reason#UNSUPPORTED}) or {@link ContactOutcome.Failed}
     */
    default ContactOutcome setRemark(String wxid, String remark) {
        return ContactOutcome.unsupported("setRemark");
    }

    /**
     * Files a friend under labels, keeping the labels they already have. Labels that do not exist yet
     * are created. A platform whose call replaces a friend's whole label set is the extension's
     * concern: it reads the friend's labels first and sends them too.
     *
     * @param wxid the friend
     * @param labels label names, at least one
     * @return {@link ContactOutcome.Done} with the wxid, {@link ContactOutcome.Refused} or
     *     {@link ContactOutcome.Failed}
     */
    default ContactOutcome addLabels(String wxid, List<String> labels) {
        return ContactOutcome.unsupported("addLabels");
    }

    /**
     * Takes labels off a friend, keeping their other labels. A label they do not have is no error.
     *
     * @param wxid the friend
     * @param labels label names, at least one
     * @return {@link ContactOutcome.Done} with the wxid, {@link ContactOutcome.Refused} or
     *     {@link ContactOutcome.Failed}
     */
    default ContactOutcome removeLabels(String wxid, List<String> labels) {
        return ContactOutcome.unsupported("removeLabels");
    }

    /**
     * Deletes a friend from the account's friends.
     *
     * @param wxid the friend
     * @return {@link ContactOutcome.Done} with the wxid, {@link ContactOutcome.Refused} or
     *     {@link ContactOutcome.Failed}
     */
    default ContactOutcome deleteFriend(String wxid) {
        return ContactOutcome.unsupported("deleteFriend");
    }

    /**
     * Lists every friend of the account with their profile (nickname, remark, labels). May be slow:
     * a host calls it to fill a cache, not per command.
     *
     * @return the friends, or why they could not be listed
     */
    default Listing<Contact> friends() {
        return Listing.unsupported("friends");
    }

    /**
     * The wxids of every friend of the account, without their profiles: a host that reads a large
     * address book asks {@link #profiles} for them part by part, and can tell how far it got.
     *
     * <p>The default, for extensions written before this method existed, answers
     * {@link ContactOutcome.Reason#UNSUPPORTED}; such a host reads {@link #friends()} in one go instead.
     *
     * @return the friends' wxids, in the platform's order, or why they could not be listed
     */
    default Listing<String> friendWxids() {
        return Listing.unsupported("friendWxids");
    }

    /**
     * The profiles of some friends, as the platform knows them now.
     *
     * @param wxids whom to look up, at least one
     * @return one contact per wxid the platform knew (those it did not know are left out), or why
     *     none could be read
     */
    default Listing<Contact> profiles(List<String> wxids) {
        return Listing.unsupported("profiles");
    }

    /**
     * How each of some people stands with the account (a friend, deleted the account, blocked it, ...).
     * Not every platform variant offers it: those that do not answer
     * {@link ContactOutcome.Reason#UNSUPPORTED}.
     *
     * @param wxids whom to check, at least one
     * @return one relation per wxid, or why none could be checked
     */
    default Listing<Relation> checkRelations(List<String> wxids) {
        return Listing.unsupported("checkRelations");
    }

    // ---- groups --------------------------------------------------------------------------------
    //
    // The members of a group chat the account is in, and friend requests to them through the group.
    // Each default answers "unsupported", so that an extension written before these operations
    // existed still loads and the host tells its users plainly.

    /**
     * Lists the members of a group chat the account is in. The account itself is among them.
     *
     * @param chatroomId the group's id ({@code …@chatroom})
     * @return the members, in the platform's order, or why they could not be listed
     */
    default Listing<GroupMember> groupMembers(String chatroomId) {
        return Listing.unsupported("groupMembers");
    }

    /**
     * Sends a friend request to a member of a group chat, through the group: no tickets are needed,
     * and the member may have forbidden it (then the platform fails it). Like {@link #add(AddRequest)}
     * it is sent once: an extension never repeats it on its own.
     *
     * @param chatroomId the group's id ({@code …@chatroom})
     * @param memberWxid the member's wxid
     * @param greeting the greeting; empty for the configured default greeting
     * @return {@link ContactOutcome.Done} with the member's wxid once the request went out,
     *     {@link ContactOutcome.Refused} (by default {@link ContactOutcome.Reason#UNSUPPORTED}) or
     *     {@link ContactOutcome.Failed}
     */
    default ContactOutcome addGroupMember(String chatroomId, String memberWxid, String greeting) {
        return ContactOutcome.unsupported("addGroupMember");
    }

    // ---- messages --------------------------------------------------------------------------------
    //
    // Texts the account sends, such as the welcome a friend-request rule gives a new friend. Like the
    // address book, the default answers "unsupported", so that an extension written before this
    // operation existed still loads and the host tells its users plainly.

    /**
     * Sends a text message to a person or a group ({@code …@chatroom}) from the account, such as a
     * friend-request rule's welcome. A text is sent once: an extension never repeats it on its own, and
     * when the answer is lost it reports a {@link ContactOutcome.Failed failure} that says the text may
     * have been delivered.
     *
     * <p>The default, for extensions written before this method existed, answers
     * {@link ContactOutcome.Refused} with the reason {@link ContactOutcome.Reason#UNSUPPORTED}.
     *
     * @param toWxid the person's wxid, or the group's id ({@code …@chatroom})
     * @param text the text, as it is to appear; not blank
     * @return {@link ContactOutcome.Done} with {@code toWxid}, {@link ContactOutcome.Refused} (by default
     *     {@link ContactOutcome.Reason#UNSUPPORTED}) or {@link ContactOutcome.Failed}
     */
    default ContactOutcome sendText(String toWxid, String text) {
        return ContactOutcome.unsupported("sendText");
    }

    /**
     * Releases what the extension holds (connections, threads). Calling it twice is harmless.
     */
    @Override
    default void close() {
    }
}
