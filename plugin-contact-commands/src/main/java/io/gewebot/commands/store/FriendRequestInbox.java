package io.gewebot.commands.store;

import io.gewebot.common.store.Database;

import io.gewebot.api.FriendRequest;
import io.gewebot.commands.pacing.LedgerEntry.Operation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Friend requests the account received and nobody has answered yet, kept across restarts.
 *
 * <p>A request being answered is marked before the answer goes out; a marked request is never
 * answered a second time, so a crash between sending and removing cannot send the answer twice.
 */
public final class FriendRequestInbox {

    /**
     * A pending request.
     *
     * @param request the request as received
     * @param answering empty, or the answer ({@link Operation#ACCEPT} or {@link Operation#REJECT}) when one may
     *     already have gone out
     */
    public record Pending(FriendRequest request, Optional<Operation> answering) {
    }

    private final Database db;

    /**
     * @param db the host database
     */
    public FriendRequestInbox(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /**
     * Keeps a request; a newer request from the same person replaces the older one (its tickets are the
     * valid ones), unless an answer to the older one may already have gone out.
     *
     * @param appId the account
     * @param request the request
     */
    public void put(String appId, FriendRequest request) {
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO inbox (app_id, from_wxid, nickname, greeting, scene, v3, v4, received_at, answering)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)
                    ON CONFLICT (app_id, from_wxid) DO UPDATE SET nickname = excluded.nickname,
                      greeting = excluded.greeting, scene = excluded.scene, v3 = excluded.v3, v4 = excluded.v4,
                      received_at = excluded.received_at
                    WHERE inbox.answering IS NULL""")) {
                s.setString(1, appId);
                s.setString(2, request.fromWxid());
                s.setString(3, request.nickname());
                s.setString(4, request.greeting());
                s.setInt(5, request.scene());
                s.setString(6, request.v3());
                s.setString(7, request.v4());
                s.setLong(8, request.receivedAt().toEpochMilli());
                s.executeUpdate();
            }
            return null;
        });
    }

    /**
     * @param appId the account
     * @param wxid who asked
     * @return their pending request
     */
    public Optional<Pending> find(String appId, String wxid) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT * FROM inbox WHERE app_id = ? AND from_wxid = ?")) {
                s.setString(1, appId);
                s.setString(2, wxid);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(read(r)) : Optional.<Pending>empty();
                }
            }
        });
    }

    /**
     * @param appId the account
     * @return its pending requests, oldest first
     */
    public List<Pending> list(String appId) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT * FROM inbox WHERE app_id = ? ORDER BY received_at, from_wxid")) {
                s.setString(1, appId);
                List<Pending> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(read(r));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Marks a request as being answered, so that it is never answered twice.
     *
     * @param appId the account
     * @param wxid who asked
     * @param answer {@link Operation#ACCEPT} or {@link Operation#REJECT}
     * @return the request, when it was pending and not already being answered
     * @throws IllegalArgumentException when the operation is not an answer
     */
    public Optional<FriendRequest> beginAnswer(String appId, String wxid, Operation answer) {
        if (answer == Operation.ADD) {
            throw new IllegalArgumentException("an add is not an answer");
        }
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE inbox SET answering = ? WHERE app_id = ? AND from_wxid = ? AND answering IS NULL")) {
                s.setString(1, answer.command());
                s.setString(2, appId);
                s.setString(3, wxid);
                if (s.executeUpdate() == 0) {
                    return Optional.<FriendRequest>empty();
                }
            }
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT * FROM inbox WHERE app_id = ? AND from_wxid = ?")) {
                s.setString(1, appId);
                s.setString(2, wxid);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return Optional.of(read(r).request());
                }
            }
        });
    }

    /**
     * Clears the mark of an answer that certainly did not go out, so it can be tried again.
     *
     * @param appId the account
     * @param wxid who asked
     */
    public void abandonAnswer(String appId, String wxid) {
        update("UPDATE inbox SET answering = NULL WHERE app_id = ? AND from_wxid = ?", appId, wxid);
    }

    /**
     * Removes a request (answered, or the person became a contact).
     *
     * @param appId the account
     * @param wxid who asked
     * @return whether there was one
     */
    public boolean remove(String appId, String wxid) {
        return update("DELETE FROM inbox WHERE app_id = ? AND from_wxid = ?", appId, wxid) > 0;
    }

    /**
     * Remembers that a person should soon become a contact (their request was accepted, or ours went
     * out), so that their arrival can be reported.
     *
     * @param appId the account
     * @param wxid the person
     */
    public void expectContact(String appId, String wxid) {
        // one statement: committed as it ends
        db.atOnce(c -> {
            expect(c, appId, wxid);
            return null;
        });
    }

    /**
     * An accept of a person's pending request went out: they are expected as a contact and their request
     * leaves the inbox, in one transaction, so that their arrival, handled at any moment on another
     * thread, finds one or the other.
     *
     * @param appId the account
     * @param wxid the person
     */
    public void accepted(String appId, String wxid) {
        db.transaction(c -> {
            expect(c, appId, wxid);
            return delete(c, "DELETE FROM inbox WHERE app_id = ? AND from_wxid = ?", appId, wxid);
        });
    }

    private static void expect(Connection c, String appId, String wxid) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO awaiting_contact (app_id, wxid, since) VALUES (?, ?, ?)"
                        + " ON CONFLICT (app_id, wxid) DO UPDATE SET since = excluded.since")) {
            s.setString(1, appId);
            s.setString(2, wxid);
            s.setLong(3, System.currentTimeMillis());
            s.executeUpdate();
        }
    }

    /**
     * A person became a contact: forgets that they were expected, and any request of theirs still
     * pending (it was answered elsewhere).
     *
     * @param appId the account
     * @param wxid the person
     * @return whether they were expected or had a pending request, so that admins should hear of it
     */
    public boolean contactArrived(String appId, String wxid) {
        // One transaction, the inbox first: an accept settling at the same moment (see accepted) either
        // has not yet taken the request out, or has already committed the person as expected.
        return db.transaction(c -> delete(c, "DELETE FROM inbox WHERE app_id = ? AND from_wxid = ?", appId, wxid)
                + delete(c, "DELETE FROM awaiting_contact WHERE app_id = ? AND wxid = ?", appId, wxid)) > 0;
    }

    private int update(String sql, String appId, String wxid) {
        return db.transaction(c -> delete(c, sql, appId, wxid));
    }

    private static int delete(Connection c, String sql, String appId, String wxid) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, appId);
            s.setString(2, wxid);
            return s.executeUpdate();
        }
    }

    private static Pending read(ResultSet r) throws SQLException {
        FriendRequest request = new FriendRequest(
                r.getString("from_wxid"), r.getString("nickname"), r.getString("greeting"), r.getInt("scene"),
                r.getString("v3"), r.getString("v4"), Instant.ofEpochMilli(r.getLong("received_at")));
        // The column holds the command's name, as every release wrote it.
        return new Pending(request, Optional.ofNullable(r.getString("answering"))
                .map(word -> Operation.valueOf(word.toUpperCase(Locale.ROOT))));
    }
}
