package io.gewebot.contacts;

import io.gewebot.api.AccountCheck;
import io.gewebot.api.AddRequest;
import io.gewebot.api.Contact;
import io.gewebot.api.ContactAction;
import io.gewebot.api.ContactOutcome;
import io.gewebot.api.ContactOutcome.Done;
import io.gewebot.api.ContactOutcome.FailureKind;
import io.gewebot.api.ContactOutcome.Failed;
import io.gewebot.api.ContactOutcome.Reason;
import io.gewebot.api.ContactOutcome.Refused;
import io.gewebot.api.ContactSettings;
import io.gewebot.api.FriendRequest;
import io.gewebot.api.GroupMember;
import io.gewebot.api.Listing;
import io.gewebot.api.Person;
import io.gewebot.api.Relation;
import io.gewebot.contacts.GeweApi.Option;
import io.gewebot.contacts.GeweApi.SearchedContact;
import io.gewebot.contacts.GeweApi.Variant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ContactAction} over the GeWe HTTP API.
 *
 * <p>Adding someone is two calls: {@code /contacts/search} finds their v3 and v4 tickets
 * ({@link #lookup}), then {@code /contacts/addContacts} (option 2) sends the request
 * ({@link #add(AddRequest, Person)}); {@link #add(AddRequest)} makes both. When the search shows the
 * person is already a friend (their v3 is a plain wxid, not a {@code v3_…} ticket), nothing is sent. Accepting
 * and rejecting are one {@code /contacts/addContacts} call (option 3 or 4) with the scene and tickets of
 * the request received.
 *
 * <p>The address book: {@link #setRemark} is {@code /contacts/setFriendRemark}, {@link #deleteFriend}
 * {@code /contacts/deleteFriend}; {@link #addLabels} and {@link #removeLabels} read the labels
 * ({@code /label/list}) and the friend's own ({@code /contacts/getBriefInfo}), create missing ones
 * ({@code /label/add}) and send the friend's whole new set ({@code /label/modifyMemberList}, which
 * replaces it), or nothing when it would not change; {@link #friendWxids} is
 * {@code /contacts/fetchContactsList} (its cache after a timeout), {@link #friends} that then the profiles;
 * {@link #profiles} is {@code /contacts/getBriefInfo} in batches of 20, 200 ms apart, with
 * {@code /label/list} for the label names; {@link #checkRelations} is {@code /contacts/checkRelation} in batches of 20, which
 * only the hosted GeWe offers: with {@link ContactSettings#VARIANT} {@code self-hosted} it is not asked,
 * and with no variant set a GeWe that does not know it makes the answer
 * {@link Reason#UNSUPPORTED} too.
 *
 * <p>A text from the account ({@link #sendText}) is one {@code /message/postText}, to a person or a
 * group. A group's members ({@link #groupMembers}) are one {@code /group/getChatroomMemberList}; a friend
 * request to one of them ({@link #addGroupMember}) is one {@code /group/addGroupMemberAsFriend}.
 *
 * <p>Settings: {@link ContactSettings#BASE_URL} (with GeWe's path prefix, such as
 * {@code http://host:2531/v2/api}), {@link ContactSettings#TOKEN}, {@link ContactSettings#APP_ID}, and
 * optionally {@link ContactSettings#CONNECT_TIMEOUT_MS}, {@link ContactSettings#RESPONSE_TIMEOUT_MS},
 * {@link ContactSettings#DEFAULT_GREETING} and {@link ContactSettings#VARIANT} ({@code self-hosted} or
 * {@code hosted}).
 *
 * <p>Found by PF4J (it is an {@link Extension}) and by {@link java.util.ServiceLoader}. Thread-safe.
 * No method throws: every problem becomes a {@link ContactOutcome}.
 */
@Extension
public final class GeweContactAction implements ContactAction {

    /** The name this extension reports. */
    public static final String NAME = "gewe-contacts";

    private static final Logger LOG = LoggerFactory.getLogger(GeweContactAction.class);

    private static final Pattern PHONE_NUMBER = Pattern.compile("\\+?[0-9]+");
    private static final String WXID_PREFIX = "wxid_";

    private final OpenActions openActions;

    /** Set by configure, cleared by close; null means nothing can be sent. */
    private volatile Configured configured;

    /** Used by PF4J and {@link java.util.ServiceLoader}. */
    public GeweContactAction() {
        this(OpenActions.OF_THIS_PLUGIN);
    }

    GeweContactAction(OpenActions openActions) {
        this.openActions = Objects.requireNonNull(openActions, "openActions");
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * {@inheritDoc}
     *
     * <p>May be called again: the new settings replace the old ones and the old connections are closed.
     */
    @Override
    public void configure(ContactSettings settings) {
        Objects.requireNonNull(settings, "settings");
        Optional<Variant> variant = Variant.of(settings);
        GeweClient client = GeweClient.open(settings);
        Configured previous;
        synchronized (this) {
            previous = configured;
            configured = new Configured(client, settings.defaultGreeting(), new GeweAddressBook(client, variant));
            openActions.opened(this);
        }
        if (previous != null) {
            previous.client().close();
        }
    }

    @Override
    public ContactOutcome add(AddRequest request) {
        Configured current = configured;
        if (current == null) {
            return notConfigured();
        }
        if (request == null) {
            return new Refused(Reason.INVALID_TARGET, "no one to add");
        }
        try {
            return report("add " + request.target(), add(current, request));
        } catch (RuntimeException e) {
            return internal(e);
        }
    }

    @Override
    public ContactOutcome accept(FriendRequest request, String message) {
        return answer(request, message, Option.ACCEPT);
    }

    @Override
    public ContactOutcome reject(FriendRequest request, String message) {
        return answer(request, message, Option.REJECT);
    }

    /**
     * {@inheritDoc}
     *
     * <p>One {@code /login/checkOnline} call. A refusal is classified as every GeWe failure is
     * ({@link GeweFailures}): a wrong, expired or missing token comes as kind
     * {@link FailureKind#TOKEN_INVALID} with GeWe's text. Before {@link #configure} and after
     * {@link #close()}: {@link AccountCheck.Unsupported}, since nothing can be asked.
     */
    @Override
    public AccountCheck checkAccount() {
        Configured current = configured;
        if (current == null) {
            return new AccountCheck.Unsupported();
        }
        try {
            GeweReply<Boolean> reply = current.client().checkOnline();
            if (reply instanceof GeweReply.Failure<Boolean> failure) {
                report("checkOnline", failure.failed());
                return new AccountCheck.Failed(TransportFailures.notSent(failure.failed()));
            }
            Optional<Boolean> online = ((GeweReply.Success<Boolean>) reply).data();
            if (online.isEmpty()) {
                return new AccountCheck.Failed(Failed.transport(FailureKind.UNREADABLE_RESPONSE,
                        "GeWe's answer to " + GeweApi.CHECK_ONLINE + " says neither online nor offline", false));
            }
            return online.get() ? new AccountCheck.Online() : new AccountCheck.Offline();
        } catch (RuntimeException e) {
            return new AccountCheck.Failed(internal(e));
        }
    }

    /** {@inheritDoc} <p>One {@code /contacts/setFriendRemark}; a {@code null} remark clears it. */
    @Override
    public ContactOutcome setRemark(String wxid, String remark) {
        return change("set the remark of", wxid, (book, friend) -> book.setRemark(friend, remark == null ? "" : remark));
    }

    @Override
    public ContactOutcome addLabels(String wxid, List<String> labels) {
        return labelChange("add labels to", wxid, labels, GeweAddressBook::addLabels);
    }

    @Override
    public ContactOutcome removeLabels(String wxid, List<String> labels) {
        return labelChange("remove labels from", wxid, labels, GeweAddressBook::removeLabels);
    }

    /** {@inheritDoc} <p>One {@code /contacts/deleteFriend}. */
    @Override
    public ContactOutcome deleteFriend(String wxid) {
        return change("delete", wxid, GeweAddressBook::deleteFriend);
    }

    /**
     * {@inheritDoc}
     *
     * <p>One {@code /message/postText} {@code {appId, toWxid, content}}, sent once whatever happens; the
     * text goes as given, the wxid stripped. A blank wxid or text is refused without calling GeWe.
     */
    @Override
    public ContactOutcome sendText(String toWxid, String text) {
        Configured current = configured;
        if (current == null) {
            return notConfigured();
        }
        if (toWxid == null || toWxid.isBlank()) {
            return new Refused(Reason.INVALID_TARGET, "no one to send to");
        }
        if (text == null || text.isBlank()) {
            return new Refused(Reason.INVALID_TARGET, "no text to send");
        }
        String to = toWxid.strip();
        try {
            GeweReply<Void> sent = current.client().postText(to, text);
            ContactOutcome outcome = sent instanceof GeweReply.Failure<Void> failure
                    ? failure.failed()
                    : new Done(Optional.of(to), Optional.empty());
            return report("send a text to " + to, outcome);
        } catch (RuntimeException e) {
            return internal(e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>One {@code /group/getChatroomMemberList} {@code {appId, chatroomId}}; a member without a wxid is
     * left out. A blank id is refused without calling GeWe.
     */
    @Override
    public Listing<GroupMember> groupMembers(String chatroomId) {
        if (chatroomId == null || chatroomId.isBlank()) {
            return new Listing.NotListed<>(new Refused(Reason.INVALID_TARGET, "no group given"));
        }
        String group = chatroomId.strip();
        return listing("list the members of " + group, book -> book.groupMembers(group));
    }

    /**
     * {@inheritDoc}
     *
     * <p>One {@code /group/addGroupMemberAsFriend} {@code {appId, chatroomId, memberWxid, content}}, sent once
     * whatever happens; a {@code null} or blank greeting sends the default one. A blank group or member is
     * refused without calling GeWe.
     */
    @Override
    public ContactOutcome addGroupMember(String chatroomId, String memberWxid, String greeting) {
        Configured current = configured;
        if (current == null) {
            return notConfigured();
        }
        if (chatroomId == null || chatroomId.isBlank() || memberWxid == null || memberWxid.isBlank()) {
            return new Refused(Reason.INVALID_TARGET, "no group member to add");
        }
        String member = memberWxid.strip();
        String content = greeting == null || greeting.isBlank() ? current.defaultGreeting() : greeting;
        try {
            GeweReply<Void> sent = current.client().addGroupMemberAsFriend(chatroomId.strip(), member, content);
            ContactOutcome outcome = sent instanceof GeweReply.Failure<Void> failure
                    ? failure.failed()
                    : new Done(Optional.of(member), Optional.empty());
            return report("add " + member + " of " + chatroomId.strip(), outcome);
        } catch (RuntimeException e) {
            return internal(e);
        }
    }

    @Override
    public Listing<Contact> friends() {
        return listing("list the friends", GeweAddressBook::friends);
    }

    @Override
    public Listing<String> friendWxids() {
        return listing("list the friends' wxids", GeweAddressBook::friendWxids);
    }

    @Override
    public Listing<Contact> profiles(List<String> wxids) {
        return listingOf("read profiles", wxids, "no one to look up", GeweAddressBook::profiles);
    }

    @Override
    public Listing<Relation> checkRelations(List<String> wxids) {
        return listingOf("check relations", wxids, "no one to check", GeweAddressBook::checkRelations);
    }

    /** Closes the connections. Further operations are refused as not configured. */
    @Override
    public void close() {
        Configured previous;
        synchronized (this) {
            previous = configured;
            configured = null;
            openActions.closed(this);
        }
        if (previous != null) {
            previous.client().close();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>One {@code /contacts/search}. A stranger's key is their {@code v3}, which WeChat gives the same
     * whether they were found by wxid, WeChat ID or phone number; a friend's is their wxid (their
     * {@code v3} is that plain wxid). The scene is 15 for a phone number and
     * 3 otherwise.
     */
    @Override
    public ContactOutcome lookup(String target) {
        Configured current = configured;
        if (current == null) {
            return notConfigured();
        }
        if (target == null || target.isBlank()) {
            return new Refused(Reason.INVALID_TARGET, "no one to look up");
        }
        try {
            return report("look up " + target.strip(), lookup(current, target.strip()));
        } catch (RuntimeException e) {
            return internal(e, false);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>One {@code /contacts/addContacts} with the person's tickets; nothing is sent to a friend.
     */
    @Override
    public ContactOutcome add(AddRequest request, Person person) {
        Configured current = configured;
        if (current == null) {
            return notConfigured();
        }
        if (request == null || person == null) {
            return new Refused(Reason.INVALID_TARGET, "no one to add");
        }
        if (!person.identified()) {
            return add(request);
        }
        try {
            return report("add " + request.target(), send(current, request, person));
        } catch (RuntimeException e) {
            return internal(e);
        }
    }

    private ContactOutcome add(Configured current, AddRequest request) {
        ContactOutcome looked = lookup(current, request.target());
        if (!(looked instanceof ContactOutcome.Found found)) {
            return looked;
        }
        return send(current, request, found.person());
    }

    private ContactOutcome lookup(Configured current, String target) {
        GeweReply<SearchedContact> searched = current.client().search(target);
        if (searched instanceof GeweReply.Failure<SearchedContact> failure) {
            // Nothing was asked of WeChat yet, whatever became of the search.
            return TransportFailures.notSent(failure.failed());
        }
        Optional<SearchedContact> found = ((GeweReply.Success<SearchedContact>) searched).data();
        String v3 = found.map(SearchedContact::v3).filter(s -> !s.isBlank()).orElse(null);
        if (v3 == null) {
            return Failed.transport(FailureKind.UNREADABLE_RESPONSE,
                    "GeWe's search for " + target + " gave no v3 ticket", false);
        }
        String nickname = found.map(SearchedContact::nickName).filter(s -> !s.isBlank()).orElse("");
        int scene = isPhoneNumber(target) ? GeweApi.SCENE_PHONE : GeweApi.SCENE_WECHAT_ID;
        if (!v3.startsWith(GeweApi.STRANGER_V3_PREFIX)) {
            // A friend: their v3 is their plain wxid, and there are no tickets to send with.
            return new ContactOutcome.Found(new Person(v3, Optional.of(v3), nickname, true, v3, "",
                    OptionalInt.of(scene)));
        }
        String v4 = found.map(SearchedContact::v4).filter(s -> !s.isBlank()).orElse(null);
        if (v4 == null) {
            return Failed.transport(FailureKind.UNREADABLE_RESPONSE,
                    "GeWe's search for " + target + " gave no v4 ticket", false);
        }
        Optional<String> wxid = target.startsWith(WXID_PREFIX) ? Optional.of(target) : Optional.empty();
        return new ContactOutcome.Found(new Person(v3, wxid, nickname, false, v3, v4, OptionalInt.of(scene)));
    }

    private ContactOutcome send(Configured current, AddRequest request, Person person) {
        Optional<String> nickname = Optional.of(person.nickname()).filter(s -> !s.isBlank());
        if (person.friend()) {
            String who = person.wxid().orElse(request.target());
            return new Refused(Reason.ALREADY_FRIEND, nickname.map(n -> n + " (" + who + ")").orElse(who)
                    + " is already a friend");
        }
        int scene = request.scene().orElse(person.scene().orElse(
                isPhoneNumber(request.target()) ? GeweApi.SCENE_PHONE : GeweApi.SCENE_WECHAT_ID));
        String greeting = request.greeting().orElse(current.defaultGreeting());
        GeweReply<Void> sent = current.client().addContacts(scene, Option.ADD, person.v3(), person.v4(), greeting);
        if (sent instanceof GeweReply.Failure<Void> failure) {
            return failure.failed();
        }
        String target = request.target();
        return new Done(person.wxid().or(() -> target.startsWith(WXID_PREFIX) ? Optional.of(target)
                : Optional.empty()), nickname);
    }

    private ContactOutcome answer(FriendRequest request, String message, Option option) {
        Configured current = configured;
        if (current == null) {
            return notConfigured();
        }
        if (request == null) {
            return new Refused(Reason.NOTHING_TO_ACCEPT, "no friend request to answer");
        }
        try {
            GeweReply<Void> sent = current.client().addContacts(
                    request.scene(), option, request.v3(), request.v4(), message == null ? "" : message);
            ContactOutcome outcome = sent instanceof GeweReply.Failure<Void> failure
                    ? failure.failed()
                    : new Done(Optional.of(request.fromWxid()),
                            Optional.of(request.nickname()).filter(s -> !s.isBlank()));
            return report(option.name().toLowerCase(Locale.ROOT) + " " + request.fromWxid(), outcome);
        } catch (RuntimeException e) {
            return internal(e);
        }
    }

    /** An operation on one friend. */
    @FunctionalInterface
    private interface FriendChange {
        ContactOutcome apply(GeweAddressBook book, String wxid);
    }

    /** An operation on one friend's labels. */
    @FunctionalInterface
    private interface LabelChange {
        ContactOutcome apply(GeweAddressBook book, String wxid, List<String> labels);
    }

    private ContactOutcome labelChange(String what, String wxid, List<String> labels, LabelChange change) {
        if (labels == null || labels.isEmpty()) {
            return new Refused(Reason.INVALID_TARGET, "no labels given");
        }
        Set<String> names = new LinkedHashSet<>();
        for (String label : labels) {
            if (label == null || label.isBlank()) {
                return new Refused(Reason.INVALID_TARGET, "a label name is blank");
            }
            names.add(label.strip());
        }
        List<String> distinct = List.copyOf(names);
        return change(what, wxid, (book, friend) -> change.apply(book, friend, distinct));
    }

    private ContactOutcome change(String what, String wxid, FriendChange change) {
        Configured current = configured;
        if (current == null) {
            return notConfigured();
        }
        if (wxid == null || wxid.isBlank()) {
            return new Refused(Reason.INVALID_TARGET, "no friend given");
        }
        try {
            return report(what + " " + wxid.strip(), change.apply(current.book(), wxid.strip()));
        } catch (RuntimeException e) {
            return internal(e);
        }
    }

    private <T> Listing<T> listing(String what, Function<GeweAddressBook, Listing<T>> read) {
        Configured current = configured;
        if (current == null) {
            return new Listing.NotListed<>(notConfigured());
        }
        try {
            Listing<T> listing = read.apply(current.book());
            if (listing instanceof Listing.NotListed<T> notListed) {
                report(what, notListed.outcome());
            } else {
                LOG.debug("{}: {} listed", what, ((Listing.Listed<T>) listing).items().size());
            }
            return listing;
        } catch (RuntimeException e) {
            // Only reads: nothing was changed.
            return new Listing.NotListed<>(internal(e, false));
        }
    }

    /** A read about some people: refused when there is nobody, or a blank wxid, to ask about. */
    private <T> Listing<T> listingOf(String what, List<String> wxids, String nobody,
            BiFunction<GeweAddressBook, List<String>, Listing<T>> read) {
        Optional<List<String>> checked = wxids(wxids);
        if (checked.isEmpty()) {
            return new Listing.NotListed<>(new Refused(Reason.INVALID_TARGET, nobody));
        }
        return listing(what, book -> read.apply(book, checked.get()));
    }

    /** The wxids stripped, without repeats; empty when there are none or one is blank. */
    private static Optional<List<String>> wxids(List<String> wxids) {
        if (wxids == null || wxids.isEmpty()) {
            return Optional.empty();
        }
        Set<String> checked = new LinkedHashSet<>();
        for (String wxid : wxids) {
            if (wxid == null || wxid.isBlank()) {
                return Optional.empty();
            }
            checked.add(wxid.strip());
        }
        return Optional.of(List.copyOf(checked));
    }

    static boolean isPhoneNumber(String target) {
        return PHONE_NUMBER.matcher(target).matches();
    }

    private static ContactOutcome report(String what, ContactOutcome outcome) {
        if (outcome instanceof Failed failed) {
            // The outcome carries all of this to the host, which reports each failure once; at WARN
            // here every failure would be logged twice.
            LOG.debug("{}: failed ({}{}): {}", what, failed.kind(),
                    failed.possiblyDelivered() ? ", may have been delivered" : "", failed.texts());
        } else {
            LOG.debug("{}: {}", what, outcome);
        }
        return outcome;
    }

    private static Refused notConfigured() {
        return new Refused(Reason.NOT_CONFIGURED, NAME + " is not configured");
    }

    private static Failed internal(RuntimeException e) {
        // Where exactly it broke is unknown, so the request may have gone out.
        return internal(e, true);
    }

    private static Failed internal(RuntimeException e, boolean possiblyDelivered) {
        LOG.error("unexpected error in {}: {}", NAME, e.getClass().getName());
        return Failed.transport(FailureKind.INTERNAL, "unexpected error in " + NAME + " ("
                + e.getClass().getSimpleName() + ")", possiblyDelivered);
    }

    /** What configure set up: the client, the greeting used when a request brings none, the address book over the client. */
    private record Configured(GeweClient client, String defaultGreeting, GeweAddressBook book) {
    }
}
