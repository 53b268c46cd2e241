package io.gewebot.common.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RuleSettingsTest {

    private static final FriendRequestRules RULES = new FriendRequestRules(7, List.of(
            new FriendRequestRule("join", List.of("join", "加入"), Optional.of(Pattern.compile("^\\d{4}$")),
                    Set.of(3, 30), RuleAction.ACCEPT, Optional.of("Hi {nickname}"), Optional.of("from {scene}"),
                    List.of("customers", "vip")),
            new FriendRequestRule("spam", List.of(), Optional.empty(), Set.of(), RuleAction.REJECT, Optional.empty(),
                    Optional.empty(), List.of())));

    @Test
    void rulesWrittenAsSettingsReadBackTheSame() {
        Map<String, String> settings = RuleSettings.write(RULES);

        assertThat(settings).containsEntry("friendRequests.autoAnswerDailyCap", "7")
                .containsEntry("friendRequests.rules[0].greetingContains[1]", "加入")
                .containsEntry("friendRequests.rules[0].scenes[0]", "3")
                .containsEntry("friendRequests.rules[0].action", "accept")
                .containsEntry("friendRequests.rules[1].name", "spam");
        FriendRequestRules read = RuleSettings.read(settings);
        assertThat(read.autoAnswerDailyCap()).isEqualTo(7);
        assertThat(read.rules()).hasSize(2);
        FriendRequestRule join = read.rules().get(0);
        assertThat(join.greetingMatches().map(Pattern::pattern)).contains("^\\d{4}$");
        assertThat(join).usingRecursiveComparison().ignoringFields("greetingMatches").isEqualTo(RULES.rules().get(0));
        assertThat(read.rules().get(1)).isEqualTo(RULES.rules().get(1));
    }

    @Test
    void withoutAnyKeyThereAreNoRulesAndTheDefaultCap() {
        assertThat(RuleSettings.read(Map.of("lang", "en"))).isEqualTo(FriendRequestRules.none());
    }

    @Test
    void aValueThatCannotBeReadNamesItsKey() {
        Map<String, String> settings = new HashMap<>(RuleSettings.write(RULES));
        settings.put("friendRequests.rules[1].action", "acept");
        assertThatThrownBy(() -> RuleSettings.read(settings)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("setting friendRequests.rules[1].action: must be accept, reject or ask, not 'acept'");

        settings.putAll(RuleSettings.write(RULES));
        settings.put("friendRequests.rules[0].welcome", "Hi {nick}");
        assertThatThrownBy(() -> RuleSettings.read(settings))
                .hasMessageStartingWith("setting friendRequests.rules[0].welcome: unknown placeholder {nick}");

        settings.putAll(RuleSettings.write(RULES));
        settings.put("friendRequests.rules[0].greetingMatches", "(");
        assertThatThrownBy(() -> RuleSettings.read(settings))
                .hasMessageStartingWith("setting friendRequests.rules[0].greetingMatches: not a regular expression");

        settings.putAll(RuleSettings.write(RULES));
        settings.put("friendRequests.rules[0].scenes[1]", "three");
        assertThatThrownBy(() -> RuleSettings.read(settings))
                .hasMessage("setting friendRequests.rules[0].scenes: 'three' is not a whole number");

        settings.putAll(RuleSettings.write(RULES));
        settings.put("friendRequests.autoAnswerDailyCap", "-1");
        assertThatThrownBy(() -> RuleSettings.read(settings))
                .hasMessage("setting friendRequests.autoAnswerDailyCap: must not be negative");
    }
}
