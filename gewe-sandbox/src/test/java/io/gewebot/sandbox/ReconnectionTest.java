package io.gewebot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReconnectionTest {

    private final GeweSandbox sandbox = GeweSandbox.start();
    private final GeweClient client = new GeweClient(sandbox);

    @AfterEach
    void close() {
        sandbox.close();
    }

    @Test
    void reconnectionPutsADroppedAccountBackOnline() {
        sandbox.setOnline(false);

        JsonNode envelope = client.call("/login/reconnection");

        assertThat(envelope.path("ret").asInt()).isEqualTo(200);
        assertThat(sandbox.isOnline()).isTrue();
        assertThat(client.call("/login/checkOnline").path("data").asBoolean()).isTrue();
        assertThat(sandbox.calls("/login/reconnection")).hasSize(1);
    }

    @Test
    void aReconnectionRefusedByAnArmedFaultLeavesTheAccountOffline() {
        sandbox.setOnline(false);
        sandbox.faults().always("/login/reconnection", Fault.ret500("重连失败"));

        JsonNode first = client.call("/login/reconnection");
        JsonNode second = client.call("/login/reconnection");

        assertThat(first.path("ret").asInt()).isEqualTo(500);
        assertThat(second.path("msg").asText()).isEqualTo("重连失败");
        assertThat(sandbox.isOnline()).isFalse();
        assertThat(sandbox.calls("/login/reconnection")).hasSize(2);
    }

    @Test
    void reconnectionForAnotherDeviceIsRefused() {
        sandbox.setOnline(false);

        JsonNode envelope = GeweClient.envelope(client.post("/login/reconnection", "{\"appId\":\"wx_other\"}", sandbox.token()));

        assertThat(envelope.path("msg").asText()).isEqualTo(ApiHandler.BAD_APP_ID);
        assertThat(sandbox.isOnline()).isFalse();
    }
}
