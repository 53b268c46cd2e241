package io.gewebot.commands.chat;

import io.gewebot.common.chat.Origin;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.api.AddRequest;
import io.gewebot.api.ContactAction;
import io.gewebot.api.ContactOutcome;
import io.gewebot.api.ContactOutcome.FailureKind;
import io.gewebot.api.ContactSettings;
import io.gewebot.api.FriendRequest;
import io.gewebot.commands.pacing.PacingPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host acts on a plugin's failure kind, not on its wording: a stub extension that answers
 * "rate-limited" or "account offline" with a neutral text gets the same treatment as GeWe's own
 * texts would.
 */
class CommandRouterFailureKindsTest {


    @TempDir
    Path dir;

    private RouterRig rig;

    /** An extension whose every add fails with the kind and text its settings name. */
    public static final class KindStub implements ContactAction {
        private volatile ContactOutcome.Failed failure;

        /** Found by {@link java.util.ServiceLoader}. */
        public KindStub() {
        }

        @Override
        public String name() {
            return "kind-stub";
        }

        @Override
        public void configure(ContactSettings settings) {
            failure = ContactOutcome.Failed.platform(FailureKind.valueOf(settings.get("stub.kind").orElseThrow()), 500,
                    settings.get("stub.text").orElseThrow(), null, null);
        }

        @Override
        public ContactOutcome add(AddRequest request) {
            return failure;
        }

        @Override
        public ContactOutcome accept(FriendRequest request, String message) {
            return failure;
        }

        @Override
        public ContactOutcome reject(FriendRequest request, String message) {
            return failure;
        }
    }

    @AfterEach
    void close() {
        if (rig != null) {
            rig.close();
        }
    }

    private CommandRouter router(FailureKind kind, String text) throws Exception {
        rig = new RouterRig(dir, KindStub.class, Map.of("stub.kind", kind.name(), "stub.text", text),
                PacingPolicy.defaults().withSkipWarmup(true).withMinInterval(Duration.ZERO).withJitter(Duration.ZERO)
                        .withSearchInterval(Duration.ZERO), "en", Clock.systemUTC());
        return rig.router;
    }

    private String run(CommandRouter router, String text) {
        return rig.run(Origin.console(), text);
    }

    @Test
    void aRateLimitedAnswerInNeutralWordsPausesAdds() throws Exception {
        CommandRouter router = router(FailureKind.RATE_LIMITED, "please slow down");

        String first = run(router, "/add wxid_a");
        assertThat(first).contains("Friend request to wxid_a failed: please slow down")
                .contains("WeChat answered with a risk-control text (please slow down). All friend requests are paused until ");
        assertThat(run(router, "/add wxid_b")).startsWith("Friend requests are paused until ");
    }

    @Test
    void anAccountOfflineAnswerInNeutralWordsRefusesTheNextAdd() throws Exception {
        CommandRouter router = router(FailureKind.ACCOUNT_OFFLINE, "not logged in");

        assertThat(run(router, "/add wxid_a")).contains("Friend request to wxid_a failed: not logged in");
        assertThat(run(router, "/add wxid_b"))
                .isEqualTo("The WeChat account is offline; /add is refused until it is online again." + System.lineSeparator());
    }

    @Test
    void anyOtherPlatformFailureNeitherPausesNorTakesTheAccountOffline() throws Exception {
        CommandRouter router = router(FailureKind.PLATFORM, "频繁 离线");

        assertThat(run(router, "/add wxid_a")).contains("Friend request to wxid_a failed: 频繁 离线")
                .doesNotContain("paused");
        assertThat(run(router, "/add wxid_b")).contains("Friend request to wxid_b failed: 频繁 离线");
    }
}
