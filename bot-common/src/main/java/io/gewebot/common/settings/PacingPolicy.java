package io.gewebot.common.settings;


import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How fast one WeChat account may send friend requests and answer them. See the
 * package documentation of the commands' pacing ({@code io.gewebot.commands.pacing}) for what each part means.
 *
 * @param addInterval the least time between two friend requests of one account
 * @param addJitter the most extra time, drawn uniformly from {@code [0, addJitter]} for every send,
 *     added to {@code addInterval} so that the requests do not go out like clockwork
 * @param addDailyCap the most friend requests of one account in any rolling 24 hours; at least 1
 * @param answerInterval the least time between two answers (accept or reject) of one account
 * @param addDedupWindow how long a target that was (or may have been) sent a request is not
 *     sent another
 * @param warmup how long an account must have been online before it sends its first request
 * @param onlineSince when the account came online, when the operator knows better than the host;
 *     when present it is used instead of the instant the host first saw the account online
 * @param skipWarmup {@code true} to send requests without waiting for the warm-up at all
 * @param backoffBase the first pause after the platform reports risk control; positive
 * @param backoffMax the longest pause; each further risk-control report doubles the pause up to it
 * @param searchInterval the least time between two searches for people of one account
 * @param searchDailyCap the most searches of one account in any rolling 24 hours; at least 1
 * @param answerDailyCap the most answers (accepts and rejects) of one account in any rolling 24
 *     hours; at least 1
 */
public record PacingPolicy(
        Duration addInterval,
        Duration addJitter,
        int addDailyCap,
        Duration answerInterval,
        Duration addDedupWindow,
        Duration warmup,
        Optional<Instant> onlineSince,
        boolean skipWarmup,
        Duration backoffBase,
        Duration backoffMax,
        Duration searchInterval,
        int searchDailyCap,
        int answerDailyCap) {

    /** The rolling window {@link #addDailyCap()}, {@link #searchDailyCap()} and {@link #answerDailyCap()} apply to. */
    public static final Duration CAP_WINDOW = Duration.ofHours(24);

    /**
     * Checks the parts.
     *
     * @throws NullPointerException when a part is {@code null}
     * @throws BrokenRule when a duration is negative, a cap is below 1, the
     *     back-off base is not positive or the back-off maximum is below the base
     */
    public PacingPolicy {
        nonNegative(addInterval, "addInterval");
        nonNegative(addJitter, "addJitter");
        nonNegative(answerInterval, "answerInterval");
        nonNegative(addDedupWindow, "addDedupWindow");
        nonNegative(warmup, "warmup");
        Objects.requireNonNull(onlineSince, "onlineSince");
        nonNegative(backoffBase, "backoffBase");
        nonNegative(backoffMax, "backoffMax");
        nonNegative(searchInterval, "searchInterval");
        atLeastOne(addDailyCap, "addDailyCap");
        atLeastOne(searchDailyCap, "searchDailyCap");
        atLeastOne(answerDailyCap, "answerDailyCap");
        if (backoffBase.isZero()) {
            // a risk-control report that pauses nothing would let the account keep provoking it
            throw new BrokenRule("backoffBase", "must be positive");
        }
        if (backoffMax.compareTo(backoffBase) < 0) {
            throw new BrokenRule("backoffMax", "must not be shorter than backoffBase");
        }
    }

    /**
     * The defaults as the settings and the host's flags write them, by key: written here once, read
     * by {@link #defaults()} and shown by the host's {@code --help}. They are inside the platform
     * vendor's own account rules (at most 15 requests a day to different people, 30 minutes apart):
     * one request every 30 minutes plus up to 10 minutes of jitter, 10 a day, no repeat to the same
     * person within 7 days, 3 days of warm-up from the first time the account is seen online, and a
     * risk-control pause of 1 h doubling up to 48 h; searches 10 s apart and 30 a day; answers 5 s
     * apart and 100 a day. {@code onlineSince} has none.
     */
    private static final Map<String, String> DEFAULT_SETTINGS = Map.ofEntries(
            Map.entry("addDailyCap", "10"),
            Map.entry("addInterval", "30m"),
            Map.entry("addJitter", "10m"),
            Map.entry("answerInterval", "5s"),
            Map.entry("answerDailyCap", "100"),
            Map.entry("searchInterval", "10s"),
            Map.entry("searchDailyCap", "30"),
            Map.entry("addDedupWindow", "7d"),
            Map.entry("warmup", "3d"),
            Map.entry("skipWarmup", "false"),
            Map.entry("backoffBase", "1h"),
            Map.entry("backoffMax", "48h"));

    private static final PacingPolicy DEFAULTS = new PacingPolicy(
            Durations.parse(DEFAULT_SETTINGS.get("addInterval")),
            Durations.parse(DEFAULT_SETTINGS.get("addJitter")),
            Integer.parseInt(DEFAULT_SETTINGS.get("addDailyCap")),
            Durations.parse(DEFAULT_SETTINGS.get("answerInterval")),
            Durations.parse(DEFAULT_SETTINGS.get("addDedupWindow")),
            Durations.parse(DEFAULT_SETTINGS.get("warmup")),
            Optional.empty(),
            Boolean.parseBoolean(DEFAULT_SETTINGS.get("skipWarmup")),
            Durations.parse(DEFAULT_SETTINGS.get("backoffBase")),
            Durations.parse(DEFAULT_SETTINGS.get("backoffMax")),
            Durations.parse(DEFAULT_SETTINGS.get("searchInterval")),
            Integer.parseInt(DEFAULT_SETTINGS.get("searchDailyCap")),
            Integer.parseInt(DEFAULT_SETTINGS.get("answerDailyCap")));

    /**
     * The defaults: see {@link #defaultSetting(String)} for each.
     *
     * @return the default policy
     */
    public static PacingPolicy defaults() {
        return DEFAULTS;
    }

    /**
     * A key's default as people write it ({@code 30m}, {@code 10}, {@code false}), for a help text.
     *
     * @param key a key of {@link #fromSettings}
     * @return its default, or empty for {@code onlineSince} and a key that is not the policy's
     */
    public static Optional<String> defaultSetting(String key) {
        return Optional.ofNullable(DEFAULT_SETTINGS.get(key));
    }

    /**
     * The policy as an account's settings carry it ({@link io.gewebot.api.chat.ChatContext#settings()}): the
     * keys {@link #fromSettings} reads, durations in ISO-8601 ({@code PT10M}).
     *
     * @return the keys and their values, in a stable order; {@code onlineSince} only when known
     */
    public Map<String, String> toSettings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("addDailyCap", Integer.toString(addDailyCap));
        s.put("addInterval", addInterval.toString());
        s.put("addJitter", addJitter.toString());
        s.put("answerInterval", answerInterval.toString());
        s.put("answerDailyCap", Integer.toString(answerDailyCap));
        s.put("searchInterval", searchInterval.toString());
        s.put("searchDailyCap", Integer.toString(searchDailyCap));
        s.put("addDedupWindow", addDedupWindow.toString());
        s.put("warmup", warmup.toString());
        onlineSince.ifPresent(since -> s.put("onlineSince", since.toString()));
        s.put("skipWarmup", Boolean.toString(skipWarmup));
        s.put("backoffBase", backoffBase.toString());
        s.put("backoffMax", backoffMax.toString());
        return s;
    }

    /**
     * The policy an account's settings describe ({@link io.gewebot.api.chat.ChatContext#settings()}):
     * {@code addInterval}, {@code addJitter}, {@code addDailyCap}, {@code answerInterval},
     * {@code answerDailyCap}, {@code searchInterval}, {@code searchDailyCap}, {@code addDedupWindow},
     * {@code warmup}, {@code onlineSince}, {@code skipWarmup}, {@code backoffBase} and
     * {@code backoffMax}; a key that is missing keeps its {@link #defaults() default}. A duration is
     * ISO-8601 ({@code PT30M}) or a number with its unit ({@code 30m}, {@code 90s}, {@code 500ms},
     * {@code 2h}, {@code 7d}); a number without a unit is refused, but for {@code 0}. A time is
     * ISO-8601 ({@code 2026-11-01T00:00:00Z}) or a date ({@code 2026-11-01}, midnight UTC).
     *
     * @param settings the account's settings
     * @return the policy
     * @throws IllegalArgumentException when a value cannot be read or breaks a rule of the policy; the
     *     message names the key
     */
    public static PacingPolicy fromSettings(Map<String, String> settings) {
        PacingPolicy d = defaults();
        SettingsReader in = new SettingsReader(settings);
        Duration addInterval = in.duration("addInterval", d.addInterval());
        Duration addJitter = in.duration("addJitter", d.addJitter());
        int addDailyCap = in.count("addDailyCap", d.addDailyCap());
        Duration answerInterval = in.duration("answerInterval", d.answerInterval());
        Duration addDedupWindow = in.duration("addDedupWindow", d.addDedupWindow());
        Duration warmup = in.duration("warmup", d.warmup());
        Optional<Instant> onlineSince = in.instant("onlineSince");
        boolean skipWarmup = in.flag("skipWarmup", d.skipWarmup());
        Duration backoffBase = in.duration("backoffBase", d.backoffBase());
        Duration backoffMax = in.duration("backoffMax", d.backoffMax());
        Duration searchInterval = in.duration("searchInterval", d.searchInterval());
        int searchDailyCap = in.count("searchDailyCap", d.searchDailyCap());
        int answerDailyCap = in.count("answerDailyCap", d.answerDailyCap());
        try {
            return new PacingPolicy(addInterval, addJitter, addDailyCap, answerInterval, addDedupWindow, warmup,
                    onlineSince, skipWarmup, backoffBase, backoffMax, searchInterval, searchDailyCap, answerDailyCap);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pacing settings: " + e.getMessage(), e);
        }
    }

    /**
     * This policy with the keys of {@link #fromSettings} that {@code given} has; a key it lacks keeps this
     * policy's value.
     *
     * @param given the parts to change
     * @return the policy
     * @throws IllegalArgumentException when the result breaks a rule of the policy
     */
    public PacingPolicy with(PacingSettings given) {
        return new PacingPolicy(given.addInterval().orElse(addInterval), given.addJitter().orElse(addJitter),
                given.addDailyCap().orElse(addDailyCap), given.answerInterval().orElse(answerInterval),
                given.addDedupWindow().orElse(addDedupWindow), given.warmup().orElse(warmup),
                given.onlineSince().or(this::onlineSince), given.skipWarmup().orElse(skipWarmup),
                given.backoffBase().orElse(backoffBase), given.backoffMax().orElse(backoffMax),
                given.searchInterval().orElse(searchInterval), given.searchDailyCap().orElse(searchDailyCap),
                given.answerDailyCap().orElse(answerDailyCap));
    }

    /**
     * @param value the least time between two requests
     * @return a copy with it
     */
    public PacingPolicy withAddInterval(Duration value) {
        return new PacingPolicy(value, addJitter, addDailyCap, answerInterval, addDedupWindow, warmup,
                onlineSince, skipWarmup, backoffBase, backoffMax, searchInterval, searchDailyCap, answerDailyCap);
    }

    /**
     * @param value the most random extra time between two requests
     * @return a copy with it
     */
    public PacingPolicy withAddJitter(Duration value) {
        return new PacingPolicy(addInterval, value, addDailyCap, answerInterval, addDedupWindow, warmup,
                onlineSince, skipWarmup, backoffBase, backoffMax, searchInterval, searchDailyCap, answerDailyCap);
    }

    /**
     * @param value the most requests in any rolling 24 hours
     * @return a copy with it
     */
    public PacingPolicy withAddDailyCap(int value) {
        return new PacingPolicy(addInterval, addJitter, value, answerInterval, addDedupWindow, warmup,
                onlineSince, skipWarmup, backoffBase, backoffMax, searchInterval, searchDailyCap, answerDailyCap);
    }

    /**
     * @param value the least time between two answers
     * @return a copy with it
     */
    public PacingPolicy withAnswerInterval(Duration value) {
        return new PacingPolicy(addInterval, addJitter, addDailyCap, value, addDedupWindow, warmup,
                onlineSince, skipWarmup, backoffBase, backoffMax, searchInterval, searchDailyCap, answerDailyCap);
    }

    /**
     * @param value how long a target is not sent a second request
     * @return a copy with it
     */
    public PacingPolicy withAddDedupWindow(Duration value) {
        return new PacingPolicy(addInterval, addJitter, addDailyCap, answerInterval, value, warmup,
                onlineSince, skipWarmup, backoffBase, backoffMax, searchInterval, searchDailyCap, answerDailyCap);
    }

    /**
     * @param value how long an account must have been online before its first request
     * @return a copy with it
     */
    public PacingPolicy withWarmup(Duration value) {
        return new PacingPolicy(addInterval, addJitter, addDailyCap, answerInterval, addDedupWindow, value,
                onlineSince, skipWarmup, backoffBase, backoffMax, searchInterval, searchDailyCap, answerDailyCap);
    }

    /**
     * @param value when the account came online, or empty to use the first time the host saw it
     * @return a copy with it
     */
    public PacingPolicy withOnlineSince(Optional<Instant> value) {
        return new PacingPolicy(addInterval, addJitter, addDailyCap, answerInterval, addDedupWindow, warmup,
                value, skipWarmup, backoffBase, backoffMax, searchInterval, searchDailyCap, answerDailyCap);
    }

    /**
     * @param value when the account came online
     * @return a copy with it
     */
    public PacingPolicy withOnlineSince(Instant value) {
        return withOnlineSince(Optional.of(Objects.requireNonNull(value, "onlineSince")));
    }

    /**
     * @param value {@code true} to ignore the warm-up
     * @return a copy with it
     */
    public PacingPolicy withSkipWarmup(boolean value) {
        return new PacingPolicy(addInterval, addJitter, addDailyCap, answerInterval, addDedupWindow, warmup,
                onlineSince, value, backoffBase, backoffMax, searchInterval, searchDailyCap, answerDailyCap);
    }

    /**
     * @param value the first risk-control pause
     * @return a copy with it
     */
    public PacingPolicy withBackoffBase(Duration value) {
        return new PacingPolicy(addInterval, addJitter, addDailyCap, answerInterval, addDedupWindow, warmup,
                onlineSince, skipWarmup, value, backoffMax, searchInterval, searchDailyCap, answerDailyCap);
    }

    /**
     * @param value the longest risk-control pause
     * @return a copy with it
     */
    public PacingPolicy withBackoffMax(Duration value) {
        return new PacingPolicy(addInterval, addJitter, addDailyCap, answerInterval, addDedupWindow, warmup,
                onlineSince, skipWarmup, backoffBase, value, searchInterval, searchDailyCap, answerDailyCap);
    }

    /**
     * @param value the least time between two searches
     * @return a copy with it
     */
    public PacingPolicy withSearchInterval(Duration value) {
        return new PacingPolicy(addInterval, addJitter, addDailyCap, answerInterval, addDedupWindow, warmup,
                onlineSince, skipWarmup, backoffBase, backoffMax, value, searchDailyCap, answerDailyCap);
    }

    /**
     * @param value the most searches in any rolling 24 hours
     * @return a copy with it
     */
    public PacingPolicy withSearchDailyCap(int value) {
        return new PacingPolicy(addInterval, addJitter, addDailyCap, answerInterval, addDedupWindow, warmup,
                onlineSince, skipWarmup, backoffBase, backoffMax, searchInterval, value, answerDailyCap);
    }

    /**
     * @param value the most answers in any rolling 24 hours
     * @return a copy with it
     */
    public PacingPolicy withAnswerDailyCap(int value) {
        return new PacingPolicy(addInterval, addJitter, addDailyCap, answerInterval, addDedupWindow, warmup,
                onlineSince, skipWarmup, backoffBase, backoffMax, searchInterval, searchDailyCap, value);
    }

    private static void atLeastOne(int value, String name) {
        if (value < 1) {
            throw new BrokenRule(name, "must be at least 1, got " + value);
        }
    }

    private static void nonNegative(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new BrokenRule(name, "must not be negative, got " + value);
        }
    }

    /** A value that breaks a rule of the policy, named by its setting: {@code <setting> <why>}. */
    public static final class BrokenRule extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        private final String setting;
        private final String why;

        BrokenRule(String setting, String why) {
            super(setting + " " + why);
            this.setting = setting;
            this.why = why;
        }

        /** @return the setting's key, such as {@code backoffBase} */
        public String setting() {
            return setting;
        }

        /** @return what is wrong with it, such as {@code must be positive} */
        public String why() {
            return why;
        }
    }
}
