package io.gewebot.commands.pacing;

import io.gewebot.common.settings.PacingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What the pacing policy's numbers mean for the pacer: when a full cap frees a place, how long a pause lasts. */
final class PacingRules {

    private PacingRules() {
    }

    /**
     * When a cap of so many in any {@link PacingPolicy#CAP_WINDOW} lets one more in.
     *
     * @param startsInWindow the instants counted against the cap that lie in the window now, oldest first
     * @param cap the cap, at least 1
     * @return empty while there is room; once the cap is full, the instant at which the oldest start that
     *     keeps it full leaves the window
     */
    static Optional<Instant> capFreesAt(List<Instant> startsInWindow, int cap) {
        if (cap < 1) {
            throw new IllegalArgumentException("a cap must be at least 1, got " + cap);
        }
        if (startsInWindow.size() < cap) {
            return Optional.empty();
        }
        return Optional.of(startsInWindow.get(startsInWindow.size() - cap).plus(PacingPolicy.CAP_WINDOW));
    }

    /**
     * The pause after the given number of risk-control reports in a row: {@code backoffBase}
     * doubled for each report after the first, never beyond {@code backoffMax}.
     *
     * @param policy the pacing, its {@code backoffBase} and {@code backoffMax}
     * @param strikes the reports in a row, at least 1
     * @return the pause
     */
    static Duration pauseAfter(PacingPolicy policy, int strikes) {
        int doublings = Math.max(0, strikes - 1);
        // past 62 doublings a long overflows; the cap has long been reached by then anyway
        if (doublings >= 62) {
            return policy.backoffMax();
        }
        long base = policy.backoffBase().toMillis();
        long factor = 1L << doublings;
        if (base > policy.backoffMax().toMillis() / factor) {
            return policy.backoffMax();
        }
        Duration pause = Duration.ofMillis(base * factor);
        return pause.compareTo(policy.backoffMax()) > 0 ? policy.backoffMax() : pause;
    }
}
