package io.gewebot.host.config;

import io.gewebot.host.rules.FriendRequestRule;
import io.gewebot.host.rules.FriendRequestRules;
import io.gewebot.host.rules.Placeholders;
import io.gewebot.host.rules.RuleAction;
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
 */
record ConfigDocument(Located<FriendRequestsPart> friendRequests) {

    /**
     * The document as the host's model.
     *
     * @return what the file configures
     * @throws BadValue at the first value the model refuses
     */
    ConfigFile toModel() throws BadValue {
        return new ConfigFile(friendRequests == null ? FriendRequestRules.none()
                : friendRequests.value().toModel("friendRequests"));
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
