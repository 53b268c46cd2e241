package io.gewebot.commands.store;

import io.gewebot.common.store.Database;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gewebot.api.Contact;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The account's friends as the host last read them from the platform, kept across restarts, and the
 * pause of relation checks. The platform's list of friends is slow to read, so {@code /contacts} is
 * answered from here; the host fills it once per account, and keeps it current from GeWe's contact
 * callbacks and its own successful changes.
 *
 * <p>Relation checks pause when the platform says they were made too often: the first pause lasts a
 * base time, each further report in a row doubles it (up to a limit), and an answer without such a
 * report ends the run. The pause is kept here so that a restart does not shorten it.
 */
public final class AddressBook {

    /**
     * Friends that match a search.
     *
     * @param total how many match
     * @param first the first of them, by the name the account shows (remark, else nickname, else wxid)
     */
    public record Matches(int total, List<Contact> first) {
        /** Copies the list. */
        public Matches {
            first = List.copyOf(first);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> LABELS = new TypeReference<>() {
    };

    /** The name the account shows for a friend, then the wxid: the order of {@code /contacts}. */
    static final Comparator<Contact> BY_NAME = Comparator
            .comparing((Contact c) -> shownName(c).toLowerCase(Locale.ROOT))
            .thenComparing(Contact::wxid);

    private final Database db;
    private final Clock clock;

    /**
     * @param db the host database
     * @param clock when rows were updated, and when pauses end
     */
    public AddressBook(Database db, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The name the account shows for a friend.
     *
     * @param contact a friend
     * @return their remark, else their nickname, else their wxid
     */
    public static String shownName(Contact contact) {
        return !contact.remark().isBlank() ? contact.remark()
                : !contact.nickname().isBlank() ? contact.nickname() : contact.wxid();
    }

    /**
     * @param appId the account
     * @return whether its friends were ever read whole
     */
    public boolean filled(String appId) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM contacts_filled WHERE app_id = ?")) {
                s.setString(1, appId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next();
                }
            }
        });
    }

    /**
     * Replaces an account's friends with the platform's whole list, and marks the account as filled.
     *
     * @param appId the account
     * @param friends every friend
     */
    public void replaceAll(String appId, List<Contact> friends) {
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM contacts WHERE app_id = ?")) {
                s.setString(1, appId);
                s.executeUpdate();
            }
            for (Contact friend : friends) {
                upsert(c, appId, friend);
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO contacts_filled (app_id, filled_at) VALUES (?, ?)"
                            + " ON CONFLICT (app_id) DO UPDATE SET filled_at = excluded.filled_at")) {
                s.setString(1, appId);
                s.setLong(2, clock.millis());
                s.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Keeps a friend's profile as the platform now tells it.
     *
     * @param appId the account
     * @param friend the friend
     */
    public void put(String appId, Contact friend) {
        db.transaction(c -> {
            upsert(c, appId, friend);
            return null;
        });
    }

    /**
     * @param appId the account
     * @param wxid a friend
     * @return their profile, when kept
     */
    public Optional<Contact> find(String appId, String wxid) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT * FROM contacts WHERE app_id = ? AND wxid = ?")) {
                s.setString(1, appId);
                s.setString(2, wxid);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(read(r)) : Optional.<Contact>empty();
                }
            }
        });
    }

    /**
     * @param appId the account
     * @return the wxids of every friend kept, one read
     */
    public Set<String> friendWxids(String appId) {
        return db.transaction(c -> {
            Set<String> out = new HashSet<>();
            try (PreparedStatement s = c.prepareStatement("SELECT wxid FROM contacts WHERE app_id = ?")) {
                s.setString(1, appId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(r.getString(1));
                    }
                }
            }
            return out;
        });
    }

    /**
     * The friend a target names, as {@code /add} takes it: by wxid, or by WeChat ID (alias) in any
     * letter case.
     *
     * @param appId the account
     * @param target a wxid or a WeChat ID, as typed
     * @return the friend, when kept
     */
    public Optional<Contact> friendNamed(String appId, String target) {
        String wanted = target.strip();
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        // one read: the friend with that wxid first, else the first with that WeChat ID (on PostgreSQL, outside
        // a transaction, which would cost a round trip more)
        return db.atOnce(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT * FROM contacts WHERE app_id = ? AND (wxid = ?"
                    + " OR (alias <> '' AND LOWER(alias) = LOWER(?))) ORDER BY CASE WHEN wxid = ? THEN 0 ELSE 1 END,"
                    + " wxid LIMIT 1")) {
                s.setString(1, appId);
                s.setString(2, wanted);
                s.setString(3, wanted);
                s.setString(4, wanted);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(read(r)) : Optional.<Contact>empty();
                }
            }
        });
    }

    /**
     * Forgets a friend (deleted, or they left).
     *
     * @param appId the account
     * @param wxid the friend
     * @return whether they were kept
     */
    public boolean remove(String appId, String wxid) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM contacts WHERE app_id = ? AND wxid = ?")) {
                s.setString(1, appId);
                s.setString(2, wxid);
                return s.executeUpdate() > 0;
            }
        });
    }

    /**
     * Friends whose wxid, nickname or remark contains a text, in any letter case.
     *
     * @param appId the account
     * @param text what to look for; empty matches everyone
     * @param limit the most returned
     * @return how many match, and the first {@code limit} of them in {@link #BY_NAME} order
     */
    public Matches search(String appId, String text, int limit) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        List<Contact> all = db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT * FROM contacts WHERE app_id = ?")) {
                s.setString(1, appId);
                List<Contact> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(read(r));
                    }
                }
                return out;
            }
        });
        // In Java, not in SQL: SQLite folds the letter case of ASCII letters only.
        List<Contact> matching = all.stream()
                .filter(f -> contains(f.wxid(), wanted) || contains(f.nickname(), wanted) || contains(f.remark(), wanted))
                .sorted(BY_NAME)
                .toList();
        return new Matches(matching.size(), matching.subList(0, Math.min(limit, matching.size())));
    }

    private static boolean contains(String value, String lowerCaseText) {
        return value.toLowerCase(Locale.ROOT).contains(lowerCaseText);
    }

    /**
     * @param appId the account
     * @return when its relation checks may be made again, while that is in the future
     */
    public Optional<Instant> checksPausedUntil(String appId) {
        Instant now = clock.instant();
        return db.transaction(c -> checkPause(c, appId)).map(p -> p.until).filter(now::isBefore);
    }

    /**
     * Records that the platform said relations were checked too often: the checks pause for
     * {@code first}, doubled for each report before this one in a row, at most {@code max}.
     *
     * @param appId the account
     * @param first the first pause
     * @param max the longest pause
     * @return when the pause ends
     */
    public Instant pauseChecks(String appId, Duration first, Duration max) {
        Instant now = clock.instant();
        return db.transaction(c -> {
            int strikes = checkPause(c, appId).map(p -> p.strikes).orElse(0) + 1;
            // Doubling from the first pause, without overflowing however long the run.
            Duration pause = first.multipliedBy(1L << Math.min(strikes - 1, 20));
            Instant until = now.plus(pause.compareTo(max) > 0 ? max : pause);
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO relation_check_pause (app_id, paused_until, strikes) VALUES (?, ?, ?)"
                            + " ON CONFLICT (app_id) DO UPDATE SET paused_until = excluded.paused_until,"
                            + " strikes = excluded.strikes")) {
                s.setString(1, appId);
                s.setLong(2, until.toEpochMilli());
                s.setInt(3, strikes);
                s.executeUpdate();
            }
            return until;
        });
    }

    /**
     * Records an answer to relation checks without a "too often" report: the run of reports ends.
     *
     * @param appId the account
     */
    public void checksAnswered(String appId) {
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM relation_check_pause WHERE app_id = ?")) {
                s.setString(1, appId);
                s.executeUpdate();
            }
            return null;
        });
    }

    /**
     * A {@code /delete} asked for and not yet confirmed.
     *
     * @param admin who asked: only they may confirm it
     * @param askedAt when
     */
    public record PendingDelete(String admin, Instant askedAt) {
    }

    /**
     * Keeps a {@code /delete} waiting for its confirmation, in place of one asked before for the same
     * friend. It is kept in the database, not in memory, so that the confirmation counts whichever
     * host instance it reaches.
     *
     * @param appId the account
     * @param wxid the friend
     * @param admin who asked
     */
    public void askDelete(String appId, String wxid, String admin) {
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO pending_deletes (app_id, wxid, admin, asked_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (app_id, wxid) DO UPDATE SET admin = excluded.admin, asked_at = excluded.asked_at""")) {
                s.setString(1, appId);
                s.setString(2, wxid);
                s.setString(3, admin);
                s.setLong(4, clock.millis());
                s.executeUpdate();
            }
            return null;
        });
    }

    /**
     * @param appId the account
     * @param wxid the friend
     * @return the {@code /delete} of that friend waiting for its confirmation, if any
     */
    public Optional<PendingDelete> pendingDelete(String appId, String wxid) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT admin, asked_at FROM pending_deletes WHERE app_id = ? AND wxid = ?")) {
                s.setString(1, appId);
                s.setString(2, wxid);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(new PendingDelete(r.getString(1), Instant.ofEpochMilli(r.getLong(2))))
                            : Optional.<PendingDelete>empty();
                }
            }
        });
    }

    /**
     * Takes a waiting {@code /delete} away, as its confirmation does: of two confirmations at once
     * (on two instances), one takes it.
     *
     * @param appId the account
     * @param wxid the friend
     * @param pending the request as read
     * @return whether this call took it
     */
    public boolean takeDelete(String appId, String wxid, PendingDelete pending) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "DELETE FROM pending_deletes WHERE app_id = ? AND wxid = ? AND admin = ? AND asked_at = ?")) {
                s.setString(1, appId);
                s.setString(2, wxid);
                s.setString(3, pending.admin());
                s.setLong(4, pending.askedAt().toEpochMilli());
                return s.executeUpdate() == 1;
            }
        });
    }

    private record CheckPause(Instant until, int strikes) {
    }

    private static Optional<CheckPause> checkPause(Connection c, String appId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT paused_until, strikes FROM relation_check_pause WHERE app_id = ?")) {
            s.setString(1, appId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new CheckPause(Instant.ofEpochMilli(r.getLong(1)), r.getInt(2)))
                        : Optional.empty();
            }
        }
    }

    private void upsert(Connection c, String appId, Contact friend) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO contacts (app_id, wxid, nickname, remark, alias, labels, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (app_id, wxid) DO UPDATE SET nickname = excluded.nickname, remark = excluded.remark,
                  alias = excluded.alias, labels = excluded.labels, updated_at = excluded.updated_at""")) {
            s.setString(1, appId);
            s.setString(2, friend.wxid());
            s.setString(3, friend.nickname());
            s.setString(4, friend.remark());
            s.setString(5, friend.alias());
            s.setString(6, labelsText(friend.labels()));
            s.setLong(7, clock.millis());
            s.executeUpdate();
        }
    }

    /** A friend's labels as the table keeps them: a JSON array of texts. */
    private static String labelsText(List<String> labels) throws SQLException {
        try {
            return JSON.writeValueAsString(labels);
        } catch (JsonProcessingException e) {
            throw new SQLException("labels that cannot be written: " + e.getMessage(), e);
        }
    }

    private static Contact read(ResultSet r) throws SQLException {
        List<String> labels;
        try {
            labels = JSON.readerFor(LABELS).readValue(r.getString("labels"));
        } catch (IOException e) {
            throw new SQLException("unreadable labels of " + r.getString("wxid"), e);
        }
        return new Contact(r.getString("wxid"), r.getString("nickname"), r.getString("remark"), r.getString("alias"),
                labels);
    }
}
