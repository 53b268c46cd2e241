package io.gewebot.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.security.SecureRandom;

/**
 * The WeChat world as the sandbox's account sees it: who exists, who is a friend, which tickets were
 * issued to whom, which friend requests are open. One lock guards it all, because every change
 * touches several of these maps together.
 */
final class AccountState {

    /** Where the account stands with one person. */
    enum Relation { STRANGER, REQUESTED, FRIEND }

    /** A v3/v4 pair and the person it was issued for. */
    record Tickets(String wxid, String v3, String v4) {
    }

    /** A label the account files friends under; WeChat numbers them from 1. */
    record Label(int id, String name) {
    }

    /** An incoming friend request that was neither accepted nor rejected yet. */
    record Pending(String wxid, String v3, String v4, int scene, long newMsgId) {
    }

    /** A person as the directory keeps them: the public record plus profile bits and relation. */
    static final class Entry {
        SandboxPerson person;
        Relation relation = Relation.STRANGER;
        int sex;
        String signature = "";
        String remark;
        /** The ids of the labels the account filed them under, in the order they were set. */
        List<Integer> labelIds = new ArrayList<>();
        /** The code {@code /contacts/checkRelation} answers for them, when a test set one. */
        Integer relationCode;
        String lastV3;
        /** The v3 every search gives for this person while a stranger: WeChat's encrypted username. */
        String searchV3;

        Entry(SandboxPerson person) {
            this.person = person;
        }
    }

    private final Map<String, Entry> people = new LinkedHashMap<>();
    /** Search tickets by v4; several pairs per person stay valid, as each search issues a new v4. */
    private final Map<String, Tickets> searchTickets = new HashMap<>();
    private final Map<String, Pending> pendingIncoming = new LinkedHashMap<>();
    private final List<OutgoingRequest> outgoing = new ArrayList<>();
    private final Random random = new SecureRandom();
    private final Map<Integer, Label> labels = new LinkedHashMap<>();
    private int nextLabelId = 1;
    /** The friends {@code fetchContactsList} answered last, and when (System.nanoTime), for its cache. */
    private List<String> fetchedFriends;
    private long fetchedAt;
    private Duration contactsCacheLifetime = Duration.ofMinutes(10);
    private boolean online = true;
    private String callbackUrl;

    synchronized SandboxPerson add(SandboxPerson person) {
        Entry existing = people.get(person.wxid());
        if (existing != null) {
            existing.person = person;
        } else {
            people.put(person.wxid(), new Entry(person));
        }
        return person;
    }

    synchronized Optional<SandboxPerson> person(String wxid) {
        return Optional.ofNullable(people.get(wxid)).map(e -> e.person);
    }

    /** The person, created as a stranger with that nickname when the directory does not know them. */
    synchronized SandboxPerson personOrStranger(String wxid, String nickname) {
        return people.computeIfAbsent(wxid, w -> new Entry(new SandboxPerson(w, null, null,
                nickname == null ? w : nickname))).person;
    }

    synchronized Relation relation(String wxid) {
        return entry(wxid).relation;
    }

    synchronized void makeFriend(String wxid) {
        entry(wxid).relation = Relation.FRIEND;
        pendingIncoming.remove(wxid);
    }

    /**
     * Ends a friendship. What the account kept about the friend (remark, labels) goes with it, as
     * WeChat forgets them with the contact.
     *
     * @return whether they were a friend
     */
    synchronized boolean removeFriend(String wxid) {
        Entry entry = people.get(wxid);
        if (entry == null || entry.relation != Relation.FRIEND) {
            return false;
        }
        entry.relation = Relation.STRANGER;
        entry.remark = null;
        entry.labelIds.clear();
        return true;
    }

    synchronized boolean isFriend(String wxid) {
        Entry entry = people.get(wxid);
        return entry != null && entry.relation == Relation.FRIEND;
    }

    synchronized void setRemark(String wxid, String remark) {
        entry(wxid).remark = remark;
    }

    /** A snapshot of one entry's profile, for building search results and callbacks outside the lock. */
    record Profile(SandboxPerson person, Relation relation, int sex, String signature, String remark, String lastV3,
                   List<Integer> labelIds) {
        Profile {
            labelIds = List.copyOf(labelIds);
        }
    }

    synchronized Optional<Profile> profile(String wxid) {
        Entry e = people.get(wxid);
        return e == null ? Optional.empty() : Optional.of(profileOf(e));
    }

    synchronized List<Profile> friends() {
        return people.values().stream().filter(e -> e.relation == Relation.FRIEND).map(AccountState::profileOf).toList();
    }

    private static Profile profileOf(Entry e) {
        return new Profile(e.person, e.relation, e.sex, e.signature, e.remark, e.lastV3, e.labelIds);
    }

    /** The label of that name, created with the next id when there is none: WeChat keeps names unique. */
    synchronized Label addLabel(String name) {
        for (Label label : labels.values()) {
            if (label.name().equals(name)) {
                return label;
            }
        }
        Label label = new Label(nextLabelId++, name);
        labels.put(label.id(), label);
        return label;
    }

    synchronized List<Label> labels() {
        return List.copyOf(labels.values());
    }

    synchronized Optional<Label> label(int id) {
        return Optional.ofNullable(labels.get(id));
    }

    /** Deletes labels; every friend filed under one loses it. Ids of no label are ignored. */
    synchronized void deleteLabels(Collection<Integer> ids) {
        labels.keySet().removeAll(ids);
        people.values().forEach(e -> e.labelIds.removeAll(ids));
    }

    /** Replaces a person's whole label set, as {@code /label/modifyMemberList} does. */
    synchronized void setLabels(String wxid, List<Integer> ids) {
        Entry entry = entry(wxid);
        entry.labelIds = new ArrayList<>(ids.stream().distinct().toList());
    }

    synchronized void setRelationCode(String wxid, int code) {
        entry(wxid).relationCode = code;
    }

    /**
     * The code {@code /contacts/checkRelation} answers: the one a test set, else 0 (normal) for a
     * friend and 99 (other) for anyone else.
     */
    synchronized int relationCode(String wxid) {
        Entry entry = entry(wxid);
        if (entry.relationCode != null) {
            return entry.relationCode;
        }
        return entry.relation == Relation.FRIEND ? 0 : 99;
    }

    /** Remembers the friends {@code fetchContactsList} answered, for {@code fetchContactsListCache}. */
    synchronized void rememberFetchedFriends(List<String> wxids) {
        fetchedFriends = List.copyOf(wxids);
        fetchedAt = System.nanoTime();
    }

    /** The friends {@code fetchContactsList} answered last, while that answer is younger than the cache's lifetime. */
    synchronized Optional<List<String>> cachedFriends() {
        if (fetchedFriends == null || System.nanoTime() - fetchedAt >= contactsCacheLifetime.toNanos()) {
            return Optional.empty();
        }
        return Optional.of(fetchedFriends);
    }

    synchronized void setContactsCacheLifetime(Duration lifetime) {
        contactsCacheLifetime = Objects.requireNonNull(lifetime, "lifetime");
    }

    /** Finds someone by wxid first, then WeChat ID (alias), then phone number, as WeChat search does. */
    synchronized Optional<SandboxPerson> find(String query) {
        String q = query.strip();
        Entry byWxid = people.get(q);
        if (byWxid != null) {
            return Optional.of(byWxid.person);
        }
        for (Entry e : people.values()) {
            if (q.equals(e.person.alias())) {
                return Optional.of(e.person);
            }
        }
        for (Entry e : people.values()) {
            if (q.equals(e.person.phone())) {
                return Optional.of(e.person);
            }
        }
        return Optional.empty();
    }

    /**
     * Issues search tickets for a stranger and remembers them as valid for them: their own v3, the
     * same for every search however they were found (it stands for who they are), and a fresh v4.
     */
    synchronized Tickets issueSearchTickets(String wxid) {
        Entry entry = entry(wxid);
        if (entry.searchV3 == null) {
            entry.searchV3 = "v3_020b3826fd03010000000000" + hex(48) + "@stranger";
        }
        Tickets tickets = new Tickets(wxid, entry.searchV3, "v4_000b708f0b040000010000000000" + hex(80) + "@stranger");
        searchTickets.put(tickets.v4(), tickets);
        return tickets;
    }

    /** A fresh v4 that nothing accepts, for search results on friends. */
    synchronized String unregisteredV4() {
        return "v4_000b708f0b040000010000000000" + hex(40) + "@stranger";
    }

    /** Whether v3/v4 were issued together, by a search, for one person; returns that person. */
    synchronized Optional<String> searchTicketOwner(String v3, String v4) {
        Tickets t = searchTickets.get(v4);
        return t != null && t.v3().equals(v3) ? Optional.of(t.wxid()) : Optional.empty();
    }

    /** Opens (or replaces) the incoming request of {@code wxid}; older tickets of that person stop working. */
    synchronized Pending openIncoming(String wxid, int scene, long newMsgId) {
        Tickets t = newTickets(wxid);
        Pending pending = new Pending(wxid, t.v3(), t.v4(), scene, newMsgId);
        pendingIncoming.put(wxid, pending);
        return pending;
    }

    /** The pending incoming request these tickets belong to, if any. */
    synchronized Optional<Pending> pendingByTickets(String v3, String v4) {
        return pendingIncoming.values().stream()
                .filter(p -> p.v3().equals(v3) && p.v4().equals(v4)).findFirst();
    }

    synchronized List<Pending> pendingIncoming() {
        return List.copyOf(pendingIncoming.values());
    }

    synchronized void closeIncoming(String wxid) {
        pendingIncoming.remove(wxid);
    }

    /** Records a friend request the account sent; a friend stays a friend. */
    synchronized void recordOutgoing(OutgoingRequest request) {
        outgoing.add(request);
        Entry entry = entry(request.toWxid());
        if (entry.relation == Relation.STRANGER) {
            entry.relation = Relation.REQUESTED;
        }
    }

    synchronized List<OutgoingRequest> outgoing() {
        return List.copyOf(outgoing);
    }

    /** The v3 WeChat shows for this person: the last one issued, or a fresh one. */
    synchronized String encryptUserName(String wxid) {
        Entry entry = entry(wxid);
        if (entry.lastV3 == null) {
            entry.lastV3 = "v3_020b3826fd03010000000000" + hex(48) + "@stranger";
        }
        return entry.lastV3;
    }

    synchronized boolean online() {
        return online;
    }

    synchronized void setOnline(boolean value) {
        online = value;
    }

    synchronized String callbackUrl() {
        return callbackUrl;
    }

    synchronized void setCallbackUrl(String url) {
        callbackUrl = url;
    }

    private Tickets newTickets(String wxid) {
        Entry entry = entry(wxid);
        // Shaped like WeChat's: a fixed-looking head, a random body, the @stranger suffix.
        String v3 = "v3_020b3826fd03010000000000" + hex(48) + "@stranger";
        String v4 = "v4_000b708f0b040000010000000000" + hex(80) + "@stranger";
        entry.lastV3 = v3;
        return new Tickets(wxid, v3, v4);
    }

    private Entry entry(String wxid) {
        Entry entry = people.get(Objects.requireNonNull(wxid, "wxid"));
        if (entry == null) {
            throw new IllegalArgumentException("no such person in the sandbox: " + wxid);
        }
        return entry;
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
