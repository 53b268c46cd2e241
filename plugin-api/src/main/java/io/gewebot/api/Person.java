package io.gewebot.api;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Someone a {@link ContactAction} looked up: who they are, however they were typed, and what a
 * friend request to them needs.
 *
 * <p>{@link #key()} is what tells people apart: one person of one account has one key whether they
 * were typed as a wxid, a WeChat ID or a phone number (a stranger's {@code v3} ticket, a friend's
 * wxid). A host compares people by it, so that it never sends the same person two requests.
 *
 * @param key who they are, the same for every way of typing them; never blank
 * @param wxid their wxid, when the platform told it
 * @param nickname their nickname, may be empty
 * @param friend whether they are a friend of this account already (then nobody is to be added)
 * @param v3 the {@code v3} ticket a friend request to them is sent with; empty when there is none
 *     (someone {@linkplain #asTyped known only as typed})
 * @param v4 the {@code v4} ticket that goes with {@code v3}; empty when there is none
 * @param scene the WeChat scene a request to them is sent with, as derived from how they were
 *     found; empty when unknown
 */
public record Person(String key, Optional<String> wxid, String nickname, boolean friend, String v3, String v4,
        OptionalInt scene) {

    /**
     * Checks the parts.
     *
     * @throws NullPointerException when a part is {@code null}
     * @throws IllegalArgumentException when the key is blank
     */
    public Person {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(wxid, "wxid");
        Objects.requireNonNull(nickname, "nickname");
        Objects.requireNonNull(v3, "v3");
        Objects.requireNonNull(v4, "v4");
        Objects.requireNonNull(scene, "scene");
        if (key.isBlank()) {
            throw new IllegalArgumentException("key is blank");
        }
    }

    /**
     * Someone known only by the text typed, as a plugin that cannot look people up describes them:
     * the key is that text without surrounding space and in lower case (WeChat IDs ignore case), and
     * there are no tickets, so {@link ContactAction#add(AddRequest, Person)} must find them itself.
     *
     * @param target a wxid, WeChat ID or phone number, as typed
     * @return the person
     * @throws IllegalArgumentException when the target is blank
     */
    public static Person asTyped(String target) {
        String key = Objects.requireNonNull(target, "target").strip().toLowerCase(Locale.ROOT);
        return new Person(key, Optional.empty(), "", false, "", "", OptionalInt.empty());
    }

    /**
     * @return whether the platform identified them (they have tickets, or are a friend), so that
     *     {@link #key()} is the same however they were typed; {@code false} for {@link #asTyped}
     */
    public boolean identified() {
        return friend || !v3.isEmpty();
    }
}
