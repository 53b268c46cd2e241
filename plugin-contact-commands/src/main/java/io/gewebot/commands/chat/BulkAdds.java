package io.gewebot.commands.chat;

import io.gewebot.api.GroupMember;
import io.gewebot.api.chat.ChatContext;
import io.gewebot.common.chat.AccountState;
import io.gewebot.common.chat.Origin;
import io.gewebot.common.command.Command;
import io.gewebot.common.command.CommandParser;
import io.gewebot.common.command.CommandSpec;
import io.gewebot.common.settings.PacingPolicy;
import io.gewebot.common.text.Messages;
import io.gewebot.commands.pacing.AddDecision;
import io.gewebot.commands.pacing.AddIntent;
import io.gewebot.commands.pacing.BulkDecision;
import io.gewebot.commands.pacing.FriendRequestPacer;
import io.gewebot.commands.pacing.QueuedAdd;
import io.gewebot.commands.store.AddressBook;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /addgroup} and {@code /addlist}: many friend requests asked for at once, each queued as an
 * {@code /add} with its route (the group's id, or {@link AddIntent#LIST_ROUTE}), so that the one queue, the
 * pacer and the ledger send them one per turn under every limit of {@code /add}. What can be told at once is
 * told at once (the account itself, friends the address book knows, someone asked before or queued by the same
 * text or wxid); who each one is (the same person asked by phone number, say) is told by a search just before
 * their turn ({@link CommandRouter#sendDue}). Also the routes' share of {@code /queue} and {@code /cancel}.
 */
final class BulkAdds {

    private final String appId;
    private final Messages messages;
    private final FriendRequestPacer pacer;
    private final AddressBook friends;
    private final AddressBookCommands book;
    private final ChatContext chat;
    private final AccountState account;

    /**
     * @param appId the account
     * @param messages the chat texts
     * @param pacer queues the requests
     * @param friends the friends the account is known to have
     * @param book reads a group's members and the friends through the plugin
     * @param chat tells the account's own wxid
     * @param account whether the account is online
     */
    BulkAdds(String appId, Messages messages, FriendRequestPacer pacer, AddressBook friends, AddressBookCommands book,
            ChatContext chat, AccountState account) {
        this.appId = Objects.requireNonNull(appId, "appId");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.pacer = Objects.requireNonNull(pacer, "pacer");
        this.friends = Objects.requireNonNull(friends, "friends");
        this.book = Objects.requireNonNull(book, "book");
        this.chat = Objects.requireNonNull(chat, "chat");
        this.account = Objects.requireNonNull(account, "account");
    }

    /** {@code /addgroup}: the group's members, but the account, friends and those asked or queued, queued. */
    String addGroup(Origin origin, Command.AddGroup command) {
        String group = command.group();
        if (group.equalsIgnoreCase(CommandSpec.HERE)) {
            if (!CommandParser.isGroup(origin.replyTo())) {
                return messages.get("addgroup.here");
            }
            group = origin.replyTo();
        }
        if (account.offline()) {
            return messages.get("add.offline");
        }
        AddressBookCommands.Members read = book.groupMembers(group);
        if (read.failure().isPresent()) {
            return read.failure().get();
        }
        book.fillIfNeverRead();
        Set<String> known = friends.friendWxids(appId);
        Optional<String> self = chat.accountWxid();
        List<AddIntent> intents = new ArrayList<>();
        int members = 0;
        int friendCount = 0;
        for (GroupMember member : read.members()) {
            if (self.filter(member.wxid()::equals).isPresent()) {
                continue;
            }
            members++;
            if (known.contains(member.wxid())) {
                friendCount++;
            } else {
                intents.add(new AddIntent(appId, member.wxid(), command.greeting(), origin.sender(), origin.replyTo())
                        .withRoute(group));
            }
        }
        BulkDecision decision = pacer.submitAll(appId, intents);
        if (decision instanceof BulkDecision.HeldBack held) {
            return heldBack(held.refusal());
        }
        BulkDecision.Queued queued = (BulkDecision.Queued) decision;
        return messages.get("addgroup.done", group, members, friendCount, queued.askedBefore().size(),
                queued.alreadyQueued().size(), queued.queued().size()) + '\n' + last(queued);
    }

    /** {@code /addlist}: each target, but friends the address book knows and those asked or queued, queued. */
    String addList(Origin origin, Command.AddList command) {
        if (account.offline()) {
            return messages.get("add.offline");
        }
        book.fillIfNeverRead();
        List<AddIntent> intents = new ArrayList<>();
        int friendCount = 0;
        for (String target : command.targets()) {
            if (friends.friendNamed(appId, target).isPresent()) {
                friendCount++;
            } else {
                intents.add(new AddIntent(appId, target, command.greeting(), origin.sender(), origin.replyTo())
                        .withRoute(AddIntent.LIST_ROUTE));
            }
        }
        BulkDecision decision = pacer.submitAll(appId, intents);
        if (decision instanceof BulkDecision.HeldBack held) {
            return heldBack(held.refusal());
        }
        BulkDecision.Queued queued = (BulkDecision.Queued) decision;
        return messages.get("addlist.done", command.targets().size(), queued.queued().size(), friendCount,
                queued.askedBefore().size(), queued.alreadyQueued().size()) + '\n' + last(queued);
    }

    /** When the last of the queue is expected at the current pace, and what that pace is. */
    private String last(BulkDecision.Queued queued) {
        if (queued.queued().isEmpty() || queued.lastExpectedAt().isEmpty()) {
            return messages.get("bulk.noneQueued");
        }
        PacingPolicy p = pacer.policy();
        return messages.get("bulk.last", queued.lastExpectedAt().get(), p.addInterval(),
                p.addInterval().plus(p.addJitter()), p.addDailyCap());
    }

    private String heldBack(AddDecision refusal) {
        if (refusal instanceof AddDecision.WarmingUp w) {
            return messages.get("add.warmup", w.until(), pacer.policy().warmup());
        }
        return messages.get("add.paused", ((AddDecision.Paused) refusal).until());
    }

    /**
     * The routes' lines of {@code /queue}: one per group, one for the lists, each with how many wait and the
     * next one's time.
     *
     * @param queued the account's queue
     * @return the lines, in the order each route's first request waits
     */
    List<String> queueLines(List<QueuedAdd> queued) {
        Map<String, List<QueuedAdd>> byRoute = new LinkedHashMap<>();
        for (QueuedAdd q : queued) {
            q.intent().route().ifPresent(route -> byRoute.computeIfAbsent(route, r -> new ArrayList<>()).add(q));
        }
        List<String> lines = new ArrayList<>();
        byRoute.forEach((route, waiting) -> {
            Instant next = waiting.get(0).expectedAt();
            lines.add(route.equals(AddIntent.LIST_ROUTE) ? messages.get("queue.list", waiting.size(), next)
                    : messages.get("queue.group", route, waiting.size(), next));
        });
        return lines;
    }

    /**
     * {@code /cancel <chatroomId>} and {@code /cancel list}.
     *
     * @param origin who cancels
     * @param target what {@code /cancel} was given
     * @return the reply, or empty when the target names no route (a person)
     */
    Optional<String> cancel(Origin origin, String target) {
        boolean list = target.equalsIgnoreCase(CommandSpec.LIST);
        if (!list && !CommandParser.isGroup(target)) {
            return Optional.empty();
        }
        int removed = pacer.cancelRoute(appId, list ? AddIntent.LIST_ROUTE : target, origin.sender());
        if (removed == 0) {
            return Optional.of(list ? messages.get("cancel.listNone") : messages.get("cancel.groupNone", target));
        }
        return Optional.of(list ? messages.get("cancel.list", removed) : messages.get("cancel.group", removed, target));
    }

}
