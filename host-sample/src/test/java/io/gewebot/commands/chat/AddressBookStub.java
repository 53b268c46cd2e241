package io.gewebot.commands.chat;

import io.gewebot.api.AddRequest;
import io.gewebot.api.Contact;
import io.gewebot.api.ContactAction;
import io.gewebot.api.ContactOutcome;
import io.gewebot.api.ContactSettings;
import io.gewebot.api.FriendRequest;
import io.gewebot.api.Listing;
import io.gewebot.api.Person;
import io.gewebot.api.Relation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * An extension with an address book: it records every call with its arguments (a search for a
 * person included, which finds a stranger) in {@link #ASKED},
 * lists {@link #friends}, and answers relations from {@link #RELATIONS} (a wxid starting with
 * {@code ghost} is left out of the answer). When {@link #failure} is set, every operation answers it.
 */
public final class AddressBookStub implements ContactAction {

    /** What the host asked, such as {@code setRemark wxid_a Ally} or {@code profiles [wxid_a]}. */
    static final Queue<String> ASKED = new ConcurrentLinkedQueue<>();
    /** How each wxid stands; {@link Relation.Kind#NORMAL} for any other. */
    static final Map<String, Relation.Kind> RELATIONS = new ConcurrentHashMap<>();
    /** The account's friends. */
    static volatile List<Contact> friends = List.of();
    /** When set, what every operation answers (a listing: not listed, for this reason). */
    static volatile ContactOutcome failure;

    /** Found by {@link java.util.ServiceLoader}. */
    public AddressBookStub() {
    }

    /** Forgets what was asked and answered. */
    static void reset() {
        ASKED.clear();
        RELATIONS.clear();
        friends = List.of();
        failure = null;
    }

    @Override
    public String name() {
        return "address-book-stub";
    }

    @Override
    public void configure(ContactSettings settings) {
    }

    @Override
    public ContactOutcome lookup(String target) {
        ASKED.add("lookup " + target);
        return new ContactOutcome.Found(Person.asTyped(target));
    }

    @Override
    public ContactOutcome add(AddRequest request) {
        ASKED.add("add " + request.target());
        return done(request.target());
    }

    @Override
    public ContactOutcome accept(FriendRequest request, String message) {
        throw new AssertionError("not used");
    }

    @Override
    public ContactOutcome reject(FriendRequest request, String message) {
        throw new AssertionError("not used");
    }

    @Override
    public ContactOutcome setRemark(String wxid, String remark) {
        ASKED.add("setRemark " + wxid + " " + remark);
        return done(wxid);
    }

    @Override
    public ContactOutcome addLabels(String wxid, List<String> labels) {
        ASKED.add("addLabels " + wxid + " " + labels);
        return done(wxid);
    }

    @Override
    public ContactOutcome removeLabels(String wxid, List<String> labels) {
        ASKED.add("removeLabels " + wxid + " " + labels);
        return done(wxid);
    }

    @Override
    public ContactOutcome deleteFriend(String wxid) {
        ASKED.add("deleteFriend " + wxid);
        return done(wxid);
    }

    @Override
    public Listing<Contact> friends() {
        ASKED.add("friends");
        return failure != null ? new Listing.NotListed<>(failure) : new Listing.Listed<>(friends);
    }

    @Override
    public Listing<Contact> profiles(List<String> wxids) {
        ASKED.add("profiles " + wxids);
        return failure != null ? new Listing.NotListed<>(failure)
                : new Listing.Listed<>(friends.stream().filter(f -> wxids.contains(f.wxid())).toList());
    }

    @Override
    public Listing<Relation> checkRelations(List<String> wxids) {
        ASKED.add("checkRelations " + wxids);
        if (failure != null) {
            return new Listing.NotListed<>(failure);
        }
        return new Listing.Listed<>(wxids.stream().filter(w -> !w.startsWith("ghost")).map(w -> {
            Relation.Kind kind = RELATIONS.getOrDefault(w, Relation.Kind.NORMAL);
            return new Relation(w, kind, kind.ordinal() + 1);
        }).toList());
    }

    private static ContactOutcome done(String wxid) {
        return failure != null ? failure : new ContactOutcome.Done(Optional.of(wxid), Optional.empty());
    }
}
