package io.gewebot.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gewebot.api.AddRequest;
import io.gewebot.api.ContactOutcome;
import io.gewebot.api.ContactOutcome.Done;
import io.gewebot.api.ContactOutcome.Reason;
import io.gewebot.api.ContactOutcome.Refused;
import io.gewebot.api.ContactSettings;
import io.gewebot.api.FriendRequest;
import io.gewebot.sandbox.GeweSandbox;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Configuring, closing, and the plugin closing what its extensions left open. */
class LifecycleTest {

    private static final FriendRequest BOB = new FriendRequest("wxid_bob", "Bob", "hi", 6, "v3_x", "v4_y",
            Instant.now());

    private GeweSandbox gewe;
    private OpenActions openActions;

    @BeforeEach
    void start() {
        gewe = GeweSandbox.start();
        openActions = new OpenActions();
    }

    @AfterEach
    void stop() {
        openActions.closeAll();
        gewe.close();
    }

    @Test
    void itIsNamedGeweContacts() {
        assertThat(new GeweContactAction().name()).isEqualTo("gewe-contacts");
    }

    @Test
    void everyOperationIsRefusedBeforeConfigure() {
        GeweContactAction action = new GeweContactAction(openActions);

        Refused expected = new Refused(Reason.NOT_CONFIGURED, "gewe-contacts is not configured");
        assertThat(action.add(AddRequest.of("wxid_demo"))).isEqualTo(expected);
        assertThat(action.accept(BOB, "")).isEqualTo(expected);
        assertThat(action.reject(BOB, "")).isEqualTo(expected);
        assertThat(gewe.calls()).isEmpty();
    }

    @Test
    void everyOperationIsRefusedAfterClose() {
        GeweContactAction action = new GeweContactAction(openActions);
        action.configure(Fixtures.settings(gewe));
        action.close();
        action.close();

        assertThat(action.add(AddRequest.of("wxid_demo"))).isInstanceOfSatisfying(Refused.class,
                refused -> assertThat(refused.reason()).isEqualTo(Reason.NOT_CONFIGURED));
        assertThat(gewe.calls()).isEmpty();
    }

    @Test
    void missingArgumentsAreRefusedRatherThanThrown() {
        GeweContactAction action = new GeweContactAction(openActions);
        action.configure(Fixtures.settings(gewe));

        assertThat(action.add(null)).isEqualTo(new Refused(Reason.INVALID_TARGET, "no one to add"));
        assertThat(action.accept(null, "")).isEqualTo(
                new Refused(Reason.NOTHING_TO_ACCEPT, "no friend request to answer"));
        assertThat(gewe.calls()).isEmpty();
    }

    @Test
    void configureNamesTheMissingSettingWithoutRevealingTheToken() {
        GeweContactAction action = new GeweContactAction(openActions);
        ContactSettings noAppId = ContactSettings.of(Map.of(
                ContactSettings.BASE_URL, gewe.baseUrl(), ContactSettings.TOKEN, "secret-token-123"));

        assertThatThrownBy(() -> action.configure(noAppId))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("setting 'appId' is required");
        assertThat(openActions.count()).isZero();
    }

    @Test
    void aBaseUrlThatIsNotHttpIsRejected() {
        GeweContactAction action = new GeweContactAction(openActions);

        assertThatThrownBy(() -> action.configure(
                Fixtures.settings("ftp://127.0.0.1/v2/api", "t", "a", Map.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'baseUrl' must be an http or https URL");
    }

    @Test
    void aTokenAHeaderCannotCarryIsRejectedWithoutRepeatingIt() {
        GeweContactAction action = new GeweContactAction(openActions);

        assertThatThrownBy(() -> action.configure(Fixtures.settings(gewe.baseUrl(), "abc\r\nX-Evil: 1", "a", Map.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("setting 'token'")
                .hasMessageNotContaining("abc")
                .hasMessageNotContaining("Evil");
    }

    @Test
    void configuringAgainSwitchesToTheNewSettings() {
        GeweSandbox other = GeweSandbox.start();
        try (other) {
            GeweContactAction action = new GeweContactAction(openActions);
            action.configure(Fixtures.settings(gewe));
            action.configure(Fixtures.settings(other));

            ContactOutcome outcome = action.add(AddRequest.of("wxid_demo"));

            assertThat(outcome).isInstanceOf(Done.class);
            assertThat(gewe.calls()).isEmpty();
            assertThat(other.calls()).hasSize(2);
            assertThat(openActions.count()).isEqualTo(1);
        }
    }

    @Test
    void stoppingThePluginClosesEveryExtensionStillOpen() {
        GeweContactAction first = new GeweContactAction(openActions);
        GeweContactAction second = new GeweContactAction(openActions);
        GeweContactAction closedEarlier = new GeweContactAction(openActions);
        first.configure(Fixtures.settings(gewe));
        second.configure(Fixtures.settings(gewe));
        closedEarlier.configure(Fixtures.settings(gewe));
        closedEarlier.close();
        assertThat(openActions.count()).isEqualTo(2);

        new GeweContactsPlugin(openActions).stop();

        assertThat(openActions.count()).isZero();
        assertThat(first.add(AddRequest.of("wxid_demo"))).isInstanceOf(Refused.class);
        assertThat(second.add(AddRequest.of("wxid_demo"))).isInstanceOf(Refused.class);
        assertThat(gewe.calls()).isEmpty();
    }

    @Test
    void phoneNumbersAreDigitsWithAnOptionalLeadingPlus() {
        assertThat(GeweContactAction.isPhoneNumber("13800138000")).isTrue();
        assertThat(GeweContactAction.isPhoneNumber("+8613800138000")).isTrue();
        assertThat(GeweContactAction.isPhoneNumber("wxid_demo")).isFalse();
        assertThat(GeweContactAction.isPhoneNumber("138-0013")).isFalse();
        assertThat(GeweContactAction.isPhoneNumber("+")).isFalse();
        assertThat(GeweContactAction.isPhoneNumber("１３８")).isFalse();
    }
}
