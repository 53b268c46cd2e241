package io.gewebot.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The WeChat world as one account sees it: the shared {@link Directory} of people, and the account's
 * own ties to them (who is a friend, remarks, labels), which tickets were issued to it, which friend
 * requests are open both ways, whether it is online. One lock guards the account's part, because
 * every change touches several of these maps together; the directory has its own, taken inside this one.
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

    /** What the account keeps about one person of the directory. */
    private static final class Ties {
        Relation relation = Relation.STRANGER;
        String remark;
        /** The ids of the labels the account filed them under, in the order they were set. */
        List<Integer> labelIds = new ArrayList<>();
        /** The code {@code /contacts/checkRelation} answers for them, when a test set one. */
        Integer relationCode;
        String lastV3;
    }

    private final Directory directory;
    private final Map<String, Ties> ties = new HashMap<>();
    /** Search tickets by v4; several pairs per person stay valid, as each search issues a new v4. */
    private final Map<String, Tickets> searchTickets = new HashMap<>();
    private final Map<String, Pending> pendingIncoming = new LinkedHashMap<>();
    private final List<OutgoingRequest> outgoing = new ArrayList<>();
    private final Map<Integer, Label> labels = new LinkedHashMap<>();
    private int nextLabelId = 1;
    /** The friends {@code fetchContactsList} answered last, and when (System.nanoTime), for its cache. */
    private List<String> fetchedFriends;
    private long fetchedAt;
    private Duration contactsCacheLifetime = Duration.ofMinutes(10);
    private boolean online = true;

    AccountState(Directory directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    Optional<SandboxPerson> person(String wxid) {
        return directory.person(wxid);
    }

    /** The person, added to the directory with that nickname when it does not know them. */
    SandboxPerson personOrStranger(String wxid, String nickname) {
        return directory.personOrStranger(wxid, nickname);
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
        Ties entry = ties.get(wxid);
        if (entry == null || entry.relation != Relation.FRIEND) {
            return false;
        }
        entry.relation = Relation.STRANGER;
        entry.remark = null;
        entry.labelIds.clear();
        return true;
    }

    synchronized boolean isFriend(String wxid) {
        Ties entry = ties.get(wxid);
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
        return directory.card(wxid).map(this::profileOf);
    }

    /** The account's friends, in the order they joined the directory. */
    synchronized List<Profile> friends() {
        return directory.wxids().stream().filter(this::isFriend)
                .map(wxid -> profileOf(directory.card(wxid).orElseThrow())).toList();
    }

    private Profile profileOf(Directory.Card card) {
        Ties t = ties.getOrDefault(card.person().wxid(), new Ties());
        return new Profile(card.person(), t.relation, card.sex(), card.signature(), t.remark, t.lastV3, t.labelIds);
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
        ties.values().forEach(e -> e.labelIds.removeAll(ids));
    }

    /** Replaces a person's whole label set, as {@code /label/modifyMemberList} does. */
    synchronized void setLabels(String wxid, List<Integer> ids) {
        Ties entry = entry(wxid);
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
        Ties entry = entry(wxid);
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

    /** The members of a group chat, the owner first; empty when there is no such group. */
    Optional<List<String>> group(String chatroomId) {
        return directory.group(chatroomId);
    }

    /** Whether the person lets strangers add them from a group chat. */
    boolean allowsAddFromGroup(String wxid) {
        return directory.allowsAddFromGroup(wxid);
    }

    /** The v3 searches give for the person while a stranger: who they are. */
    String searchV3(String wxid) {
        return directory.searchV3(wxid);
    }

    /** Finds someone in the directory by wxid first, then WeChat ID (alias), then phone number, as WeChat search does. */
    Optional<SandboxPerson> find(String query) {
        return directory.find(query);
    }

    /**
     * Issues search tickets for a stranger and remembers them as valid for them, for this account only:
     * their own v3, the same for every search however they were found and whoever searches (it stands
     * for who they are), and a fresh v4, which another account's {@code addContacts} does not accept.
     */
    synchronized Tickets issueSearchTickets(String wxid) {
        entry(wxid);
        Tickets tickets = new Tickets(wxid, directory.searchV3(wxid), directory.freshV4(80));
        searchTickets.put(tickets.v4(), tickets);
        return tickets;
    }

    /** A fresh v4 that nothing accepts, for search results on friends. */
    String unregisteredV4() {
        return directory.freshV4(40);
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

    /** Remembers a pending incoming request whose tickets were issued elsewhere (by an earlier GeWe). */
    synchronized Pending holdIncoming(String wxid, String v3, String v4, int scene) {
        entry(wxid).lastV3 = v3;
        Pending pending = new Pending(wxid, v3, v4, scene, 0);
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
        Ties entry = entry(request.toWxid());
        if (entry.relation == Relation.STRANGER) {
            entry.relation = Relation.REQUESTED;
        }
    }

    synchronized List<OutgoingRequest> outgoing() {
        return List.copyOf(outgoing);
    }

    /** The v3 WeChat shows for this person: the last one issued, or a fresh one. */
    synchronized String encryptUserName(String wxid) {
        Ties entry = entry(wxid);
        if (entry.lastV3 == null) {
            entry.lastV3 = directory.freshV3();
        }
        return entry.lastV3;
    }

    synchronized boolean online() {
        return online;
    }

    synchronized void setOnline(boolean value) {
        online = value;
    }

    private Tickets newTickets(String wxid) {
        Ties entry = entry(wxid);
        String v3 = directory.freshV3();
        entry.lastV3 = v3;
        return new Tickets(wxid, v3, directory.freshV4(80));
    }

    /** The account's ties to someone the directory knows, made (as a stranger's) on first use. */
    private Ties entry(String wxid) {
        if (!directory.knows(Objects.requireNonNull(wxid, "wxid"))) {
            throw new IllegalArgumentException("no such person in the sandbox: " + wxid);
        }
        return ties.computeIfAbsent(wxid, w -> new Ties());
    }
}
