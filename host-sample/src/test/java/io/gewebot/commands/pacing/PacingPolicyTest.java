package io.gewebot.commands.pacing;

import io.gewebot.common.settings.PacingPolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PacingPolicyTest {

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        assertThat(PacingPolicy.defaults()).isEqualTo(new PacingPolicy(
                Duration.ofMinutes(30), Duration.ofMinutes(10), 10, Duration.ofSeconds(5), Duration.ofDays(7),
                Duration.ofDays(3), Optional.empty(), false, Duration.ofHours(1), Duration.ofHours(48),
                Duration.ofSeconds(10), 30, 100));
    }

    @Test
    void eachWitherChangesOnlyItsPart() {
        PacingPolicy d = PacingPolicy.defaults();
        Instant since = Instant.parse("2025-01-01T00:00:00Z");
        PacingPolicy changed = d.withAddInterval(Duration.ofSeconds(90))
                .withAddJitter(Duration.ofSeconds(10))
                .withAddDailyCap(5)
                .withAnswerInterval(Duration.ofSeconds(2))
                .withAddDedupWindow(Duration.ofDays(30))
                .withWarmup(Duration.ofDays(1))
                .withOnlineSince(since)
                .withSkipWarmup(true)
                .withBackoffBase(Duration.ofMinutes(30))
                .withBackoffMax(Duration.ofHours(12))
                .withSearchInterval(Duration.ofSeconds(3))
                .withSearchDailyCap(7)
                .withAnswerDailyCap(9);
        assertThat(changed).isEqualTo(new PacingPolicy(
                Duration.ofSeconds(90), Duration.ofSeconds(10), 5, Duration.ofSeconds(2), Duration.ofDays(30),
                Duration.ofDays(1), Optional.of(since), true, Duration.ofMinutes(30), Duration.ofHours(12),
                Duration.ofSeconds(3), 7, 9));
        assertThat(changed.withOnlineSince(Optional.empty()).onlineSince()).isEmpty();
    }

    @Test
    void thePauseDoublesFromTheBaseAndStopsAtTheMaximum() {
        PacingPolicy d = PacingPolicy.defaults();
        assertThat(PacingRules.pauseAfter(d, 1)).isEqualTo(Duration.ofHours(1));
        assertThat(PacingRules.pauseAfter(d, 2)).isEqualTo(Duration.ofHours(2));
        assertThat(PacingRules.pauseAfter(d, 6)).isEqualTo(Duration.ofHours(32));
        assertThat(PacingRules.pauseAfter(d, 7)).isEqualTo(Duration.ofHours(48));
        assertThat(PacingRules.pauseAfter(d, 1000)).isEqualTo(Duration.ofHours(48));
    }

    @Test
    void nonsensicalPoliciesAreRejected() {
        PacingPolicy d = PacingPolicy.defaults();
        assertThatThrownBy(() -> d.withAddDailyCap(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withSearchDailyCap(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withAnswerDailyCap(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withSearchInterval(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withAddInterval(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withBackoffBase(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withBackoffMax(Duration.ofMinutes(59))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withAddJitter(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aCapFreesWhenTheOldestStartKeepingItFullLeavesTheWindow() {
        Instant t = Instant.parse("2026-03-01T08:00:00Z");
        List<Instant> starts = List.of(t, t.plusSeconds(60), t.plusSeconds(120));

        assertThat(PacingRules.capFreesAt(starts, 4)).isEmpty();
        assertThat(PacingRules.capFreesAt(starts, 3)).contains(t.plus(PacingPolicy.CAP_WINDOW));
        assertThat(PacingRules.capFreesAt(starts, 2)).contains(t.plusSeconds(60).plus(PacingPolicy.CAP_WINDOW));
        assertThatThrownBy(() -> PacingRules.capFreesAt(starts, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
