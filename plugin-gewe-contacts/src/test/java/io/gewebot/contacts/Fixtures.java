package io.gewebot.contacts;

import io.gewebot.api.ContactSettings;
import io.gewebot.sandbox.GeweSandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

/** Settings and addresses the tests share. */
final class Fixtures {

    private Fixtures() {
    }

    /** Settings for a sandbox, with generous timeouts so only deliberate faults time out. */
    static ContactSettings settings(GeweSandbox gewe) {
        return settings(gewe, Map.of());
    }

    /** Settings for a sandbox, with some keys added or replaced. */
    static ContactSettings settings(GeweSandbox gewe, Map<String, String> overrides) {
        return settings(gewe.baseUrl(), gewe.token(), gewe.appId(), overrides);
    }

    static ContactSettings settings(String baseUrl, String token, String appId, Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(ContactSettings.BASE_URL, baseUrl);
        values.put(ContactSettings.TOKEN, token);
        values.put(ContactSettings.APP_ID, appId);
        values.put(ContactSettings.CONNECT_TIMEOUT_MS, "2000");
        values.put(ContactSettings.RESPONSE_TIMEOUT_MS, "5000");
        values.putAll(overrides);
        return ContactSettings.of(values);
    }

    /** A loopback port nothing listens on (it was free a moment ago). */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
