package io.gewebot.sandbox;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The people of the sandbox's WeChat world, shared by every account of the token: who exists, how
 * they are found, and the v3 a search gives for each while a stranger (WeChat's encrypted username,
 * which stands for who they are). Who is whose friend, and which tickets an account was issued, is
 * each account's own ({@link AccountState}). One lock guards it; an account may call in while
 * holding its own lock, never the other way round.
 */
final class Directory {

    /** A person as the directory keeps them: the public record plus the profile bits WeChat shows. */
    private static final class Person {
        SandboxPerson person;
        int sex;
        String signature = "";
        String searchV3;

        Person(SandboxPerson person) {
            this.person = person;
        }
    }

    /** What any account sees of a person before its own ties to them: for profiles and callbacks. */
    record Card(SandboxPerson person, int sex, String signature) {
    }

    private final Map<String, Person> people = new LinkedHashMap<>();
    /** Group chats by id: their members' wxids, the owner first, in the order they joined. */
    private final Map<String, List<String>> groups = new LinkedHashMap<>();
    /** People who turned off "add me from a group". */
    private final Set<String> noAddFromGroup = new HashSet<>();
    private final Random random = new SecureRandom();

    /** Adds someone, or replaces the details of someone already there (every account's ties to them stay). */
    synchronized SandboxPerson add(SandboxPerson person) {
        Person existing = people.get(person.wxid());
        if (existing != null) {
            existing.person = person;
        } else {
            people.put(person.wxid(), new Person(person));
        }
        return person;
    }

    synchronized Optional<SandboxPerson> person(String wxid) {
        return Optional.ofNullable(people.get(wxid)).map(p -> p.person);
    }

    synchronized boolean knows(String wxid) {
        return people.containsKey(wxid);
    }

    /** The person, created with that nickname when the directory does not know them. */
    synchronized SandboxPerson personOrStranger(String wxid, String nickname) {
        return people.computeIfAbsent(wxid, w -> new Person(new SandboxPerson(w, null, null,
                nickname == null ? w : nickname))).person;
    }

    synchronized Optional<Card> card(String wxid) {
        Person p = people.get(wxid);
        return p == null ? Optional.empty() : Optional.of(new Card(p.person, p.sex, p.signature));
    }

    /** @return every wxid, in the order people joined: the order GeWe's lists keep */
    synchronized List<String> wxids() {
        return List.copyOf(people.keySet());
    }

    /** Finds someone by wxid first, then WeChat ID (alias), then phone number, as WeChat search does. */
    synchronized Optional<SandboxPerson> find(String query) {
        String q = query.strip();
        Person byWxid = people.get(q);
        if (byWxid != null) {
            return Optional.of(byWxid.person);
        }
        for (Person p : people.values()) {
            if (q.equals(p.person.alias())) {
                return Optional.of(p.person);
            }
        }
        for (Person p : people.values()) {
            if (q.equals(p.person.phone())) {
                return Optional.of(p.person);
            }
        }
        return Optional.empty();
    }

    /**
     * Makes (or replaces) a group chat; members the directory does not know join it as strangers named
     * after their wxid.
     */
    synchronized void putGroup(String chatroomId, List<String> members) {
        for (String wxid : members) {
            personOrStranger(wxid, wxid);
        }
        groups.put(Objects.requireNonNull(chatroomId, "chatroomId"), List.copyOf(members));
    }

    /** The members of a group chat, the owner first; empty when there is no such group. */
    synchronized Optional<List<String>> group(String chatroomId) {
        return Optional.ofNullable(groups.get(chatroomId));
    }

    synchronized void forbidAddFromGroup(String wxid) {
        noAddFromGroup.add(Objects.requireNonNull(wxid, "wxid"));
    }

    synchronized boolean allowsAddFromGroup(String wxid) {
        return !noAddFromGroup.contains(wxid);
    }

    /** The v3 every search gives for this person while a stranger, whichever account searches. */
    synchronized String searchV3(String wxid) {
        Person p = people.get(Objects.requireNonNull(wxid, "wxid"));
        if (p == null) {
            throw new IllegalArgumentException("no such person in the sandbox: " + wxid);
        }
        if (p.searchV3 == null) {
            p.searchV3 = freshV3();
        }
        return p.searchV3;
    }

    /** Makes every later search give {@code v3} for this person, whichever account searches. */
    synchronized void setSearchV3(String wxid, String v3) {
        Person p = people.get(Objects.requireNonNull(wxid, "wxid"));
        if (p == null) {
            throw new IllegalArgumentException("no such person in the sandbox: " + wxid);
        }
        p.searchV3 = Objects.requireNonNull(v3, "v3");
    }

    /** A new v3, shaped like WeChat's: a fixed-looking head, a random body, the {@code @stranger} suffix. */
    synchronized String freshV3() {
        return "v3_020b3826fd03010000000000" + hex(48) + "@stranger";
    }

    /** A new v4 with a random body of {@code bytes} bytes, shaped like WeChat's. */
    synchronized String freshV4(int bytes) {
        return "v4_000b708f0b040000010000000000" + hex(bytes) + "@stranger";
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
