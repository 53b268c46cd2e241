package io.gewebot.host.config;

import io.gewebot.common.settings.Durations;
import io.gewebot.common.settings.FriendRequestRule;
import io.gewebot.common.settings.FriendRequestRules;
import io.gewebot.common.settings.PacingSettings;
import io.gewebot.common.settings.Placeholders;
import io.gewebot.common.settings.RuleAction;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The configuration file as Jackson binds it: one record per mapping, a component per key (the key's
 * name is the component's), every value {@link Located}. A key left out is {@code null} here. A part of
 * the file added later (such as {@code accounts:}, each with its {@code pacing:} and
 * {@code friendRequests:}) is a component here and a record of its own, checked the same way.
 *
 * @param friendRequests the {@code friendRequests:} part
 * @param accounts the {@code accounts:} part
 */
record ConfigDocument(Located<FriendRequestsPart> friendRequests, Located<List<Located<AccountPart>>> accounts) {

    /**
     * The document as the host's model.
     *
     * @param env where {@code ${VAR}} in the accounts' texts is read
     * @return what the file configures
     * @throws BadValue at the first value the model refuses
     */
    ConfigFile toModel(Map<String, String> env) throws BadValue {
        List<AccountSettings> out = new ArrayList<>();
        Map<String, Integer> appIds = new HashMap<>();
        List<Located<AccountPart>> parts = accounts == null ? List.of() : accounts.value();
        for (int i = 0; i < parts.size(); i++) {
            String at = "accounts[" + i + "]";
            AccountSettings account = parts.get(i).value().toModel(at, parts.get(i).line(), new EnvText(env));
            Integer before = appIds.putIfAbsent(account.appId(), i);
            if (before != null) {
                throw new BadValue(parts.get(i).value().appId().line(), at + ".appId", "is the appId of accounts["
                        + before + "] too; each account is given once");
            }
            out.add(account);
        }
        return new ConfigFile(friendRequests == null ? FriendRequestRules.none()
                : friendRequests.value().toModel("friendRequests"), out);
    }

    /**
     * One of {@code accounts:}. Its texts may hold {@code ${VAR}}, read from the environment.
     *
     * @param appId the account's device id (required)
     * @param baseUrl its GeWe base URL
     * @param token its GeWe token
     * @param admins who may command the bot through this account
     * @param lang its reply language
     * @param defaultGreeting the greeting of its {@code /add} without one
     * @param commandMaxAge how old a chat command may be
     * @param geweVariant {@code self-hosted} or {@code hosted}
     * @param pacing its pacing
     * @param friendRequests its friend-request rules
     */
    record AccountPart(Located<String> appId, Located<String> baseUrl, Located<String> token,
            Located<List<Located<String>>> admins, Located<String> lang, Located<String> defaultGreeting,
            Located<String> commandMaxAge, Located<String> geweVariant, Located<PacingPart> pacing,
            Located<FriendRequestsPart> friendRequests) {

        AccountSettings toModel(String path, int line, EnvText env) throws BadValue {
            if (appId == null) {
                throw new BadValue(line, path + ".appId", "must be given: each account needs its appId");
            }
            String id = nonEmpty(env.expand(appId, path + ".appId"), appId, path + ".appId");
            Optional<String> url = optional(baseUrl, path + ".baseUrl", env);
            if (url.isPresent() && !url.get().matches("(?i)https?://\\S+")) {
                throw new BadValue(baseUrl.line(), path + ".baseUrl", "must be an http(s) URL");
            }
            Optional<Set<String>> adminSet = Optional.empty();
            if (admins != null) {
                Set<String> given = new LinkedHashSet<>();
                for (int i = 0; i < admins.value().size(); i++) {
                    Located<String> admin = admins.value().get(i);
                    String p = path + ".admins[" + i + "]";
                    given.add(nonEmpty(env.expand(admin, p), admin, p).strip());
                }
                adminSet = Optional.of(given);
            }
            Optional<String> language = optional(lang, path + ".lang", env).map(l -> l.strip().toLowerCase(Locale.ROOT));
            if (language.isPresent() && !language.get().equals("en") && !language.get().equals("zh")) {
                throw new BadValue(lang.line(), path + ".lang", "must be en or zh" + env.quoted(lang, language.get()));
            }
            Optional<String> variant = optional(geweVariant, path + ".geweVariant", env)
                    .map(v -> v.strip().toLowerCase(Locale.ROOT));
            if (variant.isPresent() && !variant.get().equals("self-hosted") && !variant.get().equals("hosted")) {
                throw new BadValue(geweVariant.line(), path + ".geweVariant",
                        "must be self-hosted or hosted" + env.quoted(geweVariant, variant.get()));
            }
            // An empty greeting is what --default-greeting's default is: it may be said here too.
            Optional<String> greeting = defaultGreeting == null ? Optional.empty()
                    : Optional.of(env.expand(defaultGreeting, path + ".defaultGreeting").strip());
            return new AccountSettings(id, line, url, optional(token, path + ".token", env), adminSet, language,
                    greeting, duration(commandMaxAge, path + ".commandMaxAge", env), variant,
                    pacing == null ? PacingSettings.none() : pacing.value().toModel(path + ".pacing", env),
                    friendRequests == null ? Optional.empty()
                            : Optional.of(friendRequests.value().toModel(path + ".friendRequests")));
        }

        private static Optional<String> optional(Located<String> text, String path, EnvText env) throws BadValue {
            return text == null ? Optional.empty() : Optional.of(nonEmpty(env.expand(text, path), text, path).strip());
        }
    }

    /**
     * An account's {@code pacing:}: the pacing flags, named without their dashes.
     *
     * @param addDailyCap {@code --add-daily-cap}
     * @param addInterval {@code --add-interval}
     * @param addJitter {@code --add-jitter}
     * @param answerInterval {@code --answer-interval}
     * @param answerDailyCap {@code --answer-daily-cap}
     * @param searchInterval {@code --search-interval}
     * @param searchDailyCap {@code --search-daily-cap}
     * @param addDedupWindow {@code --add-dedup-window}
     * @param warmup {@code --warmup}
     * @param onlineSince {@code --online-since}
     * @param skipWarmup {@code --skip-warmup}
     * @param backoffBase {@code --backoff-base}
     * @param backoffMax {@code --backoff-max}
     */
    record PacingPart(Located<Integer> addDailyCap, Located<String> addInterval, Located<String> addJitter,
            Located<String> answerInterval, Located<Integer> answerDailyCap, Located<String> searchInterval,
            Located<Integer> searchDailyCap, Located<String> addDedupWindow, Located<String> warmup,
            Located<String> onlineSince, Located<Boolean> skipWarmup, Located<String> backoffBase,
            Located<String> backoffMax) {

        PacingSettings toModel(String path, EnvText env) throws BadValue {
            return new PacingSettings(count(addDailyCap, path + ".addDailyCap", 0),
                    duration(addInterval, path + ".addInterval", env), duration(addJitter, path + ".addJitter", env),
                    duration(answerInterval, path + ".answerInterval", env),
                    count(answerDailyCap, path + ".answerDailyCap", 1),
                    duration(searchInterval, path + ".searchInterval", env),
                    count(searchDailyCap, path + ".searchDailyCap", 1),
                    duration(addDedupWindow, path + ".addDedupWindow", env), duration(warmup, path + ".warmup", env),
                    instant(path + ".onlineSince", env), Optional.ofNullable(skipWarmup).map(Located::value),
                    duration(backoffBase, path + ".backoffBase", env), duration(backoffMax, path + ".backoffMax", env));
        }

        private Optional<Instant> instant(String path, EnvText env) throws BadValue {
            if (onlineSince == null) {
                return Optional.empty();
            }
            String text = env.expand(onlineSince, path).strip();
            try {
                return Optional.of(text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                        : Instant.parse(text));
            } catch (DateTimeParseException e) {
                throw new BadValue(onlineSince.line(), path, "must be a date (2026-01-31) or an instant "
                        + "(2026-01-31T08:00:00Z)");
            }
        }

        private static Optional<Integer> count(Located<Integer> n, String path, int min) throws BadValue {
            if (n == null) {
                return Optional.empty();
            }
            if (n.value() < min) {
                throw new BadValue(n.line(), path, "must be a whole number of at least " + min);
            }
            return Optional.of(n.value());
        }
    }

    /** The keys whose values are durations, wherever they stand. */
    static final Set<String> DURATION_KEYS = Set.of("commandMaxAge", "addInterval", "addJitter", "answerInterval",
            "searchInterval", "addDedupWindow", "warmup", "backoffBase", "backoffMax");

    private static Optional<Duration> duration(Located<String> text, String path, EnvText env) throws BadValue {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Durations.parse(env.expand(text, path)));
        } catch (IllegalArgumentException e) {
            throw new BadValue(text.line(), path, e.getMessage());
        }
    }

    private static String nonEmpty(String value, Located<String> text, String path) throws BadValue {
        if (value.isBlank()) {
            throw new BadValue(text.line(), path, "must not be empty");
        }
        return value;
    }

    /**
     * {@code friendRequests:}.
     *
     * @param autoAnswerDailyCap answers given by rules in any 24 hours
     * @param rules the rules in their order
     */
    record FriendRequestsPart(Located<Integer> autoAnswerDailyCap, Located<List<Located<RulePart>>> rules) {

        FriendRequestRules toModel(String path) throws BadValue {
            int cap = FriendRequestRules.DEFAULT_AUTO_ANSWER_DAILY_CAP;
            if (autoAnswerDailyCap != null) {
                cap = autoAnswerDailyCap.value();
                if (cap < 0) {
                    throw new BadValue(autoAnswerDailyCap.line(), path + ".autoAnswerDailyCap", WHOLE_NUMBER);
                }
            }
            List<FriendRequestRule> out = new ArrayList<>();
            Map<String, Integer> named = new HashMap<>();
            List<Located<RulePart>> parts = rules == null ? List.of() : rules.value();
            for (int i = 0; i < parts.size(); i++) {
                String at = path + ".rules[" + i + "]";
                RulePart rule = parts.get(i).value();
                if (rule.name() == null) {
                    throw new BadValue(parts.get(i).line(), at + ".name", "must be given: each rule needs a name");
                }
                Integer before = named.putIfAbsent(rule.name().value(), i);
                if (before != null) {
                    throw new BadValue(rule.name().line(), at + ".name",
                            "'" + rule.name().value() + "' is the name of " + path + ".rules[" + before + "] too;"
                                    + " each rule needs a name of its own");
                }
                out.add(rule.toModel(at, parts.get(i).line()));
            }
            return new FriendRequestRules(cap, out);
        }
    }

    /**
     * One of {@code friendRequests.rules}.
     *
     * @param name the rule's name
     * @param greetingContains texts of which one must be in the greeting
     * @param greetingMatches a regular expression that must find a match in the greeting
     * @param scenes scenes of which the request's must be one
     * @param action {@code accept}, {@code reject} or {@code ask}
     * @param welcome the text sent after an accept
     * @param remark the remark set after an accept
     * @param labels the labels set after an accept
     */
    record RulePart(Located<String> name, Located<List<Located<String>>> greetingContains,
            Located<String> greetingMatches, Located<List<Located<Integer>>> scenes, Located<String> action,
            Located<String> welcome, Located<String> remark, Located<List<Located<String>>> labels) {

        FriendRequestRule toModel(String path, int line) throws BadValue {
            String ruleName = text(name, path + ".name");
            if (action == null) {
                throw new BadValue(line, path + ".action", "must be given: " + ACTIONS);
            }
            String said = action.value();
            RuleAction chosen = Stream.of(RuleAction.values()).filter(a -> a.name().toLowerCase(Locale.ROOT).equals(said))
                    .findFirst().orElseThrow(() -> new BadValue(action.line(), path + ".action",
                            "must be " + ACTIONS + ", not '" + said + "'"));
            Set<Integer> sceneSet = new LinkedHashSet<>();
            List<Located<Integer>> given = scenes == null ? List.of() : scenes.value();
            for (int i = 0; i < given.size(); i++) {
                if (given.get(i).value() < 0) {
                    throw new BadValue(given.get(i).line(), path + ".scenes[" + i + "]", WHOLE_NUMBER);
                }
                sceneSet.add(given.get(i).value());
            }
            return new FriendRequestRule(ruleName, texts(greetingContains, path + ".greetingContains"),
                    pattern(path + ".greetingMatches"), sceneSet, chosen,
                    template(welcome, path + ".welcome"), template(remark, path + ".remark"),
                    texts(labels, path + ".labels"));
        }

        private Optional<Pattern> pattern(String path) throws BadValue {
            if (greetingMatches == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(Pattern.compile(text(greetingMatches, path)));
            } catch (PatternSyntaxException e) {
                throw new BadValue(greetingMatches.line(), path, "must be a Java regular expression: " + e.getDescription()
                        + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
            }
        }

        private static Optional<String> template(Located<String> text, String path) throws BadValue {
            if (text == null) {
                return Optional.empty();
            }
            String value = text(text, path);
            Optional<String> unknown = Placeholders.firstUnknown(value);
            if (unknown.isPresent()) {
                throw new BadValue(text.line(), path, "has the unknown placeholder '" + unknown.get() + "'; known: "
                        + Placeholders.NAMES.stream().sorted().map(n -> "{" + n + "}").collect(Collectors.joining(", ")));
            }
            return Optional.of(value);
        }

        private static List<String> texts(Located<List<Located<String>>> texts, String path) throws BadValue {
            List<String> out = new ArrayList<>();
            List<Located<String>> given = texts == null ? List.of() : texts.value();
            for (int i = 0; i < given.size(); i++) {
                out.add(text(given.get(i), path + "[" + i + "]"));
            }
            return out;
        }

        private static String text(Located<String> text, String path) throws BadValue {
            if (text.value().isBlank()) {
                throw new BadValue(text.line(), path, "must not be empty");
            }
            return text.value();
        }
    }

    /** How a whole number of the file that may not be negative is described. */
    static final String WHOLE_NUMBER = "must be a whole number of at least 0";

    private static final String ACTIONS = Stream.of(RuleAction.values()).map(a -> a.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.collectingAndThen(Collectors.toList(),
                    names -> String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1)));

    /** A value bound from the file that the model refuses. */
    static final class BadValue extends Exception {
        private static final long serialVersionUID = 1L;

        final int line;
        final String path;

        BadValue(int line, String path, String why) {
            super(why);
            this.line = line;
            this.path = path;
        }
    }
}
