package io.gewebot.contacts;

import io.gewebot.api.Contact;
import io.gewebot.api.ContactOutcome;
import io.gewebot.api.ContactOutcome.Done;
import io.gewebot.api.ContactOutcome.FailureKind;
import io.gewebot.api.ContactOutcome.Failed;
import io.gewebot.api.GroupMember;
import io.gewebot.api.Listing;
import io.gewebot.api.Relation;
import io.gewebot.contacts.GeweApi.BriefInfo;
import io.gewebot.contacts.GeweApi.ContactsList;
import io.gewebot.contacts.GeweApi.Label;
import io.gewebot.contacts.GeweApi.LabelList;
import io.gewebot.contacts.GeweApi.RelationEntry;
import io.gewebot.contacts.GeweApi.Variant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The address-book operations of {@link GeweContactAction} over GeWe: remarks, labels, the list of
 * friends, deleting one, relations. Arguments come checked and stripped; every failure comes back as
 * GeWe's client classified it. A read that failed is reported as not delivered, since it changed
 * nothing.
 *
 * <p>GeWe's {@code /label/modifyMemberList} replaces a friend's whole label set, so adding or taking
 * off labels reads the friend's current ones ({@code /contacts/getBriefInfo}) and sends the result;
 * when it equals what they have, nothing is sent.
 *
 * <p>Reads of many people ({@code /contacts/getBriefInfo}, {@code /contacts/checkRelation}) go in
 * batches GeWe accepts, {@link GeweApi#BATCH_PAUSE} apart: a whole address book is read at a pace, not
 * in a burst.
 */
final class GeweAddressBook {

    private final GeweClient client;
    private final Optional<Variant> variant;

    GeweAddressBook(GeweClient client, Optional<Variant> variant) {
        this.client = Objects.requireNonNull(client, "client");
        this.variant = Objects.requireNonNull(variant, "variant");
    }

    ContactOutcome setRemark(String wxid, String remark) {
        return done(wxid, client.setFriendRemark(wxid, remark));
    }

    ContactOutcome deleteFriend(String wxid) {
        return done(wxid, client.deleteFriend(wxid));
    }

    /** {@code /label/list}, {@code /contacts/getBriefInfo}, {@code /label/add} for each new name, then the new set. */
    ContactOutcome addLabels(String wxid, List<String> names) {
        Read<Map<String, String>> byName = labelIdsByName();
        if (byName.failed() != null) {
            return byName.failed();
        }
        Read<BriefInfo> friend = friend(wxid);
        if (friend.failed() != null) {
            return friend.failed();
        }
        List<String> current = labelIds(friend.value());
        List<String> wanted = new ArrayList<>(current);
        for (String name : names) {
            String id = byName.value().get(name);
            if (id == null) {
                Read<String> created = createLabel(name);
                if (created.failed() != null) {
                    return created.failed();
                }
                id = created.value();
            }
            if (!wanted.contains(id)) {
                wanted.add(id);
            }
        }
        return replaceLabels(friend.value(), current, wanted);
    }

    /** {@code /label/list}, then, when the friend may have one of the labels, the reading and the new set. */
    ContactOutcome removeLabels(String wxid, List<String> names) {
        Read<Map<String, String>> byName = labelIdsByName();
        if (byName.failed() != null) {
            return byName.failed();
        }
        List<String> drop = names.stream().map(byName.value()::get).filter(Objects::nonNull).toList();
        if (drop.isEmpty()) {
            // No such label exists, so nobody has it.
            return new Done(Optional.of(wxid), Optional.empty());
        }
        Read<BriefInfo> friend = friend(wxid);
        if (friend.failed() != null) {
            return friend.failed();
        }
        List<String> current = labelIds(friend.value());
        List<String> wanted = current.stream().filter(id -> !drop.contains(id)).toList();
        return replaceLabels(friend.value(), current, wanted);
    }

    /** The wxids of the friends, then their profiles. */
    Listing<Contact> friends() {
        Listing<String> wxids = friendWxids();
        if (wxids instanceof Listing.NotListed<String> notListed) {
            return new Listing.NotListed<>(notListed.outcome());
        }
        List<String> listed = ((Listing.Listed<String>) wxids).items();
        return listed.isEmpty() ? new Listing.Listed<>(List.of()) : profiles(listed);
    }

    /**
     * {@code /contacts/fetchContactsList}, or its cache when it timed out (it is slow, and GeWe keeps the
     * last list for that): the friends' wxids, without blanks and repeats.
     */
    Listing<String> friendWxids() {
        GeweReply<ContactsList> fetched = client.fetchContactsList();
        if (fetched instanceof GeweReply.Failure<ContactsList> failure
                && failure.failed().kind() == FailureKind.TIMEOUT) {
            GeweReply<ContactsList> cached = client.fetchContactsListCache();
            // When the cache cannot answer either, the timeout is what the user needs to know.
            fetched = cached instanceof GeweReply.Success<ContactsList> ? cached : fetched;
        }
        if (fetched instanceof GeweReply.Failure<ContactsList> failure) {
            return new Listing.NotListed<>(TransportFailures.notSent(failure.failed()));
        }
        return new Listing.Listed<>(((GeweReply.Success<ContactsList>) fetched).data()
                .map(ContactsList::friends).orElse(List.of()).stream()
                .filter(w -> w != null && !w.isBlank()).distinct().toList());
    }

    /** {@code /contacts/getBriefInfo} in batches, then {@code /label/list} when anyone has a label. */
    Listing<Contact> profiles(List<String> wxids) {
        Listing<BriefInfo> read = inBatches(wxids, batch -> {
            GeweReply<List<BriefInfo>> reply = client.briefInfo(batch);
            if (reply instanceof GeweReply.Failure<List<BriefInfo>> failure) {
                return new Listing.NotListed<>(TransportFailures.notSent(failure.failed()));
            }
            return new Listing.Listed<>(((GeweReply.Success<List<BriefInfo>>) reply).data().orElse(List.of()).stream()
                    .filter(info -> info != null && !blank(info.userName())).toList());
        });
        if (read instanceof Listing.NotListed<BriefInfo> notListed) {
            return new Listing.NotListed<>(notListed.outcome());
        }
        List<BriefInfo> infos = ((Listing.Listed<BriefInfo>) read).items();
        Map<String, String> names = Map.of();
        if (infos.stream().anyMatch(info -> !labelIds(info).isEmpty())) {
            Read<Map<String, String>> byName = labelIdsByName();
            if (byName.failed() != null) {
                return new Listing.NotListed<>(byName.failed());
            }
            names = invert(byName.value());
        }
        Map<String, String> labelNames = names;
        return new Listing.Listed<>(infos.stream().map(info -> contact(info, labelNames)).toList());
    }

    /**
     * {@code /contacts/checkRelation} in batches. The self-hosted GeWe has no such endpoint: asked
     * nothing when the settings say so, and taken at its word when they do not.
     */
    Listing<Relation> checkRelations(List<String> wxids) {
        if (variant.equals(Optional.of(Variant.SELF_HOSTED))) {
            return Listing.unsupported("checkRelations on self-hosted GeWe");
        }
        return inBatches(wxids, batch -> {
            GeweReply<List<RelationEntry>> reply = client.checkRelation(batch);
            if (reply instanceof GeweReply.Failure<List<RelationEntry>> failure) {
                if (variant.isEmpty() && failure.unknownEndpoint()) {
                    return Listing.unsupported("checkRelations on this GeWe");
                }
                return new Listing.NotListed<>(TransportFailures.notSent(failure.failed()));
            }
            List<Relation> relations = new ArrayList<>();
            for (RelationEntry entry : ((GeweReply.Success<List<RelationEntry>>) reply).data().orElse(List.of())) {
                if (blank(entry.wxid())) {
                    continue;
                }
                if (entry.relation() == null) {
                    return new Listing.NotListed<>(Failed.transport(FailureKind.UNREADABLE_RESPONSE,
                            "GeWe's answer to " + GeweApi.CHECK_RELATION + " gives no relation for " + entry.wxid(),
                            false));
                }
                relations.add(new Relation(entry.wxid(), GeweApi.relationKind(entry.relation()), entry.relation()));
            }
            return new Listing.Listed<>(relations);
        });
    }

    /**
     * Reads many people in batches GeWe accepts, {@link GeweApi#BATCH_PAUSE} apart, in order; the first batch
     * that is not listed ends the read with its reason.
     */
    private <T> Listing<T> inBatches(List<String> wxids, Function<List<String>, Listing<T>> read) {
        List<T> all = new ArrayList<>();
        for (int from = 0; from < wxids.size(); from += GeweApi.MAX_WXIDS_PER_CALL) {
            if (from > 0) {
                try {
                    Thread.sleep(GeweApi.BATCH_PAUSE.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new Listing.NotListed<>(Failed.transport(FailureKind.INTERNAL,
                            "interrupted between two batches of a read", false));
                }
            }
            Listing<T> batch = read.apply(wxids.subList(from, Math.min(wxids.size(), from + GeweApi.MAX_WXIDS_PER_CALL)));
            if (batch instanceof Listing.NotListed<T> notListed) {
                return notListed;
            }
            all.addAll(((Listing.Listed<T>) batch).items());
        }
        return new Listing.Listed<>(all);
    }

    private ContactOutcome replaceLabels(BriefInfo friend, List<String> current, List<String> wanted) {
        Done done = new Done(Optional.of(friend.userName()), Optional.ofNullable(friend.nickName()).filter(s -> !s.isBlank()));
        if (wanted.equals(current)) {
            return done;
        }
        GeweReply<Void> sent = client.modifyMemberList(String.join(",", wanted), List.of(friend.userName()));
        return sent instanceof GeweReply.Failure<Void> failure ? failure.failed() : done;
    }

    /** The friend's profile, by {@code /contacts/getBriefInfo}; a failure when GeWe knows nobody of that wxid. */
    private Read<BriefInfo> friend(String wxid) {
        GeweReply<List<BriefInfo>> reply = client.briefInfo(List.of(wxid));
        if (reply instanceof GeweReply.Failure<List<BriefInfo>> failure) {
            return Read.failed(TransportFailures.notSent(failure.failed()));
        }
        return ((GeweReply.Success<List<BriefInfo>>) reply).data().orElse(List.of()).stream()
                .filter(info -> wxid.equals(info.userName())).findFirst()
                .map(Read::of)
                .orElseGet(() -> Read.failed(new Failed(FailureKind.NOT_FOUND, Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.of("GeWe knows no contact " + wxid), false)));
    }

    /** The account's labels by name, by {@code /label/list}; the first of two with one name wins. */
    private Read<Map<String, String>> labelIdsByName() {
        GeweReply<LabelList> reply = client.labelList();
        if (reply instanceof GeweReply.Failure<LabelList> failure) {
            return Read.failed(TransportFailures.notSent(failure.failed()));
        }
        Map<String, String> byName = new LinkedHashMap<>();
        ((GeweReply.Success<LabelList>) reply).data().map(LabelList::labelList).orElse(List.of()).stream()
                .filter(label -> label != null && !blank(label.labelId()) && label.labelName() != null)
                .forEach(label -> byName.putIfAbsent(label.labelName(), label.labelId().strip()));
        return Read.of(byName);
    }

    private Read<String> createLabel(String name) {
        GeweReply<Label> reply = client.addLabel(name);
        if (reply instanceof GeweReply.Failure<Label> failure) {
            return Read.failed(failure.failed());
        }
        return ((GeweReply.Success<Label>) reply).data().map(Label::labelId).filter(id -> !blank(id))
                .map(id -> Read.of(id.strip()))
                .orElseGet(() -> Read.failed(Failed.transport(FailureKind.UNREADABLE_RESPONSE,
                        "GeWe's answer to " + GeweApi.LABEL_ADD + " gives no labelId for " + name, true)));
    }

    private static Contact contact(BriefInfo info, Map<String, String> labelNames) {
        // An id with no label behind it (deleted meanwhile) has no name to show.
        List<String> labels = labelIds(info).stream().map(labelNames::get).filter(Objects::nonNull).toList();
        return new Contact(info.userName(), text(info.nickName()), text(info.remark()), text(info.alias()), labels);
    }

    /** GeWe's {@code labelList}, {@code "1,2"} or {@code ""}, as ids in its order. */
    private static List<String> labelIds(BriefInfo info) {
        if (blank(info.labelList())) {
            return List.of();
        }
        return Arrays.stream(info.labelList().split(",")).map(String::strip).filter(id -> !id.isEmpty())
                .distinct().toList();
    }

    private static Map<String, String> invert(Map<String, String> byName) {
        Map<String, String> byId = new LinkedHashMap<>();
        byName.forEach((name, id) -> byId.putIfAbsent(id, name));
        return byId;
    }

    private static ContactOutcome done(String wxid, GeweReply<Void> sent) {
        return sent instanceof GeweReply.Failure<Void> failure
                ? failure.failed()
                : new Done(Optional.of(wxid), Optional.empty());
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** What one step of an operation read: a value, or the failure that ends the operation. */
    private record Read<T>(T value, Failed failed) {
        static <T> Read<T> of(T value) {
            return new Read<>(value, null);
        }

        static <T> Read<T> failed(Failed failed) {
            return new Read<>(null, failed);
        }
    }

    /**
     * One {@code /group/getChatroomMemberList}; a member without a wxid is left out.
     *
     * @param chatroomId the group
     * @return its members, or why they could not be listed
     */
    Listing<GroupMember> groupMembers(String chatroomId) {
        GeweReply<GeweApi.ChatroomMembers> listed = client.chatroomMembers(chatroomId);
        if (listed instanceof GeweReply.Failure<GeweApi.ChatroomMembers> failure) {
            return new Listing.NotListed<>(TransportFailures.notSent(failure.failed()));
        }
        List<GeweApi.ChatroomMember> members = ((GeweReply.Success<GeweApi.ChatroomMembers>) listed).data()
                .map(GeweApi.ChatroomMembers::memberList).orElse(List.of());
        return new Listing.Listed<>(members.stream()
                .filter(m -> m != null && m.wxid() != null && !m.wxid().isBlank())
                .map(m -> new GroupMember(m.wxid(), m.nickName() == null ? "" : m.nickName(),
                        m.displayName() == null ? "" : m.displayName()))
                .toList());
    }
}
