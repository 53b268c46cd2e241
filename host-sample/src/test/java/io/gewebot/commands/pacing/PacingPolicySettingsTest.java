package io.gewebot.commands.pacing;

import io.gewebot.common.settings.PacingPolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A chat extension's settings describe its pacing: missing keys keep the safe defaults, a bad value names its key. */
class PacingPolicySettingsTest {

    @Test
    void noSettingsAreTheSafeDefaultsWarmUpIncluded() {
        PacingPolicy policy = PacingPolicy.fromSettings(Map.of());

        assertThat(policy).isEqualTo(PacingPolicy.defaults());
        assertThat(policy.skipWarmup()).isFalse();
        assertThat(policy.warmup()).isEqualTo(Duration.ofDays(3));
    }

    @Test
    void everyKeyIsReadAsTheConfigurationFileNamesIt() {
        PacingPolicy policy = PacingPolicy.fromSettings(Map.ofEntries(
                Map.entry("addInterval", "45m"), Map.entry("addJitter", "PT2M"), Map.entry("addDailyCap", "4"),
                Map.entry("answerInterval", "7s"), Map.entry("answerDailyCap", "20"),
                Map.entry("searchInterval", "500ms"), Map.entry("searchDailyCap", "9"),
                Map.entry("addDedupWindow", "14d"), Map.entry("warmup", "0"),
                Map.entry("onlineSince", "2026-11-01"), Map.entry("skipWarmup", "true"),
                Map.entry("backoffBase", "2h"), Map.entry("backoffMax", "PT72H")));

        assertThat(policy).isEqualTo(new PacingPolicy(Duration.ofMinutes(45), Duration.ofMinutes(2), 4,
                Duration.ofSeconds(7), Duration.ofDays(14), Duration.ZERO,
                Optional.of(Instant.parse("2026-11-01T00:00:00Z")), true, Duration.ofHours(2), Duration.ofHours(72),
                Duration.ofMillis(500), 9, 20));
    }

    @ParameterizedTest
    @ValueSource(strings = {"30", "30 minutes", "half an hour", "-5m"})
    void aDurationWithoutItsUnitIsRefusedNamingTheKeyAndShowingHowToWriteIt(String value) {
        assertThatThrownBy(() -> PacingPolicy.fromSettings(Map.of("addInterval", value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("setting addInterval: must be a duration")
                .hasMessageContaining("90s");
        assertThatThrownBy(() -> PacingPolicy.fromSettings(Map.of("addInterval", "30")))
                .hasMessageContaining("30m").hasMessageContaining("not a bare number");
    }

    @Test
    void otherBadValuesNameTheirKey() {
        assertThatThrownBy(() -> PacingPolicy.fromSettings(Map.of("addDailyCap", "ten")))
                .hasMessage("setting addDailyCap: not a whole number");
        assertThatThrownBy(() -> PacingPolicy.fromSettings(Map.of("skipWarmup", "yes")))
                .hasMessage("setting skipWarmup: not true or false");
        assertThatThrownBy(() -> PacingPolicy.fromSettings(Map.of("onlineSince", "yesterday")))
                .hasMessageStartingWith("setting onlineSince: ");
        assertThatThrownBy(() -> PacingPolicy.fromSettings(Map.of("addDailyCap", "0")))
                .hasMessageStartingWith("pacing settings: ").hasMessageContaining("addDailyCap");
    }
}
