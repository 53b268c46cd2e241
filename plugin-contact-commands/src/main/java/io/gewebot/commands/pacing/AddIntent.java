package io.gewebot.commands.pacing;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A wish to send one friend request, as an {@code /add} command expressed it.
 *
 * @param appId the device id of the account that is to send it
 * @param target whom to add: a wxid, WeChat ID or phone number, as typed
 * @param greeting the greeting, empty for the plugin's default
 * @param requestedBy the wxid of the person who asked for it
 * @param replyTo the conversation to report the outcome to
 * @param identity who the target is, once the contact plugin looked them up; empty before (or when
 *     the add was refused before any lookup), and then the target as typed stands for the person
 * @param route how it was asked for: empty for a single {@code /add}, the group's id ({@code …@chatroom})
 *     for a member of an {@code /addgroup} (the target is their wxid, and the request goes out through
 *     the group), {@value #LIST_ROUTE} for a target of an {@code /addlist}
 */
public record AddIntent(String appId, String target, Optional<String> greeting, String requestedBy, String replyTo,
        Optional<Identity> identity, Optional<String> route) {

    /** The route of a target of an {@code /addlist}. */
    public static final String LIST_ROUTE = "list";

    private static final String GROUP_SUFFIX = "@chatroom";

    /**
     * Checks the parts.
     *
     * @throws NullPointerException when a part is {@code null}
     * @throws IllegalArgumentException when the app id or the target is blank
     */
    public AddIntent {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(greeting, "greeting");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(replyTo, "replyTo");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(route, "route");
        if (appId.isBlank()) {
            throw new IllegalArgumentException("appId must not be blank");
        }
        if (target.isBlank()) {
            throw new IllegalArgumentException("target must not be blank");
        }
    }

    /**
     * A single {@code /add}.
     *
     * @param appId the account
     * @param target whom to add, as typed
     * @param greeting the greeting, empty for the plugin's default
     * @param requestedBy who asked for it
     * @param replyTo the conversation to report the outcome to
     * @param identity who the target is, when looked up
     */
    public AddIntent(String appId, String target, Optional<String> greeting, String requestedBy, String replyTo,
            Optional<Identity> identity) {
        this(appId, target, greeting, requestedBy, replyTo, identity, Optional.empty());
    }

    /**
     * An add whose person was not looked up (yet).
     *
     * @param appId the account
     * @param target whom to add, as typed
     * @param greeting the greeting, empty for the plugin's default
     * @param requestedBy who asked for it
     * @param replyTo the conversation to report the outcome to
     */
    public AddIntent(String appId, String target, Optional<String> greeting, String requestedBy, String replyTo) {
        this(appId, target, greeting, requestedBy, replyTo, Optional.empty());
    }

    /**
     * @param value who the target is
     * @return a copy for that person
     */
    public AddIntent withIdentity(Identity value) {
        return new AddIntent(appId, target, greeting, requestedBy, replyTo,
                Optional.of(Objects.requireNonNull(value, "identity")), route);
    }

    /**
     * @param value the route: a group's id or {@value #LIST_ROUTE}
     * @return a copy asked for that way
     */
    public AddIntent withRoute(String value) {
        return new AddIntent(appId, target, greeting, requestedBy, replyTo, identity,
                Optional.of(Objects.requireNonNull(value, "route")));
    }

    /** @return the group whose member this is, when it goes out through a group */
    public Optional<String> group() {
        return route.filter(r -> r.endsWith(GROUP_SUFFIX));
    }

    /**
     * Who the add is for, as never-twice, the queue and {@code /cancel} recognise people: the looked-up
     * person's {@link io.gewebot.api.Person#key() key}, the same however they were typed; before a
     * lookup, the {@link #targetKey() target as typed}.
     *
     * @return the comparison key
     */
    String personKey() {
        return identity.map(i -> i.person().key()).orElseGet(this::targetKey);
    }

    /**
     * The target as typed, as an earlier add of the very same text is recognised without a lookup:
     * without surrounding white space, in lower case (WeChat IDs are not case-sensitive, so
     * {@code Alice} and {@code alice} are one person).
     *
     * @return the comparison key
     */
    String targetKey() {
        return keyOf(target);
    }

    static String keyOf(String target) {
        // the same key a plugin that cannot look people up gives (Person.asTyped)
        return target.strip().toLowerCase(Locale.ROOT);
    }
}
