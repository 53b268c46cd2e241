package io.gewebot.commands.rules;

import io.gewebot.common.settings.FriendRequestRule;
import io.gewebot.common.settings.FriendRequestRules;
import io.gewebot.common.settings.Placeholders;

import io.gewebot.api.FriendRequest;
import io.gewebot.common.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The friend-request rules of the configuration, and what they did, kept across restarts: which rule
 * decided each request and what became of it (so that a request GeWe pushes again, under another
 * message id or after a restart, is never answered twice), and which new friends were welcomed (so
 * that nobody is welcomed twice, ever).
 *
 * <p>A request is known by who sent it and its ticket ({@code v4}), which GeWe repeats in every push
 * of the same request; a new request of the same person comes with a new ticket and is decided anew.
 */
public final class Rulebook {

    /**
     * How long a decision is kept: far longer than GeWe keeps re-pushing a message (the host forgets
     * message ids after 3 days), and longer than a request's ticket stays good.
     */
    static final Duration KEPT = Duration.ofDays(30);

    /** The counts of {@code /rules}, and the rules' cap, are of this window. */
    public static final Duration WINDOW = Duration.ofHours(24);

    /** What became of a request a rule decided. */
    public enum Outcome {
        /** Handed to the command workers to be answered; not yet in the ledger. */
        PENDING,
        /** Answered by the rule: the answer is in the ledger, and may have gone out. */
        ANSWERED,
        /** Left to the admins (an {@code ask} rule, a cap, a pause, a failed answer). */
        LEFT
    }

    /**
     * An earlier decision about a request.
     *
     * @param rule the name of the rule that decided it
     * @param outcome what became of it
     */
    public record Decision(String rule, Outcome outcome) {
        /**
         * Checks the parts.
         *
         * @throws NullPointerException when a part is {@code null}
         */
        public Decision {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /**
     * A request a rule was to answer when the host stopped.
     *
     * @param wxid who sent it
     * @param v4 its ticket
     * @param rule the rule that decided it
     */
    public record Pending(String wxid, String v4, String rule) {
        /**
         * Checks the parts.
         *
         * @throws NullPointerException when a part is {@code null}
         */
        public Pending {
            Objects.requireNonNull(wxid, "wxid");
            Objects.requireNonNull(v4, "v4");
            Objects.requireNonNull(rule, "rule");
        }
    }

    /**
     * What one rule did in the last 24 hours.
     *
     * @param matched requests it decided
     * @param answered of them, those it answered
     * @param left of them, those it left to the admins
     */
    public record Counts(int matched, int answered, int left) {
        /** Nothing. */
        public static final Counts NONE = new Counts(0, 0, 0);
    }

    private final FriendRequestRules rules;
    private final Database db;
    private final ZoneId zone;
    private final Clock clock;

    /**
     * @param rules the rules of the configuration
     * @param db the host's database
     * @param zone the host's time zone, in which {@code {date}} is the day
     * @param clock the clock
     */
    public Rulebook(FriendRequestRules rules, Database db, ZoneId zone, Clock clock) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.db = Objects.requireNonNull(db, "db");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @return the rules of the configuration */
    public FriendRequestRules rules() {
        return rules;
    }

    /**
     * @param request a friend request
     * @return the first rule whose conditions it meets, whatever that rule's action
     */
    public Optional<FriendRequestRule> firstMatch(FriendRequest request) {
        return rules.firstMatch(request);
    }

    /**
     * Records that a rule decided a request, unless that very request was decided before.
     *
     * @param appId the account
     * @param request the request
     * @param rule the rule's name
     * @param outcome what the rule makes of it now: {@link Outcome#PENDING} or {@link Outcome#LEFT}
     * @return the earlier decision when the request was decided before (nothing is recorded then);
     *     empty when this one is recorded
     */
    public Optional<Decision> decide(String appId, FriendRequest request, String rule, Outcome outcome) {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(outcome, "outcome");
        return db.transaction(c -> {
            long now = clock.millis();
            try (PreparedStatement s = c.prepareStatement(
                    "DELETE FROM rule_decisions WHERE app_id = ? AND decided_at < ?")) {
                s.setString(1, appId);
                s.setLong(2, now - KEPT.toMillis());
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO rule_decisions"
                    + " (app_id, wxid, v4, rule, outcome, decided_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                s.setString(1, appId);
                s.setString(2, request.fromWxid());
                s.setString(3, request.v4());
                s.setString(4, rule);
                s.setString(5, outcome.name());
                s.setLong(6, now);
                if (s.executeUpdate() == 1) {
                    return Optional.<Decision>empty();
                }
            }
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT rule, outcome FROM rule_decisions WHERE app_id = ? AND wxid = ? AND v4 = ?")) {
                s.setString(1, appId);
                s.setString(2, request.fromWxid());
                s.setString(3, request.v4());
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return Optional.of(new Decision(r.getString(1), Outcome.valueOf(r.getString(2))));
                }
            }
        });
    }

    /**
     * Records what became of a request a rule decided.
     *
     * @param appId the account
     * @param wxid who sent it
     * @param v4 its ticket
     * @param outcome what became of it
     */
    public void settle(String appId, String wxid, String v4, Outcome outcome) {
        Objects.requireNonNull(outcome, "outcome");
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE rule_decisions SET outcome = ? WHERE app_id = ? AND wxid = ? AND v4 = ?")) {
                s.setString(1, outcome.name());
                s.setString(2, Objects.requireNonNull(appId, "appId"));
                s.setString(3, Objects.requireNonNull(wxid, "wxid"));
                s.setString(4, Objects.requireNonNull(v4, "v4"));
                s.executeUpdate();
            }
            return null;
        });
    }

    /**
     * @param appId the account
     * @return the requests rules were to answer when the host stopped, oldest first
     */
    public List<Pending> pending(String appId) {
        Objects.requireNonNull(appId, "appId");
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT wxid, v4, rule FROM rule_decisions"
                    + " WHERE app_id = ? AND outcome = 'PENDING' ORDER BY decided_at, wxid")) {
                s.setString(1, appId);
                List<Pending> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new Pending(r.getString(1), r.getString(2), r.getString(3)));
                    }
                }
                return out;
            }
        });
    }

    /**
     * @param appId the account
     * @return what each rule did in the last 24 hours, by rule name; a rule that decided nothing is
     *     not in it
     */
    public Map<String, Counts> counts(String appId) {
        Objects.requireNonNull(appId, "appId");
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT rule, COUNT(*),"
                    + " SUM(CASE WHEN outcome = 'ANSWERED' THEN 1 ELSE 0 END),"
                    + " SUM(CASE WHEN outcome = 'LEFT' THEN 1 ELSE 0 END) FROM rule_decisions"
                    + " WHERE app_id = ? AND decided_at > ? GROUP BY rule")) {
                s.setString(1, appId);
                s.setLong(2, clock.millis() - WINDOW.toMillis());
                Map<String, Counts> out = new LinkedHashMap<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.put(r.getString(1), new Counts(r.getInt(2), r.getInt(3), r.getInt(4)));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Claims the one welcome a new friend ever gets, before it is sent: a welcome that was tried is
     * never tried again, as an answer that may have gone out is never sent again.
     *
     * @param appId the account
     * @param wxid the new friend
     * @return {@code true} the first time for this friend, {@code false} ever after
     */
    public boolean claimWelcome(String appId, String wxid) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO welcomed_friends (app_id, wxid, welcomed_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                s.setString(1, Objects.requireNonNull(appId, "appId"));
                s.setString(2, Objects.requireNonNull(wxid, "wxid"));
                s.setLong(3, clock.millis());
                return s.executeUpdate() == 1;
            }
        });
    }

    /**
     * @param template a rule's text
     * @param request the request it follows
     * @return the text with its placeholders filled in, {@code {date}} being today in the host's zone
     */
    public String render(String template, FriendRequest request) {
        return Placeholders.render(template, request, LocalDate.ofInstant(clock.instant(), zone));
    }
}
