package io.gewebot.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gewebot.api.FriendRequest;
import io.gewebot.common.settings.FriendRequestRule;
import io.gewebot.common.settings.FriendRequestRules;
import io.gewebot.common.settings.Placeholders;
import io.gewebot.common.settings.RuleAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

    @TempDir
    Path dir;

    private Path file(String yaml) throws Exception {
        return Files.writeString(dir.resolve("bot.yaml"), yaml, StandardCharsets.UTF_8);
    }

    private FriendRequestRules rules(String yaml) throws Exception {
        return ConfigFile.read(file(yaml)).friendRequestRules();
    }

    /**
     * The message of the file's refusal, with the file named as the operator named it:
     * "bot.yaml line 3: ...". A {@code null} file is none.
     */
    private String refusal(String yaml) throws Exception {
        Path written = yaml == null ? dir.resolve("bot.yaml") : file(yaml);
        try {
            ConfigFile.read(written);
        } catch (ConfigFileException e) {
            assertThat(e.getMessage()).startsWith(written.toString()).doesNotContain("\n");
            return "bot.yaml" + e.getMessage().substring(written.toString().length());
        }
        throw new AssertionError("the file was accepted:\n" + yaml);
    }

    private static String rule(String... lines) {
        StringBuilder out = new StringBuilder("friendRequests:\n  rules:\n    - name: first\n      action: ask\n");
        out.append("    - ").append(lines[0]).append('\n');
        for (int i = 1; i < lines.length; i++) {
            out.append("      ").append(lines[i]).append('\n');
        }
        return out.toString();
    }

    private static FriendRequest request(String nickname, String greeting, int scene) {
        return new FriendRequest("wxid_new", nickname, greeting, scene, "v3_x", "v4_x", Instant.parse("2026-03-01T10:00:00Z"));
    }

    @Test
    void theReadmesExampleYieldsItsRuleWithEveryPart() throws Exception {
        FriendRequestRules rules = rules(ReadmeConfigFile.example());

        assertThat(rules.autoAnswerDailyCap()).isEqualTo(50);
        assertThat(rules.rules()).hasSize(1);
        FriendRequestRule rule = rules.rules().get(0);
        assertThat(rule.name()).isEqualTo("keyword");
        assertThat(rule.greetingContains()).containsExactly("加好友", "join");
        assertThat(rule.greetingMatches()).hasValueSatisfying(p -> assertThat(p.pattern()).isEqualTo("^\\d{6}$"));
        assertThat(rule.scenes()).containsExactlyInAnyOrder(3, 15);
        assertThat(rule.action()).isEqualTo(RuleAction.ACCEPT);
        assertThat(rule.welcome()).contains("你好 {nickname}，欢迎！");
        assertThat(rule.remark()).contains("{nickname}-{date}");
        assertThat(rule.labels()).containsExactly("from-bot");
    }

    @Test
    void theRuleReadMatchesAsTheReadmeSaysAndFillsInItsTexts() throws Exception {
        FriendRequestRules rules = rules("""
                friendRequests:
                  rules:
                    - name: code
                      greetingMatches: "^\\\\d{6}$"
                      action: reject
                    - name: keyword
                      greetingContains: ["加好友", "join"]
                      scenes: [3, 15]
                      action: accept
                      welcome: "你好 {nickname}，欢迎！"
                      remark: "{nickname}-{date}"
                """);

        // Full-width letters match the half-width keyword; the first rule that matches decides.
        FriendRequest fullWidth = request("小明", "请让我ＪＯＩＮ", 3);
        assertThat(rules.firstMatch(fullWidth)).map(FriendRequestRule::name).contains("keyword");
        assertThat(rules.firstMatch(request("小明", "123456", 3))).map(FriendRequestRule::name).contains("code");
        assertThat(rules.firstMatch(request("小明", "加好友", 6))).isEmpty();
        assertThat(rules.firstMatch(request("小明", "hello", 3))).isEmpty();

        FriendRequestRule keyword = rules.rules().get(1);
        LocalDate day = LocalDate.of(2026, 3, 1);
        assertThat(Placeholders.render(keyword.welcome().orElseThrow(), fullWidth, day)).isEqualTo("你好 小明，欢迎！");
        assertThat(Placeholders.render(keyword.remark().orElseThrow(), fullWidth, day)).isEqualTo("小明-2026-03-01");
    }

    @Test
    void withoutFriendRequestsOrWithAnEmptyFileNoRuleAnswersAndTheCapIsTheDefault() throws Exception {
        assertThat(rules("")).isEqualTo(FriendRequestRules.none());
        assertThat(rules("# nothing configured yet\n")).isEqualTo(FriendRequestRules.none());
        assertThat(rules("{}\n")).isEqualTo(FriendRequestRules.none());
        assertThat(rules("friendRequests: {}\n")).isEqualTo(FriendRequestRules.none());
        assertThat(rules("friendRequests:\n  rules:\n    - name: a\n      action: ask\n").autoAnswerDailyCap())
                .isEqualTo(FriendRequestRules.DEFAULT_AUTO_ANSWER_DAILY_CAP);
        assertThat(ConfigFile.none().friendRequestRules()).isEqualTo(FriendRequestRules.none());
    }

    @Test
    void aRuleNeedsOnlyANameAndAnActionAndEmptyListsMeanNoCondition() throws Exception {
        FriendRequestRules rules = rules("""
                friendRequests:
                  autoAnswerDailyCap: 0
                  rules:
                    - name: everyone
                      greetingContains: []
                      scenes: []
                      labels: []
                      action: reject
                """);

        assertThat(rules.autoAnswerDailyCap()).isZero();
        assertThat(rules.rules()).containsExactly(new FriendRequestRule("everyone", List.of(), Optional.empty(),
                Set.of(), RuleAction.REJECT, Optional.empty(), Optional.empty(), List.of()));
    }

    @Test
    void aUtf8ByteOrderMarkIsNotPartOfTheFirstKey() throws Exception {
        Path withBom = dir.resolve("bom.yaml");
        Files.write(withBom, ("\uFEFF" + "friendRequests:\n  autoAnswerDailyCap: 7\n").getBytes(StandardCharsets.UTF_8));
        assertThat(ConfigFile.read(withBom).friendRequestRules().autoAnswerDailyCap()).isEqualTo(7);
    }

    @Test
    void anUnknownKeyIsNamedWithTheKeysKnownThere() throws Exception {
        assertThat(refusal(rule("name: b", "action: accept", "lables: [x]")))
                .isEqualTo("bot.yaml line 7: friendRequests.rules[1].lables: unknown key; known here: name, "
                        + "greetingContains, greetingMatches, scenes, action, welcome, remark, labels");
        assertThat(refusal("friendRequest:\n  rules: []\n"))
                .isEqualTo("bot.yaml line 1: friendRequest: unknown key; known here: friendRequests, accounts");
        assertThat(refusal("friendRequests:\n  dailyCap: 3\n"))
                .isEqualTo("bot.yaml line 2: friendRequests.dailyCap: unknown key; known here: autoAnswerDailyCap, rules");
    }

    @Test
    void aKeyGivenTwiceIsRefusedAtItsSecondLine() throws Exception {
        assertThat(refusal(rule("name: b", "action: accept", "name: c")))
                .isEqualTo("bot.yaml line 7: friendRequests.rules[1].name: given twice; each key may be given once");
        assertThat(refusal("friendRequests:\n  rules: []\n  autoAnswerDailyCap: 1\n  rules: []\n"))
                .isEqualTo("bot.yaml line 4: friendRequests.rules: given twice; each key may be given once");
    }

    @Test
    void aCapThatIsNotAWholeNumberOfAtLeastZeroIsRefused() throws Exception {
        String expected = "bot.yaml line 2: friendRequests.autoAnswerDailyCap: must be a whole number of at least 0";
        assertThat(refusal("friendRequests:\n  autoAnswerDailyCap: -1\n")).isEqualTo(expected);
        assertThat(refusal("friendRequests:\n  autoAnswerDailyCap: \"50\"\n")).isEqualTo(expected);
        assertThat(refusal("friendRequests:\n  autoAnswerDailyCap: fifty\n")).isEqualTo(expected);
        assertThat(refusal("friendRequests:\n  autoAnswerDailyCap: 5.5\n")).isEqualTo(expected);
        assertThat(refusal("friendRequests:\n  autoAnswerDailyCap: true\n")).isEqualTo(expected);
        assertThat(refusal("friendRequests:\n  autoAnswerDailyCap: 99999999999\n")).isEqualTo(expected);
    }

    @Test
    void aTextWhereAListIsExpectedIsNotTakenForAListOfOne() throws Exception {
        assertThat(refusal(rule("name: b", "action: accept", "greetingContains: join")))
                .isEqualTo("bot.yaml line 7: friendRequests.rules[1].greetingContains: must be a list of texts");
        assertThat(refusal(rule("name: b", "action: accept", "labels: from-bot")))
                .isEqualTo("bot.yaml line 7: friendRequests.rules[1].labels: must be a list of texts");
        assertThat(refusal(rule("name: b", "action: accept", "scenes: 3")))
                .isEqualTo("bot.yaml line 7: friendRequests.rules[1].scenes: must be a list of whole numbers");
        assertThat(refusal("friendRequests:\n  rules: keyword\n"))
                .isEqualTo("bot.yaml line 2: friendRequests.rules: must be a list of mappings, each with the keys name, "
                        + "greetingContains, greetingMatches, scenes, action, welcome, remark, labels");
    }

    @Test
    void aSceneThatIsNotAWholeNumberIsNamedByItsPlaceInTheList() throws Exception {
        assertThat(refusal(rule("name: b", "action: accept", "scenes: [3, friend]")))
                .isEqualTo("bot.yaml line 7: friendRequests.rules[1].scenes[1]: must be a whole number of at least 0");
        assertThat(refusal(rule("name: b", "action: accept", "scenes:", "  - 3", "  - \"15\"")))
                .isEqualTo("bot.yaml line 9: friendRequests.rules[1].scenes[1]: must be a whole number of at least 0");
        assertThat(refusal(rule("name: b", "action: accept", "scenes: [-3]")))
                .isEqualTo("bot.yaml line 7: friendRequests.rules[1].scenes[0]: must be a whole number of at least 0");
    }

    @Test
    void aNumberOrATruthWhereATextIsExpectedIsRefusedRatherThanTurnedIntoText() throws Exception {
        String expected = "friendRequests.rules[1].name: must be a text (in quotes if it reads as a number or as true or false)";
        assertThat(refusal(rule("name: 2024", "action: accept"))).isEqualTo("bot.yaml line 5: " + expected);
        assertThat(refusal(rule("name: true", "action: accept"))).isEqualTo("bot.yaml line 5: " + expected);
        assertThat(refusal(rule("name: b", "action: accept", "greetingContains: [join, 0123]")))
                .isEqualTo("bot.yaml line 7: friendRequests.rules[1].greetingContains[1]: must be a text "
                        + "(in quotes if it reads as a number or as true or false)");
    }

    @Test
    void aMappingWhereItIsExpectedMustBeOne() throws Exception {
        assertThat(refusal("- friendRequests\n"))
                .isEqualTo("bot.yaml line 1: must be a mapping with the keys friendRequests, accounts");
        assertThat(refusal("friendRequests: yes\n"))
                .isEqualTo("bot.yaml line 1: friendRequests: must be a mapping with the keys autoAnswerDailyCap, rules");
        assertThat(refusal("friendRequests:\n  rules:\n    - keyword\n"))
                .isEqualTo("bot.yaml line 3: friendRequests.rules[0]: must be a mapping with the keys name, "
                        + "greetingContains, greetingMatches, scenes, action, welcome, remark, labels");
    }

    @Test
    void aKeyWithoutAValueIsRefusedRatherThanTakenForOneLeftOut() throws Exception {
        assertThat(refusal(rule("name: b", "action: accept", "labels: [x, ~]")))
                .isEqualTo("bot.yaml line 7: friendRequests.rules[1].labels[1]: has no value: give one, or leave the key out");
        assertThat(refusal(rule("name: b", "action: accept", "scenes: ~")))
                .isEqualTo("bot.yaml line 7: friendRequests.rules[1].scenes: has no value: give one, or leave the key out");
        assertThat(refusal("friendRequests: null\n"))
                .isEqualTo("bot.yaml line 1: friendRequests: has no value: give one, or leave the key out");
    }

    @Test
    void aBadRegularExpressionIsRefusedWithJavasReason() throws Exception {
        assertThat(refusal(rule("name: b", "action: accept", "greetingMatches: \"(join\"")))
                .isEqualTo("bot.yaml line 7: friendRequests.rules[1].greetingMatches: must be a Java regular expression: "
                        + "Unclosed group near index 5");
        assertThat(refusal(rule("name: b", "action: accept", "greetingMatches: \"[z-a]\"")))
                .isEqualTo("bot.yaml line 7: friendRequests.rules[1].greetingMatches: must be a Java regular expression: "
                        + "Illegal character range near index 3");
    }

    @Test
    void anActionIsOneOfThreeWordsInLowerCase() throws Exception {
        assertThat(refusal(rule("name: b", "action: acept")))
                .isEqualTo("bot.yaml line 6: friendRequests.rules[1].action: must be accept, reject or ask, not 'acept'");
        assertThat(refusal(rule("name: b", "action: Accept")))
                .isEqualTo("bot.yaml line 6: friendRequests.rules[1].action: must be accept, reject or ask, not 'Accept'");
    }

    @Test
    void anUnknownPlaceholderInAWelcomeOrARemarkIsRefused() throws Exception {
        String known = "; known: {date}, {greeting}, {nickname}, {scene}, {wxid}";
        assertThat(refusal(rule("name: b", "action: accept", "welcome: \"hi {nick}\"")))
                .isEqualTo("bot.yaml line 7: friendRequests.rules[1].welcome: has the unknown placeholder '{nick}'" + known);
        assertThat(refusal(rule("name: b", "action: accept", "remark: \"{nickname}-{day}\"")))
                .isEqualTo("bot.yaml line 7: friendRequests.rules[1].remark: has the unknown placeholder '{day}'" + known);
    }

    @Test
    void aRuleWithoutANameOrAnActionIsRefusedAtItsFirstLine() throws Exception {
        assertThat(refusal(rule("action: accept", "labels: [x]")))
                .isEqualTo("bot.yaml line 5: friendRequests.rules[1].name: must be given: each rule needs a name");
        assertThat(refusal(rule("greetingContains: [join]", "name: b")))
                .isEqualTo("bot.yaml line 5: friendRequests.rules[1].action: must be given: accept, reject or ask");
    }

    @Test
    void twoRulesOfTheSameNameAreRefusedAtTheSecond() throws Exception {
        assertThat(refusal(rule("name: first", "action: accept")))
                .isEqualTo("bot.yaml line 5: friendRequests.rules[1].name: 'first' is the name of friendRequests.rules[0] "
                        + "too; each rule needs a name of its own");
    }

    @Test
    void anEmptyTextIsRefusedWhereverATextIsGiven() throws Exception {
        assertThat(refusal(rule("name: b", "action: accept", "labels: [\"from-bot\", \"\"]")))
                .isEqualTo("bot.yaml line 7: friendRequests.rules[1].labels[1]: must not be empty");
        assertThat(refusal(rule("name: b", "action: accept", "labels:", "  - \" \"")))
                .isEqualTo("bot.yaml line 8: friendRequests.rules[1].labels[0]: must not be empty");
        assertThat(refusal(rule("name: \"\"", "action: accept")))
                .isEqualTo("bot.yaml line 5: friendRequests.rules[1].name: must not be empty");
        assertThat(refusal(rule("name: b", "action: accept", "greetingContains: [\"\"]")))
                .isEqualTo("bot.yaml line 7: friendRequests.rules[1].greetingContains[0]: must not be empty");
        assertThat(refusal(rule("name: b", "action: accept", "welcome: \"\"")))
                .isEqualTo("bot.yaml line 7: friendRequests.rules[1].welcome: must not be empty");
    }

    @Test
    void aYamlSyntaxErrorIsNamedByItsLineInSnakeYamlsWordsWithoutQuotingTheFile() throws Exception {
        assertThat(refusal("friendRequests:\n  rules:\n    - name: a\n     action: accept\n"))
                .isEqualTo("bot.yaml line 4: not valid YAML: expected <block end>, but found "
                        + "'<block mapping start>' (while parsing a block collection)");
        assertThat(refusal("friendRequests:\n  autoAnswerDailyCap: 5\n\tx: 1\n"))
                .isEqualTo("bot.yaml line 3: not valid YAML: found character '\\t(TAB)' that cannot start "
                        + "any token. (Do not use \\t(TAB) for indentation) (while scanning for the next token)");
        assertThat(refusal("friendRequests:\n  rules: [a, b\n  x: 1\n"))
                .doesNotContain("\n").startsWith("bot.yaml line 3: not valid YAML: ");
    }

    @Test
    void aSecondDocumentIsRefused() throws Exception {
        assertThat(refusal("friendRequests: {}\n---\nfriendRequests: {}\n"))
                .isEqualTo("bot.yaml line 3: holds a second YAML document (after ---); the host reads one");
    }

    @Test
    void aFileThatCannotBeReadIsNamedWithoutALine() throws Exception {
        Path missing = dir.resolve("missing.yaml");
        assertThatThrownBy(() -> ConfigFile.read(missing)).isInstanceOf(ConfigFileException.class)
                .hasMessage(missing + ": no such file");
        assertThatThrownBy(() -> ConfigFile.read(dir)).hasMessage(dir + ": is a folder, not a file");
        Path latin1 = Files.write(dir.resolve("latin1.yaml"),
                "friendRequests:\n  rules:\n    - name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> ConfigFile.read(latin1)).hasMessage(latin1 + " line 3: cannot be read: not UTF-8 text");
        Path huge = Files.write(dir.resolve("huge.yaml"), new byte[(int) ConfigFileReader.MAX_BYTES + 1]);
        assertThatThrownBy(() -> ConfigFile.read(huge)).hasMessage(huge + ": is larger than 1 MiB: not a configuration file");
    }

    @Test
    void theRefusalTellsItsLineAndKeyApart() throws Exception {
        Path bad = file(rule("name: b", "action: acept"));
        assertThatThrownBy(() -> ConfigFile.read(bad)).isInstanceOfSatisfying(ConfigFileException.class, e -> {
            assertThat(e.line()).isEqualTo(OptionalInt.of(6));
            assertThat(e.keyPath()).isEqualTo("friendRequests.rules[1].action");
        });
        assertThatThrownBy(() -> ConfigFile.read(dir.resolve("none.yaml"))).isInstanceOfSatisfying(ConfigFileException.class,
                e -> {
                    assertThat(e.line()).isEmpty();
                    assertThat(e.keyPath()).isEmpty();
                });
    }

    @Test
    void theReadmesExampleRefusalsAreWhatTheHostSaysForItsExampleWithThatMistake() throws Exception {
        String example = ReadmeConfigFile.example();
        List<String> mistakes = List.of(
                example.replace("action: accept", "action: acept"),
                example.replace("labels: [", "lables: ["),
                example.replace("greetingContains: [\"加好友\", \"join\"]", "greetingContains: join"),
                "friendRequests:\n  rules:\n    - name: keyword\n     action: accept\n");
        List<String> said = new ArrayList<>();
        for (String mistake : mistakes) {
            said.add(ReadmeConfigFile.ERROR_PREFIX + refusal(mistake));
        }
        Files.deleteIfExists(dir.resolve("bot.yaml"));
        said.add(ReadmeConfigFile.ERROR_PREFIX + refusal(null));

        assertThat(ReadmeConfigFile.errorExamples()).containsExactlyElementsOf(said);
    }
}
