package io.gewebot.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.api.AccountCheck;
import io.gewebot.api.ContactOutcome.FailureKind;
import io.gewebot.sandbox.Fault;
import io.gewebot.sandbox.GeweSandbox;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the plugin tells the host about the account, classified as GeWe's answers are. */
class CheckAccountTest {

    private final GeweSandbox gewe = GeweSandbox.start();
    private final GeweContactAction action = new GeweContactAction(new OpenActions());

    @AfterEach
    void stop() {
        action.close();
        gewe.close();
    }

    @Test
    void anOnlineAccountIsOnlineAndAnOfflineOneOffline() {
        action.configure(Fixtures.settings(gewe));

        assertThat(action.checkAccount()).isEqualTo(new AccountCheck.Online());
        gewe.setOnline(false);
        assertThat(action.checkAccount()).isEqualTo(new AccountCheck.Offline());
        assertThat(gewe.calls("/login/checkOnline")).hasSize(2)
                .allSatisfy(call -> assertThat(call.json().path("appId").asText()).isEqualTo(gewe.appId()));
    }

    @Test
    void aTokenGeweRefusesIsTokenInvalidWithGewesOwnText() {
        action.configure(Fixtures.settings(gewe.baseUrl(), "nope", gewe.appId(), Map.of()));

        AccountCheck check = action.checkAccount();

        assertThat(check).isInstanceOfSatisfying(AccountCheck.Failed.class, failed -> {
            assertThat(failed.failure().kind()).isEqualTo(FailureKind.TOKEN_INVALID);
            assertThat(failed.failure().texts()).isEqualTo("HTTP HEADER: X-GEWE-TOKEN=xxx 不可用或已过期");
            assertThat(failed.failure().possiblyDelivered()).isFalse();
        });
    }

    @Test
    void aBareRet500IsTakenAsARefusedTokenAsOnEveryOtherCall() {
        action.configure(Fixtures.settings(gewe));
        gewe.faults().once("/login/checkOnline", Fault.ret500(null));

        AccountCheck check = action.checkAccount();

        assertThat(check).isInstanceOfSatisfying(AccountCheck.Failed.class,
                failed -> assertThat(failed.failure().kind()).isEqualTo(FailureKind.TOKEN_INVALID));
    }

    @Test
    void aGeweThatCannotBeReachedIsAConnectionFailureNotATokenProblem() {
        action.configure(Fixtures.settings("http://127.0.0.1:" + Fixtures.closedPort() + "/v2/api", gewe.token(),
                gewe.appId(), Map.of()));

        AccountCheck check = action.checkAccount();

        assertThat(check).isInstanceOfSatisfying(AccountCheck.Failed.class,
                failed -> assertThat(failed.failure().kind()).isEqualTo(FailureKind.CONNECTION));
    }

    @Test
    void aMalformedAnswerIsUnreadableNotATokenProblem() {
        action.configure(Fixtures.settings(gewe));
        gewe.faults().once("/login/checkOnline", Fault.malformedJson());

        assertThat(action.checkAccount()).isInstanceOfSatisfying(AccountCheck.Failed.class,
                failed -> assertThat(failed.failure().kind()).isEqualTo(FailureKind.UNREADABLE_RESPONSE));
    }

    @Test
    void beforeConfigureNothingCanBeAsked() {
        assertThat(action.checkAccount()).isEqualTo(new AccountCheck.Unsupported());
        assertThat(gewe.calls()).isEmpty();
    }
}
