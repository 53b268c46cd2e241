package io.gewebot.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.common.settings.PacingPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host hands its account's configuration to the chat commands as settings, and nothing is lost on the way. */
class HostChatContextTest {

    @TempDir
    Path dir;

    @Test
    void theFlagsPacingReachesTheCommandsWhole() throws Exception {
        HostConfig config = HostCommandLine.parse(List.of("--add-interval", "45m", "--add-jitter", "2m",
                "--add-daily-cap", "4", "--answer-interval", "7s", "--answer-daily-cap", "20", "--search-interval",
                "3s", "--search-daily-cap", "9", "--add-dedup-window", "14d", "--warmup", "1d", "--online-since",
                "2026-11-01T08:00:00Z", "--backoff-base", "2h", "--backoff-max", "72h", "--lang", "zh",
                "--command-max-age", "5m"), Map.of(), dir);
        AccountConfig account = config.accounts().get(0);

        Map<String, String> settings = HostChatContext.settingsOf(account, false, Duration.ofSeconds(45));

        assertThat(PacingPolicy.fromSettings(settings)).isEqualTo(new PacingPolicy(Duration.ofMinutes(45),
                Duration.ofMinutes(2), 4, Duration.ofSeconds(7), Duration.ofDays(14), Duration.ofDays(1),
                Optional.of(Instant.parse("2026-11-01T08:00:00Z")), false, Duration.ofHours(2), Duration.ofHours(72),
                Duration.ofSeconds(3), 9, 20));
        assertThat(settings).containsEntry("lang", "zh").containsEntry("commandMaxAge", "PT5M");
    }

    @Test
    void theDefaultsOfTheFlagsAreTheCommandsOwnAndTheSandboxsAccountHasWarmedUp() throws Exception {
        AccountConfig account = HostCommandLine.parse(List.of(), Map.of(), dir).accounts().get(0);

        assertThat(PacingPolicy.fromSettings(HostChatContext.settingsOf(account, false, Duration.ofSeconds(45))))
                .isEqualTo(PacingPolicy.defaults());
        assertThat(PacingPolicy.fromSettings(HostChatContext.settingsOf(account, true, Duration.ofSeconds(45))).onlineSince())
                .contains(Instant.EPOCH);
    }
}
