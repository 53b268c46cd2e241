package io.gewebot.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContactSettingsTest {

    private final ContactSettings settings = ContactSettings.of(Map.of(
            ContactSettings.BASE_URL, "http://127.0.0.1:2531/v2/api",
            ContactSettings.TOKEN, "tok-123-secret",
            ContactSettings.APP_ID, "wx_app",
            ContactSettings.RESPONSE_TIMEOUT_MS, "1500"));

    @Test
    void typedAccessorsReadTheirKeysAndFallBackToDefaults() {
        assertThat(settings.baseUrl()).isEqualTo("http://127.0.0.1:2531/v2/api");
        assertThat(settings.appId()).isEqualTo("wx_app");
        assertThat(settings.responseTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(settings.connectTimeout()).isEqualTo(ContactSettings.DEFAULT_CONNECT_TIMEOUT);
        assertThat(settings.defaultGreeting()).isEmpty();
    }

    @Test
    void toStringNeverShowsTheToken() {
        assertThat(settings.toString()).doesNotContain("tok-123-secret").contains("token=***").contains("appId=wx_app");
    }

    @Test
    void missingRequiredSettingIsNamedInTheError() {
        ContactSettings empty = ContactSettings.of(Map.of());
        assertThatThrownBy(empty::token).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'token'");
    }

    @Test
    void malformedTimeoutIsRejectedWithoutEchoingOtherValues() {
        ContactSettings bad = ContactSettings.of(Map.of(ContactSettings.CONNECT_TIMEOUT_MS, "soon"));
        assertThatThrownBy(bad::connectTimeout).hasMessageContaining("connectTimeoutMs");
    }

    @Test
    void failedTextsJoinPlatformMessageAndDetail() {
        ContactOutcome.Failed failed = ContactOutcome.Failed.platform(500, "添加好友失败", "-2", "user ticket invalid");
        assertThat(failed.texts()).isEqualTo("添加好友失败: user ticket invalid");
    }

    @Test
    void friendRequestNeedsBothTickets() {
        assertThatThrownBy(() -> new FriendRequest("wxid_a", "", "", 6, "v3_x", " ", java.time.Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void addRequestWithBlankGreetingUsesTheDefault() {
        assertThat(AddRequest.of(" wxid_a ", "  ").greeting()).isEmpty();
        assertThat(AddRequest.of("wxid_a", "hi").greeting()).contains("hi");
        assertThat(AddRequest.of(" wxid_a ").target()).isEqualTo("wxid_a");
    }
}
