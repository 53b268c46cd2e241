package io.gewebot.common.settings;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Some of a {@link PacingPolicy}'s parts, each one left out empty: what one source of settings (an
 * account's {@code pacing:} in the host's configuration file) says, laid over a whole policy with
 * {@link PacingPolicy#with(PacingSettings)}. The parts are the policy's, under its names.
 *
 * @param addDailyCap {@code addDailyCap}
 * @param addInterval {@code addInterval}
 * @param addJitter {@code addJitter}
 * @param answerInterval {@code answerInterval}
 * @param answerDailyCap {@code answerDailyCap}
 * @param searchInterval {@code searchInterval}
 * @param searchDailyCap {@code searchDailyCap}
 * @param addDedupWindow {@code addDedupWindow}
 * @param warmup {@code warmup}
 * @param onlineSince {@code onlineSince}
 * @param skipWarmup {@code skipWarmup}
 * @param backoffBase {@code backoffBase}
 * @param backoffMax {@code backoffMax}
 */
public record PacingSettings(Optional<Integer> addDailyCap, Optional<Duration> addInterval,
        Optional<Duration> addJitter, Optional<Duration> answerInterval, Optional<Integer> answerDailyCap,
        Optional<Duration> searchInterval, Optional<Integer> searchDailyCap, Optional<Duration> addDedupWindow,
        Optional<Duration> warmup, Optional<Instant> onlineSince, Optional<Boolean> skipWarmup,
        Optional<Duration> backoffBase, Optional<Duration> backoffMax) {

    /** @return no part given */
    public static PacingSettings none() {
        return new PacingSettings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
