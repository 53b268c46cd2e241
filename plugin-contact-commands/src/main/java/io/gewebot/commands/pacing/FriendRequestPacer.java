package io.gewebot.commands.pacing;

import io.gewebot.common.settings.PacingPolicy;

import io.gewebot.commands.pacing.Ledger.Account;
import io.gewebot.commands.pacing.Ledger.AddRow;
import io.gewebot.common.store.Database;
import io.gewebot.commands.store.Instances;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Decides when a friend request may go out, and makes sure none goes out twice. The rules are in
 * the {@linkplain io.gewebot.commands.pacing package documentation}.
 *
 * <p>Every method is one transaction on the host's {@link Database}: a decision and the rows that
 * record it are committed together, and decisions about one account are made one at a time: under
 * the database's one lock on SQLite, under the account's row lock on PostgreSQL, whichever instance
 * of the host makes them (decisions about two accounts may draw jitter at once, so the random
 * generator must be thread-safe, as {@link java.security.SecureRandom} and {@link java.util.Random}
 * are). Everything lives in the {@linkplain Ledger ledger} ({@code ledger} and
 * {@code pacing_accounts} tables): one record per operation, with one {@link RequestState}, read by
 * the queue, never-twice, {@code /history} and crash recovery alike; so a new pacer on the same
 * database carries on exactly where the last one stopped.
 */
public final class FriendRequestPacer {

    /** The detail recorded for operations that were in flight when the host stopped. */
    static final String RECOVERED_DETAIL = "interrupted by a restart";
    /** The detail recorded for operations in flight on an instance that stopped holding its lease. */
    static final String ABANDONED_DETAIL = "#detail.instanceStopped";

    /**
     * How old the tickets of a lookup may be when a friend request goes out with them; older ones
     * are fetched again first. WeChat does not say how long a search's tickets stay good; ten
     * minutes is far inside what peers see work, and a request that waited in the queue for its turn
     * (half an hour apart by default) is looked up again just before it goes out.
     */
    public static final Duration MAX_TICKET_AGE = Duration.ofMinutes(10);

    /** How many settled operations the ledger keeps for {@code /history} beyond those it must keep. */
    static final int KEEP_SETTLED = 10_000;

    private final Database db;
    private final PacingPolicy policy;
    private final Clock clock;
    private final RandomGenerator random;
    private final CommandMeters metrics;
    private final String instance;

    /**
     * Creates the pacer.
     *
     * @param db the host's database
     * @param policy the pacing rules
     * @param clock the time source (UTC instants are all it reads)
     * @param random the source of jitter
     * @param metrics counts what becomes of friend requests and answers, once each, as the ledger settles them
     * @throws NullPointerException when a part is {@code null}
     */
    public FriendRequestPacer(Database db, PacingPolicy policy, Clock clock, RandomGenerator random,
            CommandMeters metrics) {
        this(db, policy, clock, random, metrics, Instances.LOCAL);
    }

    /**
     * Creates the pacer of one host instance among those that may share the database.
     *
     * @param db the host's database
     * @param policy the pacing rules
     * @param clock the time source (UTC instants are all it reads)
     * @param random the source of jitter
     * @param metrics counts what becomes of friend requests and answers, once each, as the ledger settles them
     * @param instance the id of this host instance, which claims what it sends (see {@link Instances})
     * @throws NullPointerException when a part is {@code null}
     */
    public FriendRequestPacer(Database db, PacingPolicy policy, Clock clock, RandomGenerator random,
            CommandMeters metrics, String instance) {
        this.instance = Objects.requireNonNull(instance, "instance");
        this.db = Objects.requireNonNull(db, "db");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** @return the rules this pacer applies */
    public PacingPolicy policy() {
        return policy;
    }

    /**
     * What can be decided about an {@code /add} before anyone is looked up: warm-up, pause, a recent
     * request to the very same text, the very same text already queued. Answering these first costs
     * no search; {@link #submit} checks them all again, by person.
     *
     * <p>Like a submit, it counts as seeing the account online (see the package documentation).
     *
     * @param intent the add, as typed
     * @return the refusal, or empty when a lookup is needed to decide
     */
    public Optional<AddDecision> precheck(AddIntent intent) {
        Objects.requireNonNull(intent, "intent");
        return forAccount(intent.appId(), (c, locked) -> {
            Instant now = now();
            return precheck(c, seen(c, locked, now), intent, now);
        });
    }

    private Optional<AddDecision> precheck(Connection c, Account account, AddIntent intent, Instant now)
            throws SQLException {
        return precheck(c, account, intent, now, overview(c, account.appId(), Optional.of(intent), now, false));
    }

    private Optional<AddDecision> precheck(Connection c, Account account, AddIntent intent, Instant now,
            Ledger.Overview overview) throws SQLException {
        Optional<AddDecision> held = heldBack(account, now);
        if (held.isPresent()) {
            return held;
        }
        return repeated(c, account, intent, now, overview);
    }

    /** What a decision reads about the account, in one statement. */
    private Ledger.Overview overview(Connection c, String appId, Optional<AddIntent> intent, Instant now,
            boolean searches) throws SQLException {
        return Ledger.overview(c, db.dialect(), appId, intent, now.minus(policy.addDedupWindow()),
                now.minus(PacingPolicy.CAP_WINDOW), searches);
    }
    /**
     * Decides about one {@code /add}. In this order: warm-up, pause, a recent request to the same
     * person (by {@link AddIntent#identity() who they are}, or by the very same text), the same
     * person already queued; then, when the account's queue is empty and the
     * interval and the daily cap allow it, the add is journaled in flight and handed back to be
     * sent now; otherwise it joins the account's persistent queue.
     *
     * <p>A submit counts as seeing the account online: when the host never reported it, the
     * warm-up starts now (see the package documentation).
     *
     * @param intent what to send
     * @return the decision
     */
    public AddDecision submit(AddIntent intent) {
        Objects.requireNonNull(intent, "intent");
        String appId = intent.appId();
        AddDecision decision = forAccount(appId, (c, locked) -> {
            Instant now = now();
            Account account = seen(c, locked, now);
            Optional<AddDecision> refused = heldBack(account, now);
            if (refused.isPresent()) {
                return refused.get();
            }
            // the never-twice checks, the queue and the turn's figures: one read
            Ledger.Overview overview = overview(c, appId, Optional.of(intent), now, false);
            refused = overview.lastSentTo().map(AddDecision.Duplicate::new);
            if (refused.isPresent()) {
                return refused.get();
            }
            List<QueuedAdd> queue = queued(c, account, now, overview);
            refused = alreadyQueued(intent, queue);
            if (refused.isPresent()) {
                return refused.get();
            }
            // an add never overtakes the queue: with anyone waiting it waits too
            if (queue.isEmpty() && !nextTurns(c, account, now, 1, overview).get(0).isAfter(now)) {
                long id = Ledger.insertSending(c, db.dialect(), intent, now, instance, booked(account, now));
                return new AddDecision.SendNow(new SendTicket(id, intent, now));
            }
            long id = Ledger.insert(c, intent, now, Optional.empty(), instance);
            // it joins the queue as read under the lock, last: its turn follows theirs (a queued add changes
            // neither the last start nor the sends in the window)
            List<Instant> turns = nextTurns(c, account, now, queue.size() + 1, overview);
            return new AddDecision.Queued(new QueuedAdd(id, intent, now, turns.get(queue.size())), queue.size() + 1);
        });
        // A refusal is counted by refuse(), which the caller records it with; one sent now, when settled.
        if (decision instanceof AddDecision.Queued) {
            metrics.friendRequest(CommandMeters.Outcome.QUEUED);
        }
        return decision;
    }

    /**
     * Queues the adds of one {@code /addgroup} or {@code /addlist} in one transaction, after the checks
     * {@link #submit} makes, by the keys known before any lookup (the target as typed; a wxid): warm-up and
     * pause hold back all of them; one whose target was sent a request within the never-twice window, by any
     * route, or waits in the queue already (or comes twice in the batch) is left out. None is sent at once:
     * each waits for its turn, and whoever it is is told again just before it goes out
     * ({@link #identifyQueued}). The ledger is read a fixed number of times for the whole batch, and each
     * queued add is one insert.
     *
     * @param appId the account
     * @param intents the adds, each with its route, in the order they are to go out
     * @return the decision
     */
    public BulkDecision submitAll(String appId, List<AddIntent> intents) {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(intents, "intents");
        BulkDecision decision = forAccount(appId, (c, locked) -> {
            Instant now = now();
            Account account = seen(c, locked, now);
            Optional<AddDecision> held = heldBack(account, now);
            if (held.isPresent()) {
                return new BulkDecision.HeldBack(held.get());
            }
            Set<String> asked = Ledger.countedKeysSince(c, appId, now.minus(policy.addDedupWindow()));
            Set<String> waiting = new HashSet<>();
            for (AddRow row : Ledger.queue(c, appId)) {
                waiting.add(row.intent().personKey());
                waiting.add(row.intent().targetKey());
            }
            List<AddIntent> askedBefore = new ArrayList<>();
            List<AddIntent> alreadyQueued = new ArrayList<>();
            Set<Long> ids = new HashSet<>();
            for (AddIntent intent : intents) {
                if (asked.contains(intent.targetKey()) || asked.contains(intent.personKey())) {
                    askedBefore.add(intent);
                } else if (waiting.contains(intent.targetKey()) || waiting.contains(intent.personKey())) {
                    alreadyQueued.add(intent);
                } else {
                    waiting.add(intent.targetKey());
                    waiting.add(intent.personKey());
                    ids.add(Ledger.insert(c, intent, now, Optional.empty(), instance));
                }
            }
            List<QueuedAdd> queue = queued(c, account, now);
            List<QueuedAdd> queuedNow = queue.stream().filter(q -> ids.contains(q.id())).toList();
            Optional<Instant> last = queue.isEmpty() ? Optional.empty()
                    : Optional.of(queue.get(queue.size() - 1).expectedAt());
            return new BulkDecision.Queued(queuedNow, askedBefore, alreadyQueued, last);
        });
        if (decision instanceof BulkDecision.Queued queued) {
            queued.queued().forEach(q -> metrics.friendRequest(CommandMeters.Outcome.QUEUED));
        }
        return decision;
    }

    /**
     * The account's next queued add, when its turn has come (as {@link #takeDue} would hand it out now);
     * nothing is changed.
     *
     * @param appId the account
     * @return the add, its expected time now; empty when nothing is due
     */
    public Optional<QueuedAdd> dueHead(String appId) {
        Objects.requireNonNull(appId, "appId");
        return db.transaction(c -> {
            Optional<AddRow> head = Ledger.queueHead(c, appId);
            if (head.isEmpty()) {
                return Optional.<QueuedAdd>empty();
            }
            Instant now = now();
            if (nextTurns(c, Ledger.account(c, appId), now, 1).get(0).isAfter(now)) {
                return Optional.<QueuedAdd>empty();
            }
            return Optional.of(new QueuedAdd(head.get().id(), head.get().intent(), head.get().queuedAt(), now));
        });
    }

    /**
     * Tells a queued add who its target is, as a lookup just before its turn found them, and checks
     * never-twice again by person: a request to them within the window, or another queued add to them,
     * and the add is not to go out ({@link #settleQueued} ends it). Otherwise the add keeps the person and
     * the tickets.
     *
     * @param queued the queued add
     * @param identity whom the lookup found
     * @return {@link AddDecision.Duplicate} or {@link AddDecision.AlreadyQueued}; empty when it may go out
     */
    public Optional<AddDecision> identifyQueued(QueuedAdd queued, Identity identity) {
        Objects.requireNonNull(queued, "queued");
        Objects.requireNonNull(identity, "identity");
        String appId = queued.intent().appId();
        String key = identity.person().key();
        return forAccount(appId, c -> {
            Instant now = now();
            Optional<Instant> last = Ledger.lastCountedStartToPerson(c, db.dialect(), appId, key,
                    now.minus(policy.addDedupWindow()));
            if (last.isPresent()) {
                return Optional.<AddDecision>of(new AddDecision.Duplicate(last.get()));
            }
            for (AddRow row : Ledger.queue(c, appId)) {
                if (row.id() != queued.id() && row.intent().personKey().equals(key)) {
                    return Optional.<AddDecision>of(new AddDecision.AlreadyQueued(
                            new QueuedAdd(row.id(), row.intent(), row.queuedAt(), now)));
                }
            }
            Ledger.identify(c, queued.id(), identity);
            return Optional.<AddDecision>empty();
        });
    }

    /**
     * Ends a queued add that is not to go out (its target was found to be a friend, asked before, or
     * nobody), without using a friend request's turn or the daily cap.
     *
     * @param queued the queued add
     * @param unsent how it ended: {@link RequestState#REFUSED} or {@link RequestState#FAILED}
     * @return whether it was still queued
     * @throws IllegalArgumentException when the settlement says something may have been sent
     */
    public boolean settleQueued(QueuedAdd queued, Settlement unsent) {
        Objects.requireNonNull(queued, "queued");
        Objects.requireNonNull(unsent, "unsent");
        if (unsent.state() != RequestState.REFUSED && unsent.state() != RequestState.FAILED) {
            throw new IllegalArgumentException(unsent.state() + " is not an add that was never sent");
        }
        boolean settled = forAccount(queued.intent().appId(),
                c -> Ledger.settleQueued(c, queued.id(), unsent.state(), now(), unsent.detail()));
        if (settled) {
            metrics.friendRequest(unsent.state() == RequestState.REFUSED ? CommandMeters.Outcome.REFUSED
                    : CommandMeters.Outcome.FAILED);
        }
        return settled;
    }

    /**
     * Drops every queued add of a route: a group's members, or the targets of lists.
     *
     * @param appId the account
     * @param route a group's id, or {@link AddIntent#LIST_ROUTE}
     * @param by who cancelled them, for {@code /history}
     * @return how many were dropped (they stay in the ledger as {@link RequestState#CANCELLED})
     */
    public int cancelRoute(String appId, String route, String by) {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(by, "by");
        return forAccount(appId, c -> Ledger.cancelRoute(c, appId, route, now(), "cancelled by " + by));
    }

    /** The account, with its warm-up clock started now when it was never seen online. */
    private static Account seen(Connection c, Account account, Instant now) throws SQLException {
        if (account.onlineSince().isPresent()) {
            return account;
        }
        Account started = account.withOnlineSince(now);
        Ledger.save(c, started);
        return started;
    }

    /** Warm-up or pause: nothing may be sent whoever it is for. */
    private Optional<AddDecision> heldBack(Account account, Instant now) {
        Optional<Instant> warm = warmupEnd(account, now);
        if (warm.isPresent() && now.isBefore(warm.get())) {
            return Optional.of(new AddDecision.WarmingUp(warm.get()));
        }
        Optional<Instant> pause = account.pausedUntil();
        if (pause.isPresent() && now.isBefore(pause.get())) {
            return Optional.of(new AddDecision.Paused(pause.get()));
        }
        return Optional.empty();
    }

    /**
     * A request to the same person within the duplicate window, or one waiting in the queue: the
     * same person by key, or the same text (which also catches rows of a ledger from before people
     * had keys).
     */
    private Optional<AddDecision> repeated(Connection c, Account account, AddIntent intent, Instant now,
            Ledger.Overview overview) throws SQLException {
        Optional<AddDecision> sent = overview.lastSentTo().map(AddDecision.Duplicate::new);
        return sent.isPresent() ? sent : alreadyQueued(intent, queued(c, account, now, overview));
    }

    /** The same person, or the very same text, waiting in the queue. */
    private static Optional<AddDecision> alreadyQueued(AddIntent intent, List<QueuedAdd> queue) {
        for (QueuedAdd waiting : queue) {
            if (waiting.intent().personKey().equals(intent.personKey())
                    || waiting.intent().targetKey().equals(intent.targetKey())) {
                return Optional.of(new AddDecision.AlreadyQueued(waiting));
            }
        }
        return Optional.empty();
    }

    /**
     * Takes the account's oldest queued add when its turn has come (interval and jitter, daily cap,
     * pause and warm-up all allow it), and moves it in flight, claimed by this instance, in the same
     * transaction. On a database several instances share, an account another instance is deciding
     * for right now is skipped rather than waited for: that instance takes what is due.
     *
     * @param appId the account
     * @return the ticket to send, or empty when nothing is due
     */
    public Optional<SendTicket> takeDue(String appId) {
        Objects.requireNonNull(appId, "appId");
        return db.transaction(c -> {
            // Asked every second for every account: an account with nothing queued costs one read,
            // and no lock or write (on PostgreSQL, taking the row lock writes a transaction id).
            Optional<Account> locked = Ledger.hasQueue(c, appId) ? Ledger.lockAccount(c, db.dialect(), appId, false)
                    : Optional.empty();
            if (locked.isEmpty()) {
                return Optional.<SendTicket>empty();
            }
            Instant now = now();
            Account account = locked.get();
            List<AddRow> queue = Ledger.queue(c, appId);
            if (queue.isEmpty() || nextTurns(c, account, now, 1).get(0).isAfter(now)) {
                return Optional.<SendTicket>empty();
            }
            AddRow head = queue.get(0);
            if (!Ledger.start(c, head.id(), now, instance)) {
                throw new IllegalStateException("queued add " + head.id() + " changed under the lock");
            }
            bookInterval(c, account, now);
            return Optional.of(new SendTicket(head.id(), head.intent(), now));
        });
    }

    /**
     * As {@link #takeDue(String)}, for whichever account's due add was queued first.
     *
     * @return the ticket to send, or empty when nothing is due
     */
    public Optional<SendTicket> takeDue() {
        for (String appId : db.transaction(Ledger::accountsWithQueue)) {
            Optional<SendTicket> ticket = takeDue(appId);
            if (ticket.isPresent()) {
                return ticket;
            }
        }
        return Optional.empty();
    }

    /**
     * When {@link #takeDue} may next hand out something: the earliest turn of any account's next
     * queued add, never before now. A risk-control pause or a {@link #resume} changes it, so the
     * host should ask again after either.
     *
     * @return the instant, or empty when no add is queued
     */
    public Optional<Instant> nextWakeUp() {
        return db.transaction(c -> {
            Instant now = now();
            Optional<Instant> earliest = Optional.empty();
            for (String appId : Ledger.accountsWithQueue(c)) {
                Instant turn = nextTurns(c, Ledger.account(c, appId), now, 1).get(0);
                if (earliest.isEmpty() || turn.isBefore(earliest.get())) {
                    earliest = Optional.of(turn);
                }
            }
            return earliest.map(turn -> later(turn, now));
        });
    }

    /**
     * Records what became of a ticket. Only the first result of a ticket counts; later ones (and
     * results for tickets {@link #recoverAfterCrash} already settled) are ignored, so a result
     * reported twice can never pause the account twice. A settlement that
     * {@linkplain Settlement#pausesAccount() pauses the account} starts or extends its pause (see
     * the package documentation); {@link RequestState#DONE} ends a run of risk-control reports.
     *
     * @param ticket the ticket
     * @param settlement what happened
     * @throws IllegalArgumentException when the ticket is unknown to this ledger
     */
    public void complete(SendTicket ticket, Settlement settlement) {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(settlement, "settlement");
        String appId = ticket.intent().appId();
        // decided inside, thrown outside: the database would wrap an exception thrown in the work
        Optional<Finish> finish = settlement.pausesAccount() ? completeLocked(ticket, settlement)
                : completeUnlocked(ticket, settlement);
        if (finish.isEmpty()) {
            throw new IllegalArgumentException("no friend request with id " + ticket.id() + " for this account");
        }
        // Counted once the transaction holds, and only for the first result: what the ledger keeps.
        if (finish.get().settled()) {
            metrics.friendRequest(outcome(settlement));
            finish.get().pause().ifPresent(until -> metrics.riskControlPause());
        }
    }

    /**
     * A result that does not pause the account, without its row lock: it moves the ticket's row from in flight
     * to settled, which no decision about the account waits on (an operation in flight and a settled one count
     * alike, or the settled one frees what it held), and ends a run of risk-control reports when it is
     * {@link RequestState#DONE}: one statement, and a second only when there was such a run. On PostgreSQL both
     * are one statement, committed as it ends ({@link Database#atOnce}), and a ticket no longer in flight is
     * then read by itself.
     */
    private Optional<Finish> completeUnlocked(SendTicket ticket, Settlement settlement) {
        String appId = ticket.intent().appId();
        Database.Work<Optional<Finish>> finish = c -> {
            Instant now = now();
            boolean settled;
            if (db.dialect().locksRows()) {
                settled = Ledger.finishAddAtOnce(c, ticket.id(), appId, settlement.state(), now, settlement.detail());
            } else {
                OptionalInt strikes = Ledger.finishAdd(c, ticket.id(), appId, settlement.state(), now,
                        settlement.detail());
                if (strikes.isPresent() && settlement.state() == RequestState.DONE && strikes.getAsInt() > 0) {
                    Ledger.endStrikes(c, appId);
                }
                settled = strikes.isPresent();
            }
            if (settled) {
                return Optional.of(new Finish(true, Optional.empty()));
            }
            return Ledger.find(c, ticket.id()).filter(found -> found.intent().appId().equals(appId)).isPresent()
                    ? Optional.of(Finish.IGNORED) : Optional.<Finish>empty();
        };
        return db.dialect().locksRows() ? db.atOnce(finish) : db.transaction(finish);
    }

    /** A result that pauses the account: under its row lock, as every change to its pause is made. */
    private Optional<Finish> completeLocked(SendTicket ticket, Settlement settlement) {
        String appId = ticket.intent().appId();
        return forAccount(appId, (c, locked) -> {
            Instant now = now();
            Optional<AddRow> row = Ledger.find(c, ticket.id())
                    .filter(found -> found.intent().appId().equals(appId));
            if (row.isEmpty()) {
                return Optional.<Finish>empty();
            }
            if (!Ledger.finish(c, ticket.id(), settlement.state(), now, settlement.detail())) {
                return Optional.of(Finish.IGNORED);
            }
            return Optional.of(new Finish(true, settleAccount(c, locked, settlement, now)));
        });
    }

    /**
     * What one result did in the ledger.
     *
     * @param settled whether it was the ticket's first result, and so recorded
     * @param pause when the pause it started or extended ends
     */
    private record Finish(boolean settled, Optional<Instant> pause) {
        static final Finish IGNORED = new Finish(false, Optional.empty());
    }

    private static CommandMeters.Outcome outcome(Settlement settlement) {
        return switch (settlement.state()) {
            case DONE -> CommandMeters.Outcome.SENT;
            case REFUSED -> CommandMeters.Outcome.REFUSED;
            default -> CommandMeters.Outcome.FAILED;
        };
    }

    /**
     * Records an {@code /add} that was refused before anything was sent (the account is offline, the
     * target was already sent a request, ...), so that {@code /history} shows it.
     *
     * @param intent the add
     * @param detail why, for people
     */
    public void refuse(AddIntent intent, String detail) {
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(detail, "detail");
        db.transaction(c -> Ledger.insertRefused(c, intent, now(), detail));
        metrics.friendRequest(CommandMeters.Outcome.REFUSED);
    }

    /**
     * Records an {@code /add} that ended before anything was sent in the state its settlement names
     * (a search that failed is {@link RequestState#FAILED}, a refusal {@link RequestState#REFUSED}), so
     * that {@code /history} calls it what the reply called it.
     *
     * @param intent the add
     * @param unsent how it ended: {@link RequestState#REFUSED} or {@link RequestState#FAILED}
     * @throws IllegalArgumentException when the settlement says something may have been sent
     */
    public void endUnsent(AddIntent intent, Settlement unsent) {
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(unsent, "unsent");
        if (unsent.state() != RequestState.REFUSED && unsent.state() != RequestState.FAILED) {
            throw new IllegalArgumentException(unsent.state() + " is not an add that was never sent");
        }
        db.transaction(c -> Ledger.insertUnsent(c, intent, unsent.state(), now(), unsent.detail()));
        metrics.friendRequest(unsent.state() == RequestState.REFUSED ? CommandMeters.Outcome.REFUSED
                : CommandMeters.Outcome.FAILED);
    }

    /**
     * Writes an answer (accept or reject) down as in flight and books its slot: now, or
     * {@code answerInterval} after the last booked answer when that is later. Answers are capped
     * ({@code answerDailyCap} in any 24 hours) but not paused and get no jitter: they only reply to
     * what others asked.
     *
     * @param intent the answer
     * @return the ticket, with the instant the caller may send it
     * @throws IllegalStateException when the answer cap is full; {@link #beginAnswerWithinCap} says so
     *     without throwing
     */
    public AnswerTicket beginAnswer(AnswerIntent intent) {
        return beginAnswerWithinCap(intent).orElseThrow(() -> new IllegalStateException(
                "the account gave " + policy.answerDailyCap() + " answers in the last 24 hours"));
    }

    /**
     * As {@link #beginAnswer}, unless the account gave {@code answerDailyCap} answers (accepts and
     * rejects that count as sent) in the last 24 hours: then nothing is written down, and
     * {@link #answerCapFreeAt} tells when one more is allowed.
     *
     * @param intent the answer
     * @return the ticket, or empty when the cap is full
     */
    public Optional<AnswerTicket> beginAnswerWithinCap(AnswerIntent intent) {
        Objects.requireNonNull(intent, "intent");
        return forAccount(intent.appId(), (c, locked) -> {
            Instant now = now();
            if (answerCapFreeAt(c, intent.appId(), now).isPresent()) {
                return Optional.<AnswerTicket>empty();
            }
            long id = Ledger.insertAnswer(c, intent, now, instance);
            return Optional.of(new AnswerTicket(id, intent, bookAnswerSlot(c, locked, now)));
        });
    }

    /**
     * Writes down an answer a friend-request rule gives, as {@link #beginAnswerWithinCap} does, in
     * the same transaction as the checks that may leave it to the admins instead: in this order, a
     * risk-control pause (rules give no answers during one, though admins may), the rules' own cap
     * (answers given by rules that count as sent in the last 24 hours) and the account's answer cap.
     *
     * @param intent the answer, as {@link AnswerIntent#byRule} makes it
     * @param ruleCap how many answers rules may give in any 24 hours; 0 for none
     * @return the ticket, or why the answer is not given
     * @throws IllegalArgumentException when the cap is negative
     */
    public RuleAnswerDecision beginRuleAnswer(AnswerIntent intent, int ruleCap) {
        Objects.requireNonNull(intent, "intent");
        if (ruleCap < 0) {
            throw new IllegalArgumentException("ruleCap must not be negative, got " + ruleCap);
        }
        return forAccount(intent.appId(), (c, locked) -> {
            Instant now = now();
            String appId = intent.appId();
            Optional<Instant> paused = locked.pausedUntil().filter(until -> until.isAfter(now));
            if (paused.isPresent()) {
                return new RuleAnswerDecision.Paused(paused.get());
            }
            if (ruleCap == 0) {
                return new RuleAnswerDecision.RuleCapReached(0, Optional.empty());
            }
            Optional<Instant> ruleCapFree = PacingRules.capFreesAt(
                    Ledger.countedRuleAnswerStartsAfter(c, appId, now.minus(PacingPolicy.CAP_WINDOW)), ruleCap);
            if (ruleCapFree.isPresent()) {
                return new RuleAnswerDecision.RuleCapReached(ruleCap, ruleCapFree);
            }
            Optional<Instant> full = answerCapFreeAt(c, appId, now);
            if (full.isPresent()) {
                return new RuleAnswerDecision.AnswerCapReached(policy.answerDailyCap(), full.get());
            }
            long id = Ledger.insertAnswer(c, intent, now, instance);
            return new RuleAnswerDecision.Granted(new AnswerTicket(id, intent, bookAnswerSlot(c, locked, now)));
        });
    }

    /**
     * @param appId the account
     * @return how many answers friend-request rules gave it in the last 24 hours that count as sent
     */
    public int ruleAnswers(String appId) {
        Objects.requireNonNull(appId, "appId");
        return db.transaction(c -> Ledger.countedRuleAnswerStartsAfter(c, appId, now().minus(PacingPolicy.CAP_WINDOW))
                .size());
    }

    /**
     * @param appId the account
     * @return when it may give one more answer, when its answer cap is full now; empty when there is room
     */
    public Optional<Instant> answerCapFreeAt(String appId) {
        Objects.requireNonNull(appId, "appId");
        return db.transaction(c -> answerCapFreeAt(c, appId, now()));
    }

    private Optional<Instant> answerCapFreeAt(Connection c, String appId, Instant now) throws SQLException {
        return PacingRules.capFreesAt(Ledger.countedAnswerStartsAfter(c, appId, now.minus(PacingPolicy.CAP_WINDOW)),
                policy.answerDailyCap());
    }

    /**
     * Records what became of an answer. A settlement that pauses the account (risk control: the
     * platform warns the account, whatever it answered) pauses its adds as after a friend request
     * answered so, and the pause grows the same way.
     *
     * @param ticket the answer's ticket
     * @param settlement what happened
     * @return when the account's pause ends, when this settlement started or extended one
     */
    public Optional<Instant> completeAnswer(AnswerTicket ticket, Settlement settlement) {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(settlement, "settlement");
        AnswerIntent intent = ticket.intent();
        Finish finish = forAccount(intent.appId(), (c, locked) -> {
            Instant now = now();
            if (!Ledger.finish(c, ticket.id(), settlement.state(), now, settlement.detail())) {
                return Finish.IGNORED;
            }
            return new Finish(true, settleAccount(c, locked, settlement, now));
        });
        if (finish.settled()) {
            metrics.answer(intent.operation() == LedgerEntry.Operation.ACCEPT,
                    intent.requestedBy().startsWith(AnswerIntent.RULE_PREFIX) ? CommandMeters.AnswerBy.RULE : CommandMeters.AnswerBy.ADMIN,
                    outcome(settlement));
            finish.pause().ifPresent(until -> metrics.riskControlPause());
        }
        return finish.pause();
    }

    /** The account's pause after a settled operation: {@code account} as locked, unchanged since. */
    private Optional<Instant> settleAccount(Connection c, Account account, Settlement settlement, Instant now)
            throws SQLException {
        if (settlement.pausesAccount()) {
            return Optional.of(pause(c, account, now));
        }
        if (settlement.state() == RequestState.DONE && account.riskStrikes() > 0) {
            Ledger.save(c, account.withPause(account.pausedUntil(), 0));
        }
        return Optional.empty();
    }

    /**
     * Records a risk-control answer to something else than a friend request: the platform warns the
     * account, so its adds pause as after a friend request answered so, and the pause grows the
     * same way.
     *
     * @param appId the account
     * @return when the pause ends
     */
    public Instant reportRiskControl(String appId) {
        Objects.requireNonNull(appId, "appId");
        Instant until = forAccount(appId, (c, locked) -> pause(c, locked, now()));
        metrics.riskControlPause();
        return until;
    }

    /** Starts or extends an account's pause for one more risk-control report in a row. */
    private Instant pause(Connection c, Account account, Instant now) throws SQLException {
        int strikes = account.riskStrikes() + 1;
        Instant until = later(now.plus(PacingRules.pauseAfter(policy, strikes)), account.pausedUntil());
        Ledger.save(c, account.withPause(Optional.of(until), strikes));
        return until;
    }

    /**
     * The account's queue with expected send times, next to go first.
     *
     * @param appId the account
     * @return the queued adds
     */
    public List<QueuedAdd> queued(String appId) {
        Objects.requireNonNull(appId, "appId");
        return db.transaction(c -> queued(c, Ledger.account(c, appId), now()));
    }

    /**
     * Drops a queued add. An add already handed out cannot be cancelled.
     *
     * @param appId the account
     * @param target the target, compared as duplicates are (case and surrounding space ignored)
     * @param by who cancelled it, for {@code /history}
     * @return whether a queued add was dropped (it stays in the ledger as {@link RequestState#CANCELLED})
     */
    public boolean cancel(String appId, String target, String by) {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(by, "by");
        return forAccount(appId, c -> Ledger.cancelQueued(c, appId, AddIntent.keyOf(target), now(), "cancelled by " + by));
    }

    /**
     * Drops the queued adds to a person, however they were typed when queued.
     *
     * @param appId the account
     * @param personKey who, as {@link io.gewebot.api.Person#key()} says
     * @param by who cancelled it, for {@code /history}
     * @return the targets the dropped adds were queued as; empty when none was queued
     */
    public List<String> cancelPerson(String appId, String personKey, String by) {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(personKey, "personKey");
        Objects.requireNonNull(by, "by");
        return forAccount(appId, c -> Ledger.cancelQueuedPerson(c, appId, personKey, now(), "cancelled by " + by));
    }

    /**
     * Books one search for a person: at once, or when {@code searchInterval} has passed since the
     * account's last search, whichever is later; the caller waits until then. A capped search is
     * refused when the account made {@code searchDailyCap} searches in the last 24 hours.
     *
     * @param appId the account
     * @param capped {@code false} for a search that fetches the tickets of a request already on its
     *     way out: it waits for the interval and counts, but is never refused, since there is at most
     *     one per friend request and those are capped far lower
     * @return the decision
     */
    public SearchDecision bookSearch(String appId, boolean capped) {
        Objects.requireNonNull(appId, "appId");
        return forAccount(appId, c -> {
            Instant now = now();
            return bookSearch(c, appId, capped, now, overview(c, appId, Optional.empty(), now, true));
        });
    }

    /** Books a search, given the account's {@linkplain Ledger#overview overview} with its searches, read under the lock. */
    private SearchDecision bookSearch(Connection c, String appId, boolean capped, Instant now, Ledger.Overview overview)
            throws SQLException {
        Instant windowOpen = now.minus(PacingPolicy.CAP_WINDOW);
        // the searches of the window are read one by one only when the cap is reached, to tell when it frees
        Optional<Instant> capFree = overview.searchesInCapWindow() < policy.searchDailyCap() ? Optional.empty()
                : PacingRules.capFreesAt(Ledger.searchesAfter(c, appId, windowOpen), policy.searchDailyCap());
        if (capped && capFree.isPresent()) {
            return new SearchDecision.CapReached(policy.searchDailyCap(), capFree.get());
        }
        Instant at = later(now, overview.lastSearch().map(last -> last.plus(policy.searchInterval())));
        Ledger.insertSearch(c, appId, at, windowOpen, overview.forgettableSearches());
        return new SearchDecision.Granted(at);
    }

    /**
     * What {@link #precheck} decides and, when it leaves the add to a lookup, the lookup's search booked as
     * {@link #bookSearch} books it (within the search cap), in the same transaction.
     *
     * @param refusal the refusal, when the add is refused before anyone is looked up
     * @param search the search booked otherwise
     */
    public record Precheck(Optional<AddDecision> refusal, Optional<SearchDecision> search) {
    }

    /**
     * {@link #precheck} and, when a lookup is needed, {@link #bookSearch} (within the search cap) in one
     * transaction.
     *
     * @param intent the add, as typed
     * @return the refusal, or the search booked
     */
    public Precheck precheckAndBookSearch(AddIntent intent) {
        Objects.requireNonNull(intent, "intent");
        return forAccount(intent.appId(), (c, locked) -> {
            Instant now = now();
            // the checks and the search's booking read what they need in one go
            Ledger.Overview overview = overview(c, intent.appId(), Optional.of(intent), now, true);
            Optional<AddDecision> refusal = precheck(c, seen(c, locked, now), intent, now, overview);
            return refusal.isPresent() ? new Precheck(refusal, Optional.empty())
                    : new Precheck(Optional.empty(), Optional.of(bookSearch(c, intent.appId(), true, now, overview)));
        });
    }

    /**
     * @param appId the account
     * @return where it stands against each of its limits now
     */
    public AccountLimits limits(String appId) {
        Objects.requireNonNull(appId, "appId");
        return db.transaction(c -> {
            Instant now = now();
            Instant windowOpen = now.minus(PacingPolicy.CAP_WINDOW);
            Account account = Ledger.account(c, appId);
            int adds = Ledger.countCountedStartsAfter(c, appId, windowOpen);
            Instant nextAdd = nextTurns(c, account, now, 1).get(0);
            int queued = Ledger.queue(c, appId).size();
            List<Instant> searches = Ledger.searchesAfter(c, appId, windowOpen);
            Instant nextSearch = later(now, Ledger.lastSearch(c, appId).map(last -> last.plus(policy.searchInterval())));
            nextSearch = later(nextSearch, PacingRules.capFreesAt(searches, policy.searchDailyCap()));
            int answers = Ledger.countedAnswerStartsAfter(c, appId, windowOpen).size();
            Optional<Instant> paused = account.pausedUntil().filter(until -> until.isAfter(now));
            Optional<Instant> warm = policy.skipWarmup() ? Optional.empty()
                    : warmupStart(account).map(start -> start.plus(policy.warmup()));
            return new AccountLimits(adds, policy.addDailyCap(), nextAdd, queued, searches.size(),
                    policy.searchDailyCap(), nextSearch, answers, policy.answerDailyCap(), paused, warm);
        });
    }

    /**
     * @param appId the account
     * @return when its risk-control pause ends, empty when it is not paused
     */
    public Optional<Instant> pausedUntil(String appId) {
        Objects.requireNonNull(appId, "appId");
        return db.transaction(c -> {
            Instant now = now();
            return Ledger.account(c, appId).pausedUntil().filter(until -> until.isAfter(now));
        });
    }

    /**
     * Ends the account's pause now. The count of risk-control reports stays, so if the platform
     * complains again the next pause is twice as long; the interval still applies to the next add.
     *
     * @param appId the account
     * @return whether a pause was in force
     */
    public boolean resume(String appId) {
        Objects.requireNonNull(appId, "appId");
        return forAccount(appId, (c, account) -> {
            Instant now = now();
            boolean active = account.pausedUntil().filter(until -> until.isAfter(now)).isPresent();
            if (account.pausedUntil().isPresent()) {
                Ledger.save(c, account.withPause(Optional.empty(), account.riskStrikes()));
            }
            return active;
        });
    }

    /**
     * Notes that the account is online. The first call starts the warm-up clock; later calls do not
     * move it.
     *
     * @param appId the account
     */
    public void observeOnline(String appId) {
        Objects.requireNonNull(appId, "appId");
        forAccount(appId, (c, account) -> {
            if (account.onlineSince().isEmpty()) {
                Ledger.save(c, account.withOnlineSince(now()));
            }
            return null;
        });
    }

    /**
     * @param appId the account
     * @return when its warm-up ends (or ended); empty when the warm-up is skipped or the account
     *     has not been seen online yet
     */
    public Optional<Instant> warmupEndsAt(String appId) {
        Objects.requireNonNull(appId, "appId");
        if (policy.skipWarmup()) {
            return Optional.empty();
        }
        return db.transaction(c -> warmupStart(Ledger.account(c, appId)).map(s -> s.plus(policy.warmup())));
    }

    /**
     * Settles every operation that was in flight when the host stopped as
     * {@link RequestState#MAYBE_SENT}: it may have reached the platform, so it counts as sent and is
     * never sent again; then forgets settled operations beyond the newest {@value #KEEP_SETTLED}
     * that neither the cap nor never-twice still needs. Call it once at start, before handing out
     * tickets. On a database several instances share, only what no live instance holds a lease for
     * is settled ({@link #recoverAbandoned}): the others' operations in flight are theirs to finish.
     *
     * @return how many operations were settled, and how many of them were friend requests
     */
    public Recovered recoverAfterCrash() {
        return db.transaction(c -> {
            Instant now = now();
            Recovered recovered;
            if (db.dialect().locksRows()) {
                int[] settled = Ledger.recoverAbandoned(c, now, ABANDONED_DETAIL);
                recovered = new Recovered(settled[0], settled[1]);
            } else {
                int adds = Ledger.countInFlightAdds(c);
                recovered = new Recovered(Ledger.recover(c, now, RECOVERED_DETAIL), adds);
            }
            Ledger.prune(c, KEEP_SETTLED, now.minus(keptFor()));
            return recovered;
        });
    }

    /**
     * Settles as {@link RequestState#MAYBE_SENT} every operation in flight whose instance holds no
     * lease any more (it was killed, or lost the database for longer than {@link Instances#LEASE}):
     * the work another instance claimed and can no longer finish. Every instance calls it now and
     * then; two at once settle each operation once.
     *
     * @return how many operations were settled, and how many of them were friend requests
     */
    public Recovered recoverAbandoned() {
        return db.transaction(c -> {
            int[] settled = Ledger.recoverAbandoned(c, now(), ABANDONED_DETAIL);
            return new Recovered(settled[0], settled[1]);
        });
    }

    /** How far back settled operations must be kept: the cap's window, or never-twice's when longer. */
    private Duration keptFor() {
        return policy.addDedupWindow().compareTo(PacingPolicy.CAP_WINDOW) > 0
                ? policy.addDedupWindow() : PacingPolicy.CAP_WINDOW;
    }

    /**
     * What {@link #recoverAfterCrash} settled.
     *
     * @param operations operations that were in flight
     * @param friendRequests how many of them were friend requests
     */
    public record Recovered(int operations, int friendRequests) {
    }

    /**
     * Runs a decision about one account in one transaction, the account's row lock taken first
     * where transactions run at once: the work reads the clock and the account's rows only once it
     * holds the lock, so that what another instance decided meanwhile (a send booked a moment
     * later, an answer that filled the cap) is what it decides on. SQLite's one lock is taken before
     * any work starts anyway.
     */
    private <T> T forAccount(String appId, Database.Work<T> work) {
        return forAccount(appId, (c, locked) -> work.run(c));
    }

    /** As {@link #forAccount(String, Database.Work)}, the work given the account's row as the lock read it. */
    private <T> T forAccount(String appId, AccountWork<T> work) {
        return db.transaction(c -> work.run(c, Ledger.lockAccount(c, db.dialect(), appId, true).orElseThrow()));
    }

    /** Work on one account's rows, given the account as locked. */
    @FunctionalInterface
    private interface AccountWork<T> {
        T run(Connection c, Account locked) throws SQLException;
    }

    /** Books the next answer's slot: {@code account} as locked, unchanged since. */
    private Instant bookAnswerSlot(Connection c, Account account, Instant now) throws SQLException {
        Instant slot = later(now, account.nextAnswerAt());
        Ledger.save(c, account.withNextAnswerAt(slot.plus(policy.answerInterval())));
        return slot;
    }

    /**
     * The account's latest handed-out adds, newest first, with what became of them.
     *
     * @param appId the account
     * @param limit the most records to return
     * @return the records
     * @throws IllegalArgumentException when the limit is negative
     */
    public List<LedgerEntry> recentSends(String appId, int limit) {
        Objects.requireNonNull(appId, "appId");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, got " + limit);
        }
        return db.transaction(c -> Ledger.recent(c, appId, limit, true));
    }

    /**
     * The account's latest operations of every kind, newest first, whatever became of them: what
     * {@code /history} shows.
     *
     * @param appId the account
     * @param limit the most entries to return
     * @return the entries
     */
    public List<LedgerEntry> history(String appId, int limit) {
        Objects.requireNonNull(appId, "appId");
        return db.transaction(c -> Ledger.recent(c, appId, limit, false));
    }

    private List<QueuedAdd> queued(Connection c, Account account, Instant now) throws SQLException {
        return queued(c, account, now, overview(c, account.appId(), Optional.empty(), now, false));
    }

    /** The queue, as the overview read it, with each add's turn. */
    private List<QueuedAdd> queued(Connection c, Account account, Instant now, Ledger.Overview overview)
            throws SQLException {
        List<AddRow> rows = overview.queue();
        if (rows.isEmpty()) {
            // nextTurns reads every send of the last 24 hours: not for nothing, on every /add
            return List.of();
        }
        List<Instant> turns = nextTurns(c, account, now, rows.size(), overview);
        List<QueuedAdd> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            AddRow row = rows.get(i);
            out.add(new QueuedAdd(row.id(), row.intent(), row.queuedAt(), turns.get(i)));
        }
        return out;
    }

    /**
     * The turns of the account's next {@code count} adds: the first exactly (nothing but a pause
     * can delay it), the others at the latest, each a full {@code addInterval + addJitter} after the
     * one before and never while the daily cap is full.
     */
    private List<Instant> nextTurns(Connection c, Account account, Instant now, int count) throws SQLException {
        Instant windowOpen = now.minus(PacingPolicy.CAP_WINDOW);
        return nextTurns(c, account, now, count, Ledger.lastStart(c, account.appId()),
                Ledger.countCountedStartsAfter(c, account.appId(), windowOpen));
    }

    /** As {@link #nextTurns(Connection, Account, Instant, int)}, with the figures the overview read. */
    private List<Instant> nextTurns(Connection c, Account account, Instant now, int count, Ledger.Overview overview)
            throws SQLException {
        return nextTurns(c, account, now, count, overview.lastStart(), overview.countedInCapWindow());
    }

    /**
     * @param lastStart the latest start of any add the account handed out
     * @param counted how many counted sends started in the cap's window
     */
    private List<Instant> nextTurns(Connection c, Account account, Instant now, int count, Optional<Instant> lastStart,
            int counted) throws SQLException {
        Instant earliest = now;
        earliest = later(earliest, account.nextAddAt());
        // the booked instant already holds this; checking the last start as well keeps a policy
        // with a longer interval in force at once after a restart
        earliest = later(earliest, lastStart.map(s -> s.plus(policy.addInterval())));
        earliest = later(earliest, account.pausedUntil());
        earliest = later(earliest, warmupEnd(account, now));
        // sends dated after now (the clock was set back) stay in the window: they are real sends
        Instant windowOpen = now.minus(PacingPolicy.CAP_WINDOW);
        // The sends in the window are read one by one only when the cap can bind; counting them tells
        // when it cannot (with fewer than the cap, every turn passes it), and a busy window is long.
        List<Instant> starts = counted + count <= policy.addDailyCap()
                ? new ArrayList<>(count)
                : new ArrayList<>(Ledger.countedStartsAfter(c, account.appId(), windowOpen));
        List<Instant> turns = new ArrayList<>(count);
        Duration longestGap = policy.addInterval().plus(policy.addJitter());
        for (int i = 0; i < count; i++) {
            Instant turn = i == 0 ? earliest : later(turns.get(i - 1).plus(longestGap), Optional.of(earliest));
            turn = capAllows(turn, starts);
            turns.add(turn);
            int at = Collections.binarySearch(starts, turn);
            starts.add(at < 0 ? -at - 1 : at, turn);
        }
        return turns;
    }

    /** The first instant from {@code turn} on at which fewer than the cap of sends lie in the window. */
    private Instant capAllows(Instant turn, List<Instant> sortedStarts) {
        Instant windowOpen = turn.minus(PacingPolicy.CAP_WINDOW);
        int firstInside = 0;
        while (firstInside < sortedStarts.size() && !sortedStarts.get(firstInside).isAfter(windowOpen)) {
            firstInside++;
        }
        int inside = sortedStarts.size() - firstInside;
        if (inside < policy.addDailyCap()) {
            return turn;
        }
        // once this many of the oldest have left the window, there is room for one more
        return sortedStarts.get(firstInside + inside - policy.addDailyCap()).plus(PacingPolicy.CAP_WINDOW);
    }

    private void bookInterval(Connection c, Account account, Instant now) throws SQLException {
        Ledger.save(c, booked(account, now));
    }

    /** The account with the interval after a send at {@code now} booked, its jitter drawn. */
    private Account booked(Account account, Instant now) {
        long jitterMillis = policy.addJitter().toMillis();
        long drawn = jitterMillis == 0 ? 0 : random.nextLong(jitterMillis + 1);
        Instant next = now.plus(policy.addInterval()).plusMillis(drawn);
        // a booking made before the clock was set back stays in force
        return account.withNextAddAt(later(next, account.nextAddAt()));
    }

    private Optional<Instant> warmupStart(Account account) {
        return policy.onlineSince().or(account::onlineSince);
    }

    /** When the warm-up ends; an account never seen online would need a whole warm-up from now. */
    private Optional<Instant> warmupEnd(Account account, Instant now) {
        if (policy.skipWarmup()) {
            return Optional.empty();
        }
        return Optional.of(warmupStart(account).orElse(now).plus(policy.warmup()));
    }

    private Instant now() {
        // the journal keeps milliseconds; cutting here makes what callers see equal what is stored
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static Instant later(Instant a, Optional<Instant> b) {
        return b.filter(other -> other.isAfter(a)).orElse(a);
    }

    private static Instant later(Instant a, Instant b) {
        return b.isAfter(a) ? b : a;
    }
}
