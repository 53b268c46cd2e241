package io.gewebot.common.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gewebot.api.FriendRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class FriendRequestRuleTest {

    private static FriendRequest request(String greeting, int scene) {
        return new FriendRequest("wxid_new", "小明", greeting, scene, "v3_x", "v4_x", Instant.parse("2026-03-01T10:00:00Z"));
    }

    private static FriendRequestRule rule(List<String> contains, String matches, Set<Integer> scenes) {
        return new FriendRequestRule("r", contains, Optional.ofNullable(matches).map(Pattern::compile), scenes,
                RuleAction.ACCEPT, Optional.empty(), Optional.empty(), List.of());
    }

    @Test
    void anyOfTheTextsInTheGreetingMatchesWithoutRegardToCase() {
        FriendRequestRule rule = rule(List.of("加好友", "join"), null, Set.of());

        assertThat(rule.matches(request("我想加好友", 3))).isTrue();
        assertThat(rule.matches(request("please let me JOIN", 3))).isTrue();
        assertThat(rule.matches(request("Join us", 3))).isTrue();
        assertThat(rule.matches(request("hello", 3))).isFalse();
        assertThat(rule.matches(request("", 3))).isFalse();
    }

    @Test
    void fullWidthLettersAndDigitsMatchTheirHalfWidthForms() {
        assertThat(rule(List.of("join"), null, Set.of()).matches(request("ＪＯＩＮ", 3))).isTrue();
        assertThat(rule(List.of("ＪＯＩＮ"), null, Set.of()).matches(request("join me", 3))).isTrue();
        assertThat(rule(List.of("vip2026"), null, Set.of()).matches(request("ｖｉｐ２０２６", 3))).isTrue();
    }

    @Test
    void theExpressionNeedsOnlyToBeFoundInTheGreeting() {
        assertThat(rule(List.of(), "\\d{6}", Set.of()).matches(request("code 123456 please", 3))).isTrue();
        assertThat(rule(List.of(), "^\\d{6}$", Set.of()).matches(request("code 123456 please", 3))).isFalse();
        assertThat(rule(List.of(), "^\\d{6}$", Set.of()).matches(request("123456", 3))).isTrue();
        // Unlike greetingContains, the expression is Java's: case counts unless it says otherwise.
        assertThat(rule(List.of(), "join", Set.of()).matches(request("JOIN", 3))).isFalse();
        assertThat(rule(List.of(), "(?i)join", Set.of()).matches(request("JOIN", 3))).isTrue();
    }

    @Test
    void everyConditionTheRuleHasMustHold() {
        FriendRequestRule rule = rule(List.of("join"), "\\d{6}", Set.of(3, 15));

        assertThat(rule.matches(request("join 123456", 15))).isTrue();
        assertThat(rule.matches(request("join 12345", 15))).isFalse();
        assertThat(rule.matches(request("hello 123456", 15))).isFalse();
        assertThat(rule.matches(request("join 123456", 6))).isFalse();
    }

    @Test
    void theRequestsSceneMustBeOneOfTheScenesWhenTheyAreGiven() {
        FriendRequestRule byScene = rule(List.of(), null, Set.of(3, 15));

        assertThat(byScene.matches(request("hi", 3))).isTrue();
        assertThat(byScene.matches(request("hi", 15))).isTrue();
        assertThat(byScene.matches(request("hi", 30))).isFalse();
    }

    @Test
    void aRuleWithoutConditionsMatchesEveryRequest() {
        FriendRequestRule any = rule(List.of(), null, Set.of());

        assertThat(any.matches(request("", 0))).isTrue();
        assertThat(any.matches(request("anything", 30))).isTrue();
    }

    @Test
    void onlyAWelcomeARemarkOrLabelsAreFollowUps() {
        assertThat(rule(List.of(), null, Set.of()).hasFollowUps()).isFalse();
        assertThat(new FriendRequestRule("r", List.of(), Optional.empty(), Set.of(), RuleAction.ACCEPT, Optional.empty(),
                Optional.empty(), List.of("from-bot")).hasFollowUps()).isTrue();
        assertThat(new FriendRequestRule("r", List.of(), Optional.empty(), Set.of(), RuleAction.ACCEPT, Optional.of("hi"),
                Optional.empty(), List.of()).hasFollowUps()).isTrue();
    }

    @Test
    void aRuleNeedsAName() {
        assertThatThrownBy(() -> new FriendRequestRule(" ", List.of(), Optional.empty(), Set.of(), RuleAction.ASK,
                Optional.empty(), Optional.empty(), List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theFirstRuleThatMatchesDecides() {
        FriendRequestRule join = new FriendRequestRule("join", List.of("join"), Optional.empty(), Set.of(),
                RuleAction.ACCEPT, Optional.empty(), Optional.empty(), List.of());
        FriendRequestRule all = new FriendRequestRule("all", List.of(), Optional.empty(), Set.of(), RuleAction.ASK,
                Optional.empty(), Optional.empty(), List.of());
        FriendRequestRules rules = new FriendRequestRules(5, List.of(join, all));

        assertThat(rules.firstMatch(request("join", 3))).contains(join);
        assertThat(rules.firstMatch(request("hello", 3))).contains(all);
        assertThat(FriendRequestRules.none().firstMatch(request("join", 3))).isEmpty();
    }
}
