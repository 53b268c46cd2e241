package io.gewebot.commands.pacing;

import io.gewebot.api.Person;
import io.gewebot.common.store.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The ledger: one row per contact operation ({@code /add}, {@code /accept}, {@code /reject}) from the
 * moment it is decided (an {@code /add} once its target was looked up, or when it is refused before
 * that), with one {@link RequestState}, and the pacer's per-account row. Every method runs
 * on a connection inside the caller's transaction, so a decision and the rows that record it are
 * committed together or not at all. Instants are stored as epoch milliseconds (UTC). The tables
 * are the migrations' ({@code db/migration}); a ledger of an earlier version is carried over there.
 */
final class Ledger {

    private static final String COUNTED_STATES = RequestState.COUNTED_SQL;
    private static final String QUEUED = "'QUEUED'";
    private static final String ADD_COLUMNS =
            "id, app_id, target, greeting, requested_by, reply_to, queued_at, started_at, person_key, person_wxid,"
                    + " person_nickname, person_v3, person_v4, person_scene, looked_up_at, route";
    private static final String ANSWERS = "('ACCEPT', 'REJECT')";

    /** What the pacer remembers about one account. */
    record Account(
            String appId,
            Optional<Instant> onlineSince,
            Optional<Instant> nextAddAt,
            Optional<Instant> pausedUntil,
            int riskStrikes,
            Optional<Instant> nextAnswerAt) {

        static Account fresh(String appId) {
            return new Account(appId, Optional.empty(), Optional.empty(), Optional.empty(), 0, Optional.empty());
        }

        Account withOnlineSince(Instant value) {
            return new Account(appId, Optional.of(value), nextAddAt, pausedUntil, riskStrikes, nextAnswerAt);
        }

        Account withNextAddAt(Instant value) {
            return new Account(appId, onlineSince, Optional.of(value), pausedUntil, riskStrikes, nextAnswerAt);
        }

        Account withPause(Optional<Instant> until, int strikes) {
            return new Account(appId, onlineSince, nextAddAt, until, strikes, nextAnswerAt);
        }

        Account withNextAnswerAt(Instant value) {
            return new Account(appId, onlineSince, nextAddAt, pausedUntil, riskStrikes, Optional.of(value));
        }
    }

    /** An add row with its intent, queued or handed out. */
    record AddRow(long id, AddIntent intent, Instant queuedAt, Optional<Instant> startedAt) {
    }

    /**
     * What a decision about one account reads from the ledger and the searches, read at once: in one
     * statement, where each part was a statement of its own.
     *
     * @param toPerson the latest counted send to the intent's person in the never-twice window
     * @param toTarget the latest counted send to the intent's very text in the never-twice window
     * @param lastStart the latest start of any add the account handed out ({@link #lastStart})
     * @param countedInCapWindow the counted sends that started in the cap's window ({@link #countCountedStartsAfter})
     * @param lastSearch the account's latest search ({@link #lastSearch}); empty when not read
     * @param searchesInCapWindow its searches in the cap's window; 0 when not read
     * @param forgettableSearches its searches from before the cap's window; 0 when not read
     * @param queue the account's queued adds, oldest first ({@link #queue})
     */
    record Overview(Optional<Instant> toPerson, Optional<Instant> toTarget, Optional<Instant> lastStart,
            int countedInCapWindow, Optional<Instant> lastSearch, int searchesInCapWindow, int forgettableSearches,
            List<AddRow> queue) {

        /** @return the latest counted send to the person, or else to the very text */
        Optional<Instant> lastSentTo() {
            return toPerson.or(() -> toTarget);
        }
    }

    private Ledger() {
    }

    /** What the pacer remembers about the account, as committed (a fresh account when nothing is). */
    static Account account(Connection c, String appId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT online_since, next_add_at, paused_until, risk_strikes, next_answer_at"
                        + " FROM pacing_accounts WHERE app_id = ?")) {
            s.setString(1, appId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Account.fresh(appId);
                }
                return new Account(appId, instant(r, 1), instant(r, 2), instant(r, 3), r.getInt(4), instant(r, 5));
            }
        }
    }

    /** Writes an account's row: six parameters, as {@link #bindAccount} sets them. */
    private static final String SAVE_ACCOUNT =
            "INSERT INTO pacing_accounts (app_id, online_since, next_add_at, paused_until, risk_strikes,"
                    + " next_answer_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (app_id) DO UPDATE SET"
                    + " online_since = excluded.online_since, next_add_at = excluded.next_add_at,"
                    + " paused_until = excluded.paused_until, risk_strikes = excluded.risk_strikes,"
                    + " next_answer_at = excluded.next_answer_at";

    static void save(Connection c, Account a) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SAVE_ACCOUNT)) {
            bindAccount(s, 0, a);
            s.executeUpdate();
        }
    }

    private static void bindAccount(PreparedStatement s, int skip, Account a) throws SQLException {
        s.setString(skip + 1, a.appId());
        setInstant(s, skip + 2, a.onlineSince());
        setInstant(s, skip + 3, a.nextAddAt());
        setInstant(s, skip + 4, a.pausedUntil());
        s.setInt(skip + 5, a.riskStrikes());
        setInstant(s, skip + 6, a.nextAnswerAt());
    }

    /** Start instants of the account's counted sends after {@code after}, oldest first (future ones included). */
    static List<Instant> countedStartsAfter(Connection c, String appId, Instant after) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT started_at FROM ledger WHERE app_id = ? AND operation = 'ADD' AND state IN " + COUNTED_STATES
                        + " AND started_at > ? ORDER BY started_at")) {
            s.setString(1, appId);
            s.setLong(2, after.toEpochMilli());
            List<Instant> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(Instant.ofEpochMilli(r.getLong(1)));
                }
            }
            return out;
        }
    }

    /** How many counted sends of the account started after {@code after} (future ones included). */
    static int countCountedStartsAfter(Connection c, String appId, Instant after) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT COUNT(*) FROM ledger WHERE app_id = ? AND operation = 'ADD' AND state IN " + COUNTED_STATES
                        + " AND started_at > ?")) {
            s.setString(1, appId);
            s.setLong(2, after.toEpochMilli());
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getInt(1) : 0;
            }
        }
    }

    /** The latest start of any add the account handed out, whatever became of it. */
    static Optional<Instant> lastStart(Connection c, String appId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT MAX(started_at) FROM ledger WHERE app_id = ? AND operation = 'ADD' AND started_at IS NOT NULL")) {
            s.setString(1, appId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? instant(r, 1) : Optional.empty();
            }
        }
    }

    /** The latest counted send to the person that started after {@code after}. */
    static Optional<Instant> lastCountedStartToPerson(Connection c, Dialect dialect, String appId, String personKey,
            Instant after) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT MAX(started_at) FROM ledger" + dialect.indexedBy("ledger_by_person")
                        + " WHERE app_id = ? AND person_key = ? AND operation = 'ADD' AND state IN " + COUNTED_STATES
                        + " AND started_at > ?")) {
            s.setString(1, appId);
            s.setString(2, personKey);
            s.setLong(3, after.toEpochMilli());
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? instant(r, 1) : Optional.empty();
            }
        }
    }

    /** Start instants of the account's counted answers (accepts and rejects) after {@code after}, oldest first. */
    static List<Instant> countedAnswerStartsAfter(Connection c, String appId, Instant after) throws SQLException {
        return countedAnswerStartsAfter(c, appId, after, "");
    }

    /** Start instants of the account's counted answers given by friend-request rules after {@code after}, oldest first. */
    static List<Instant> countedRuleAnswerStartsAfter(Connection c, String appId, Instant after) throws SQLException {
        return countedAnswerStartsAfter(c, appId, after, AnswerIntent.RULE_PREFIX);
    }

    /** As {@link #countedAnswerStartsAfter(Connection, String, Instant)}, of those whose requester starts with the prefix. */
    private static List<Instant> countedAnswerStartsAfter(Connection c, String appId, Instant after, String requestedBy)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT started_at FROM ledger WHERE app_id = ? AND operation IN " + ANSWERS + " AND state IN "
                        + COUNTED_STATES + " AND started_at > ? AND substr(requested_by, 1, ?) = ? ORDER BY started_at")) {
            s.setString(1, appId);
            s.setLong(2, after.toEpochMilli());
            s.setInt(3, requestedBy.length());
            s.setString(4, requestedBy);
            return instants(s);
        }
    }

    /** The account's searches after {@code after}, oldest first (future ones included). */
    static List<Instant> searchesAfter(Connection c, String appId, Instant after) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT searched_at FROM searches WHERE app_id = ? AND searched_at > ? ORDER BY searched_at")) {
            s.setString(1, appId);
            s.setLong(2, after.toEpochMilli());
            return instants(s);
        }
    }

    /** The account's latest search, whenever it was. */
    static Optional<Instant> lastSearch(Connection c, String appId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT MAX(searched_at) FROM searches WHERE app_id = ?")) {
            s.setString(1, appId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? instant(r, 1) : Optional.empty();
            }
        }
    }

    /**
     * How many searches from before the cap's window an account may keep before they are forgotten, in
     * one go: forgetting each as soon as it may be would cost a statement per search.
     */
    static final int FORGET_SEARCHES_IN_BATCHES_OF = 64;

    /**
     * Books a search at {@code at}, and forgets searches that neither the cap nor the interval still needs
     * once there are {@value #FORGET_SEARCHES_IN_BATCHES_OF} of them.
     *
     * @param forgettable how many searches from before {@code forgetBefore} the account keeps
     */
    static void insertSearch(Connection c, String appId, Instant at, Instant forgetBefore, int forgettable)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO searches (app_id, searched_at) VALUES (?, ?)")) {
            s.setString(1, appId);
            s.setLong(2, at.toEpochMilli());
            s.executeUpdate();
        }
        if (forgettable < FORGET_SEARCHES_IN_BATCHES_OF) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(
                "DELETE FROM searches WHERE app_id = ? AND searched_at < ? AND id < (SELECT MAX(id) FROM searches)")) {
            s.setString(1, appId);
            s.setLong(2, forgetBefore.toEpochMilli());
            s.executeUpdate();
        }
    }

    /**
     * Reads an {@link Overview} of the account in one statement: the queue, one row per queued add (one
     * row of nulls when none is queued), each with the same figures beside it.
     *
     * @param intent the add whose never-twice sends are read; empty: none are
     * @param dedupOpen the never-twice window's start
     * @param capOpen the cap's window's start
     * @param searches whether the searches are read
     */
    static Overview overview(Connection c, Dialect dialect, String appId, Optional<AddIntent> intent, Instant dedupOpen,
            Instant capOpen, boolean searches) throws SQLException {
        String sentTo = " WHERE app_id = ? AND %s = ? AND operation = 'ADD' AND state IN " + COUNTED_STATES
                + " AND started_at > ?)";
        String sql = "SELECT "
                + (intent.isPresent()
                        ? "(SELECT MAX(started_at) FROM ledger" + dialect.indexedBy("ledger_by_person")
                                + sentTo.formatted("person_key") + ", (SELECT MAX(started_at) FROM ledger"
                                + dialect.indexedBy("ledger_by_target") + sentTo.formatted("target_key")
                        : "NULL, NULL")
                + ", (SELECT MAX(started_at) FROM ledger WHERE app_id = ? AND operation = 'ADD' AND started_at IS NOT NULL)"
                + ", (SELECT COUNT(*) FROM ledger WHERE app_id = ? AND operation = 'ADD' AND state IN " + COUNTED_STATES
                + " AND started_at > ?)"
                + (searches
                        ? ", (SELECT MAX(searched_at) FROM searches WHERE app_id = ?)"
                                + ", (SELECT COUNT(*) FROM searches WHERE app_id = ? AND searched_at > ?)"
                                + ", (SELECT COUNT(*) FROM searches WHERE app_id = ? AND searched_at < ?)"
                        : ", NULL, 0, 0")
                + ", q.* FROM (SELECT 1 AS one) one LEFT JOIN (SELECT " + ADD_COLUMNS + " FROM ledger WHERE state = "
                + QUEUED + " AND app_id = ?) q ON 1 = 1 ORDER BY q.id";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            if (intent.isPresent()) {
                s.setString(i++, appId);
                s.setString(i++, intent.get().personKey());
                s.setLong(i++, dedupOpen.toEpochMilli());
                s.setString(i++, appId);
                s.setString(i++, intent.get().targetKey());
                s.setLong(i++, dedupOpen.toEpochMilli());
            }
            s.setString(i++, appId);
            s.setString(i++, appId);
            s.setLong(i++, capOpen.toEpochMilli());
            if (searches) {
                s.setString(i++, appId);
                s.setString(i++, appId);
                s.setLong(i++, capOpen.toEpochMilli());
                s.setString(i++, appId);
                s.setLong(i++, capOpen.toEpochMilli());
            }
            s.setString(i, appId);
            List<AddRow> queue = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                // the left join gives at least one row
                r.next();
                Overview figures = new Overview(instant(r, 1), instant(r, 2), instant(r, 3), r.getInt(4), instant(r, 5),
                        r.getInt(6), r.getInt(7), List.of());
                do {
                    r.getLong(FIGURES + 1);
                    if (!r.wasNull()) {
                        queue.add(addRow(r, FIGURES));
                    }
                } while (r.next());
                return new Overview(figures.toPerson(), figures.toTarget(), figures.lastStart(),
                        figures.countedInCapWindow(), figures.lastSearch(), figures.searchesInCapWindow(),
                        figures.forgettableSearches(), List.copyOf(queue));
            }
        }
    }

    /** The figures before the queued add's columns in an {@link #overview}'s rows. */
    private static final int FIGURES = 7;

    static List<AddRow> queue(Connection c, String appId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT " + ADD_COLUMNS + " FROM ledger WHERE state = " + QUEUED + " AND app_id = ? ORDER BY id")) {
            s.setString(1, appId);
            return addRows(s);
        }
    }

    /** The account's oldest queued add. */
    static Optional<AddRow> queueHead(Connection c, String appId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT " + ADD_COLUMNS + " FROM ledger WHERE state = " + QUEUED + " AND app_id = ? ORDER BY id LIMIT 1")) {
            s.setString(1, appId);
            return addRows(s).stream().findFirst();
        }
    }

    /** Whether the account has an add queued. */
    static boolean hasQueue(Connection c, String appId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT 1 FROM ledger WHERE state = " + QUEUED + " AND app_id = ? LIMIT 1")) {
            s.setString(1, appId);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    /** The accounts with queued adds, the one whose oldest was queued first first. */
    static List<String> accountsWithQueue(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT app_id FROM ledger WHERE state = " + QUEUED + " GROUP BY app_id ORDER BY MIN(id)")) {
            List<String> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
            return out;
        }
    }

    static Optional<AddRow> find(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + ADD_COLUMNS + " FROM ledger WHERE id = ?")) {
            s.setLong(1, id);
            return addRows(s).stream().findFirst();
        }
    }

    static Optional<String> state(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT state FROM ledger WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        }
    }

    /** Inserts an add, queued ({@code startedAt} empty) or in flight, claimed by the instance sending it. */
    static long insert(Connection c, AddIntent intent, Instant queuedAt, Optional<Instant> startedAt, String instance)
            throws SQLException {
        return insert(c, intent.appId(), LedgerEntry.Operation.ADD, intent.target(), intent.targetKey(),
                intent.greeting(), intent.requestedBy(), intent.replyTo(),
                startedAt.isPresent() ? RequestState.IN_FLIGHT : RequestState.QUEUED, queuedAt, startedAt, Optional.empty(),
                "", intent.personKey(), intent.identity(), startedAt.map(at -> instance), intent.route());
    }

    /**
     * Inserts an add in flight, claimed by the instance sending it, and saves the account as its send booked
     * it: in one statement on PostgreSQL, in two on SQLite (which knows no writes in {@code WITH}).
     */
    static long insertSending(Connection c, Dialect dialect, AddIntent intent, Instant now, String instance,
            Account booked) throws SQLException {
        if (!dialect.locksRows()) {
            long id = insert(c, intent, now, Optional.of(now), instance);
            save(c, booked);
            return id;
        }
        return insert(c, intent.appId(), LedgerEntry.Operation.ADD, intent.target(), intent.targetKey(),
                intent.greeting(), intent.requestedBy(), intent.replyTo(), RequestState.IN_FLIGHT, now, Optional.of(now),
                Optional.empty(), "", intent.personKey(), intent.identity(), Optional.of(instance), intent.route(),
                Optional.of(booked));
    }

    /** Inserts an add that was refused before anything was sent. */
    static long insertRefused(Connection c, AddIntent intent, Instant now, String detail) throws SQLException {
        return insertUnsent(c, intent, RequestState.REFUSED, now, detail);
    }

    /** Inserts an add that ended before anything was sent: refused, or failed (its search failed). */
    static long insertUnsent(Connection c, AddIntent intent, RequestState state, Instant now, String detail)
            throws SQLException {
        return insert(c, intent.appId(), LedgerEntry.Operation.ADD, intent.target(), intent.targetKey(),
                intent.greeting(), intent.requestedBy(), intent.replyTo(), state, now, Optional.empty(),
                Optional.of(now), detail, intent.personKey(), intent.identity(), Optional.empty(), intent.route());
    }

    /** Inserts an answer (accept or reject) in flight, claimed by the instance giving it. */
    static long insertAnswer(Connection c, AnswerIntent intent, Instant now, String instance) throws SQLException {
        return insert(c, intent.appId(), intent.operation(), intent.wxid(), AddIntent.keyOf(intent.wxid()),
                Optional.empty(), intent.requestedBy(), intent.replyTo(), RequestState.IN_FLIGHT, now, Optional.of(now),
                Optional.empty(), "", AddIntent.keyOf(intent.wxid()), Optional.empty(), Optional.of(instance),
                Optional.empty());
    }

    private static long insert(Connection c, String appId, LedgerEntry.Operation operation, String target,
            String targetKey, Optional<String> greeting, String requestedBy, String replyTo, RequestState state,
            Instant queuedAt, Optional<Instant> startedAt, Optional<Instant> completedAt, String detail,
            String personKey, Optional<Identity> identity, Optional<String> claimedBy, Optional<String> route)
            throws SQLException {
        return insert(c, appId, operation, target, targetKey, greeting, requestedBy, replyTo, state, queuedAt, startedAt,
                completedAt, detail, personKey, identity, claimedBy, route, Optional.empty());
    }

    /** As the insert above; with {@code saving}, the account's row is saved in the same statement (PostgreSQL only). */
    private static long insert(Connection c, String appId, LedgerEntry.Operation operation, String target,
            String targetKey, Optional<String> greeting, String requestedBy, String replyTo, RequestState state,
            Instant queuedAt, Optional<Instant> startedAt, Optional<Instant> completedAt, String detail,
            String personKey, Optional<Identity> identity, Optional<String> claimedBy, Optional<String> route,
            Optional<Account> saving) throws SQLException {
        String insert = "INSERT INTO ledger (app_id, operation, target, target_key, greeting, requested_by, reply_to,"
                + " state, queued_at, started_at, completed_at, detail, person_key, person_wxid, person_nickname,"
                + " person_v3, person_v4, person_scene, looked_up_at, claimed_by, route)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement s = saving.isPresent()
                ? c.prepareStatement("WITH booked AS (" + SAVE_ACCOUNT + ") " + insert + " RETURNING id")
                : c.prepareStatement(insert, Statement.RETURN_GENERATED_KEYS)) {
            int o = 0;
            if (saving.isPresent()) {
                bindAccount(s, 0, saving.get());
                o = 6;
            }
            s.setString(o + 1, appId);
            s.setString(o + 2, operation.name());
            s.setString(o + 3, target);
            s.setString(o + 4, targetKey);
            s.setString(o + 5, greeting.orElse(null));
            s.setString(o + 6, requestedBy);
            s.setString(o + 7, replyTo);
            s.setString(o + 8, state.name());
            s.setLong(o + 9, queuedAt.toEpochMilli());
            setInstant(s, o + 10, startedAt);
            setInstant(s, o + 11, completedAt);
            s.setString(o + 12, detail);
            s.setString(o + 13, personKey);
            Optional<Person> person = identity.map(Identity::person);
            s.setString(o + 14, person.flatMap(Person::wxid).orElse(null));
            s.setString(o + 15, person.map(Person::nickname).orElse(null));
            s.setString(o + 16, person.map(Person::v3).orElse(null));
            s.setString(o + 17, person.map(Person::v4).orElse(null));
            if (person.isPresent() && person.get().scene().isPresent()) {
                s.setInt(o + 18, person.get().scene().getAsInt());
            } else {
                s.setNull(o + 18, Types.INTEGER);
            }
            setInstant(s, o + 19, identity.map(Identity::lookedUpAt));
            s.setString(o + 20, claimedBy.orElse(null));
            s.setString(o + 21, route.orElse(null));
            if (saving.isPresent()) {
                try (ResultSet keys = s.executeQuery()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** Moves a queued add in flight, claimed by the instance sending it; {@code false} when it was no longer queued. */
    static boolean start(Connection c, long id, Instant now, String instance) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE ledger SET state = 'IN_FLIGHT', started_at = ?, claimed_by = ? WHERE id = ? AND state = " + QUEUED)) {
            s.setLong(1, now.toEpochMilli());
            s.setString(2, instance);
            s.setLong(3, id);
            return s.executeUpdate() == 1;
        }
    }

    /** Records the result of an operation in flight; {@code false} when it was not in flight. */
    static boolean finish(Connection c, long id, RequestState state, Instant now, String detail) throws SQLException {
        return settleFrom(c, "'IN_FLIGHT'", id, state, now, detail);
    }

    /**
     * Records the result of the account's add in flight, in one statement that also reads the account's run
     * of risk-control reports.
     *
     * @return the account's risk-control reports in a row (0 when it has no row); empty when the add was not
     *     the account's, or not in flight
     */
    static OptionalInt finishAdd(Connection c, long id, String appId, RequestState state, Instant now, String detail)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE ledger SET state = ?, completed_at = ?, detail = ? WHERE id = ? AND app_id = ?"
                        + " AND state = 'IN_FLIGHT' RETURNING (SELECT risk_strikes FROM pacing_accounts"
                        + " WHERE pacing_accounts.app_id = ledger.app_id)")) {
            s.setString(1, state.name());
            s.setLong(2, now.toEpochMilli());
            s.setString(3, detail);
            s.setLong(4, id);
            s.setString(5, appId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? OptionalInt.of(r.getInt(1)) : OptionalInt.empty();
            }
        }
    }

    /**
     * As {@link #finishAdd} followed, for a {@link RequestState#DONE} result, by {@link #endStrikes}, in one
     * statement (PostgreSQL): the row lock on the account is taken, as there, only when it has strikes to end.
     *
     * @return whether the row was in flight for the account, and is now settled
     */
    static boolean finishAddAtOnce(Connection c, long id, String appId, RequestState state, Instant now,
            String detail) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("WITH settled AS (UPDATE ledger SET state = ?, completed_at = ?,"
                + " detail = ? WHERE id = ? AND app_id = ? AND state = 'IN_FLIGHT' RETURNING app_id),"
                // a modifying WITH runs whole whether or not the query reads it
                + " ended AS (UPDATE pacing_accounts SET risk_strikes = 0 WHERE ? AND risk_strikes > 0"
                + " AND app_id IN (SELECT app_id FROM settled))"
                + " SELECT COUNT(*) FROM settled")) {
            s.setString(1, state.name());
            s.setLong(2, now.toEpochMilli());
            s.setString(3, detail);
            s.setLong(4, id);
            s.setString(5, appId);
            s.setBoolean(6, state == RequestState.DONE);
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getInt(1) == 1;
            }
        }
    }

    /** Ends the account's run of risk-control reports (its pause stays). */
    static void endStrikes(Connection c, String appId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE pacing_accounts SET risk_strikes = 0 WHERE app_id = ? AND risk_strikes > 0")) {
            s.setString(1, appId);
            s.executeUpdate();
        }
    }

    /** Ends an operation that is in the state {@code from} (an SQL literal); {@code false} when it was not. */
    private static boolean settleFrom(Connection c, String from, long id, RequestState state, Instant now, String detail)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE ledger SET state = ?, completed_at = ?, detail = ? WHERE id = ? AND state = " + from)) {
            s.setString(1, state.name());
            s.setLong(2, now.toEpochMilli());
            s.setString(3, detail);
            s.setLong(4, id);
            return s.executeUpdate() == 1;
        }
    }

    /** Turns every operation in flight into a maybe-sent one. */
    static int recover(Connection c, Instant now, String detail) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE ledger SET state = 'MAYBE_SENT', completed_at = ?, detail = ? WHERE state = 'IN_FLIGHT'")) {
            s.setLong(1, now.toEpochMilli());
            s.setString(2, detail);
            return s.executeUpdate();
        }
    }

    /**
     * Settles as maybe sent every operation in flight whose claimer holds no lease at {@code now}
     * (it stopped, was killed or lost its database for longer than a lease; an operation of a version
     * before claims has none): another instance takes such work over, and what may have reached the
     * platform is never sent again.
     *
     * @return how many operations were settled, and how many of them were friend requests
     */
    static int[] recoverAbandoned(Connection c, Instant now, String detail) throws SQLException {
        List<long[]> abandoned = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT id, CASE operation WHEN 'ADD' THEN 1 ELSE 0 END FROM ledger WHERE state = 'IN_FLIGHT'"
                        + " AND (claimed_by IS NULL OR NOT EXISTS (SELECT 1 FROM instances"
                        + " WHERE instances.id = ledger.claimed_by AND instances.lease_until > ?)) ORDER BY id")) {
            s.setLong(1, now.toEpochMilli());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    abandoned.add(new long[] {r.getLong(1), r.getInt(2)});
                }
            }
        }
        int operations = 0;
        int adds = 0;
        // one by one, each only while still in flight: two instances sweeping at once settle each row once
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE ledger SET state = 'MAYBE_SENT', completed_at = ?, detail = ? WHERE id = ? AND state = 'IN_FLIGHT'")) {
            for (long[] row : abandoned) {
                s.setLong(1, now.toEpochMilli());
                s.setString(2, detail);
                s.setLong(3, row[0]);
                if (s.executeUpdate() == 1) {
                    operations++;
                    adds += (int) row[1];
                }
            }
        }
        return new int[] {operations, adds};
    }

    /**
     * Takes the account's row lock until the transaction ends, where transactions run at once
     * (PostgreSQL): every decision about an account takes it first, so two of them (two admins'
     * {@code /add} at the same moment, two instances taking the queue) take turns instead of both seeing
     * the slot free. The row is read with the lock, in one statement; it is made first for an account
     * seen the first time (a lock on no row would serialise nothing). SQLite runs one transaction at a
     * time: there the lock is always held, and the row is only read.
     *
     * @param wait whether to wait for another transaction's lock; without, an account another holds is
     *     left alone
     * @return the account as locked; empty when it was not waited for and another holds it
     */
    static Optional<Account> lockAccount(Connection c, Dialect dialect, String appId, boolean wait)
            throws SQLException {
        if (!dialect.locksRows()) {
            return Optional.of(account(c, appId));
        }
        Optional<Account> locked = lockedRow(c, appId, wait);
        if (locked.isPresent()) {
            return locked;
        }
        // The account's first decision, or another holds the lock (SKIP LOCKED): the row is made when missing.
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO pacing_accounts (app_id) VALUES (?) ON CONFLICT DO NOTHING")) {
            s.setString(1, appId);
            s.executeUpdate();
        }
        return lockedRow(c, appId, wait);
    }

    private static Optional<Account> lockedRow(Connection c, String appId, boolean wait) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT online_since, next_add_at, paused_until, risk_strikes,"
                + " next_answer_at FROM pacing_accounts WHERE app_id = ? FOR UPDATE" + (wait ? "" : " SKIP LOCKED"))) {
            s.setString(1, appId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new Account(appId, instant(r, 1), instant(r, 2), instant(r, 3),
                        r.getInt(4), instant(r, 5))) : Optional.empty();
            }
        }
    }

    /** How many operations in flight are friend requests (for the recovery report). */
    static int countInFlightAdds(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT COUNT(*) FROM ledger WHERE state = 'IN_FLIGHT' AND operation = 'ADD'");
                ResultSet r = s.executeQuery()) {
            return r.next() ? r.getInt(1) : 0;
        }
    }

    /**
     * Who the account sent a counted friend request since {@code after}, by every key it knows them by: the
     * person's key, the target as typed, the wxid when known. One read for a whole group or list.
     */
    static Set<String> countedKeysSince(Connection c, String appId, Instant after) throws SQLException {
        Set<String> keys = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT person_key, target_key, person_wxid FROM ledger WHERE app_id = ? AND operation = 'ADD'"
                        + " AND state IN " + COUNTED_STATES + " AND started_at > ?")) {
            s.setString(1, appId);
            s.setLong(2, after.toEpochMilli());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    for (int i = 1; i <= 3; i++) {
                        String key = r.getString(i);
                        if (key != null) {
                            keys.add(AddIntent.keyOf(key));
                        }
                    }
                }
            }
        }
        return keys;
    }

    /** Ends a queued add that will not be sent (refused or failed before it went out); {@code false} when it was not queued. */
    static boolean settleQueued(Connection c, long id, RequestState state, Instant now, String detail) throws SQLException {
        return settleFrom(c, QUEUED, id, state, now, detail);
    }

    /** Gives a queued add the person its lookup found; {@code false} when it was not queued. */
    static boolean identify(Connection c, long id, Identity identity) throws SQLException {
        Person person = identity.person();
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE ledger SET person_key = ?, person_wxid = COALESCE(?, person_wxid), person_nickname = ?,"
                        + " person_v3 = ?, person_v4 = ?, person_scene = ?, looked_up_at = ? WHERE id = ? AND state = "
                        + QUEUED)) {
            s.setString(1, person.key());
            s.setString(2, person.wxid().orElse(null));
            s.setString(3, person.nickname());
            s.setString(4, person.v3());
            s.setString(5, person.v4());
            if (person.scene().isPresent()) {
                s.setInt(6, person.scene().getAsInt());
            } else {
                s.setNull(6, Types.INTEGER);
            }
            s.setLong(7, identity.lookedUpAt().toEpochMilli());
            s.setLong(8, id);
            return s.executeUpdate() == 1;
        }
    }

    /** Marks the account's queued adds of a route cancelled; how many there were. */
    static int cancelRoute(Connection c, String appId, String route, Instant now, String detail) throws SQLException {
        return cancelQueuedWhere(c, "route", appId, route, now, detail);
    }

    /** Marks the account's queued adds to the target cancelled; {@code false} when none was queued. */
    static boolean cancelQueued(Connection c, String appId, String targetKey, Instant now, String detail)
            throws SQLException {
        return cancelQueuedWhere(c, "target_key", appId, targetKey, now, detail) > 0;
    }

    /** Marks the account's queued adds whose {@code column} (a constant of this class's callers) holds a value cancelled. */
    private static int cancelQueuedWhere(Connection c, String column, String appId, String value, Instant now,
            String detail) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE ledger SET state = 'CANCELLED', completed_at = ?, detail = ?"
                + " WHERE app_id = ? AND " + column + " = ? AND state = " + QUEUED)) {
            s.setLong(1, now.toEpochMilli());
            s.setString(2, detail);
            s.setString(3, appId);
            s.setString(4, value);
            return s.executeUpdate();
        }
    }

    /** Marks the account's queued adds to the person cancelled; the targets they were queued as, none when none was. */
    static List<String> cancelQueuedPerson(Connection c, String appId, String personKey, Instant now, String detail)
            throws SQLException {
        List<String> targets = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT target FROM ledger WHERE app_id = ? AND person_key = ? AND state = " + QUEUED + " ORDER BY id")) {
            s.setString(1, appId);
            s.setString(2, personKey);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    targets.add(r.getString(1));
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE ledger SET state = 'CANCELLED', completed_at = ?, detail = ?"
                        + " WHERE app_id = ? AND person_key = ? AND state = " + QUEUED)) {
            s.setLong(1, now.toEpochMilli());
            s.setString(2, detail);
            s.setString(3, appId);
            s.setString(4, personKey);
            s.executeUpdate();
        }
        return targets;
    }

    /** The account's latest operations, newest first; {@code startedOnly} keeps the adds handed out. */
    static List<LedgerEntry> recent(Connection c, String appId, int limit, boolean startedOnly) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT id, operation, target, requested_by, state, queued_at, started_at, completed_at, detail"
                        + " FROM ledger WHERE app_id = ?"
                        + (startedOnly ? " AND operation = 'ADD' AND started_at IS NOT NULL"
                                + " ORDER BY started_at DESC, id DESC"
                                // a group's or a list's requests that wait or were cancelled together: /queue counts them
                                : " AND NOT (route IS NOT NULL AND state IN ('QUEUED', 'CANCELLED')) ORDER BY id DESC")
                        + " LIMIT ?")) {
            s.setString(1, appId);
            s.setInt(2, limit);
            List<LedgerEntry> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new LedgerEntry(r.getLong(1), appId, LedgerEntry.Operation.valueOf(r.getString(2)),
                            r.getString(3), r.getString(4), RequestState.valueOf(r.getString(5)),
                            Instant.ofEpochMilli(r.getLong(6)), instant(r, 7), instant(r, 8), r.getString(9)));
                }
            }
            return out;
        }
    }

    /** Forgets the oldest settled operations beyond the newest {@code keep}, never a counted one in the window. */
    static void prune(Connection c, int keep, Instant countedSince) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "DELETE FROM ledger WHERE id <= (SELECT MAX(id) FROM ledger) - ?"
                        + " AND state NOT IN ('QUEUED', 'IN_FLIGHT')"
                        + " AND NOT (state IN " + COUNTED_STATES + " AND started_at > ?)")) {
            s.setInt(1, keep);
            s.setLong(2, countedSince.toEpochMilli());
            s.executeUpdate();
        }
    }

    private static List<AddRow> addRows(PreparedStatement s) throws SQLException {
        List<AddRow> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(addRow(r, 0));
            }
        }
        return out;
    }

    /** The add whose {@link #ADD_COLUMNS} follow the first {@code skip} columns of the row. */
    private static AddRow addRow(ResultSet r, int skip) throws SQLException {
        Optional<Instant> lookedUpAt = instant(r, skip + 15);
        Optional<Identity> identity = Optional.empty();
        if (lookedUpAt.isPresent()) {
            int scene = r.getInt(skip + 14);
            OptionalInt sceneOf = r.wasNull() ? OptionalInt.empty() : OptionalInt.of(scene);
            // only someone to add is ever queued or sent: never a friend
            identity = Optional.of(new Identity(new Person(r.getString(skip + 9),
                    Optional.ofNullable(r.getString(skip + 10)), text(r, skip + 11), false, text(r, skip + 12),
                    text(r, skip + 13), sceneOf), lookedUpAt.get()));
        }
        AddIntent intent = new AddIntent(
                r.getString(skip + 2), r.getString(skip + 3), Optional.ofNullable(r.getString(skip + 4)),
                r.getString(skip + 5), r.getString(skip + 6), identity, Optional.ofNullable(r.getString(skip + 16)));
        return new AddRow(r.getLong(skip + 1), intent, Instant.ofEpochMilli(r.getLong(skip + 7)), instant(r, skip + 8));
    }

    private static String text(ResultSet r, int column) throws SQLException {
        String value = r.getString(column);
        return value == null ? "" : value;
    }

    private static List<Instant> instants(PreparedStatement s) throws SQLException {
        List<Instant> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(Instant.ofEpochMilli(r.getLong(1)));
            }
        }
        return out;
    }

    private static Optional<Instant> instant(ResultSet r, int column) throws SQLException {
        long millis = r.getLong(column);
        return r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }

    private static void setInstant(PreparedStatement s, int index, Optional<Instant> value) throws SQLException {
        if (value.isPresent()) {
            s.setLong(index, value.get().toEpochMilli());
        } else {
            s.setNull(index, Types.BIGINT);
        }
    }
}
