package io.gewebot.host.hardening;

import static io.gewebot.host.hardening.Rig.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gewebot.host.e2e.BuiltHost;
import io.gewebot.host.e2e.PublicAddress;
import io.gewebot.sandbox.RecordedCall;
import io.gewebot.testkit.HostProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With {@code --public-url} the host registers its callback URL with GeWe once it listens, so that
 * GeWe's test message is answered; a URL GeWe cannot reach is logged and the host keeps serving;
 * without one, the log says how to register it.
 */
class CallbackRegistrationIT extends RigTest {

    private static final String SECRET = "s3cr3t-0f-the-callback";

    private HostProcess start(String... args) throws IOException {
        return BuiltHost.builder(dir).env(rig.env()).args("--port", "0", "--no-console").args(args).start();
    }

    @Test
    void withAPublicUrlTheHostRegistersItsCallbackUrlAndAnswersGewesTestMessage() throws Exception {
        try (PublicAddress address = new PublicAddress();
                HostProcess host = start("--public-url", address.url() + "/", "--callback-secret", SECRET)) {
            address.hostPort.complete(host.awaitListening(BuiltHost.START_LIMIT));

            String shown = address.url() + "/gewe/callback/***";
            host.awaitOutput("GeWe accepted the callback URL " + shown, Rig.WAIT);
            String registered = address.url() + "/gewe/callback/" + SECRET;
            RecordedCall call = gewe.calls("/tools/setCallback").get(0);
            assertThat(gewe.calls("/tools/setCallback")).hasSize(1);
            assertThat(call.json().path("callbackUrl").asText()).isEqualTo(registered);
            assertThat(call.json().path("token").asText()).isEqualTo(gewe.token());
            assertThat(call.headers()).containsEntry("x-gewe-token", gewe.token());
            assertThat(gewe.calls("/login/setCallback")).isEmpty();
            // GeWe's test message reached the host through the public address and was answered 200.
            assertThat(address.relayed).first().satisfies(probe -> {
                assertThat(probe.path()).isEqualTo("/gewe/callback/" + SECRET);
                assertThat(probe.body()).contains("\"testMsg\"");
                assertThat(probe.status()).isEqualTo(200);
            });
            assertThat(gewe.callbackUrl()).isEqualTo(registered);
            assertThat(host.output()).contains("Registering the callback URL " + shown + " with GeWe (self-hosted "
                    + "(guessed from the base URL; --gewe-variant / BOT_GEWE_VARIANT chooses), /tools/setCallback)");

            // Callbacks now arrive at the registered URL.
            int mark = rig.mark();
            assertThat(gewe.callbacks().pushText(ADMIN, "/help")).isEqualTo(200);
            assertThat(rig.awaitText(mark, ADMIN, "/add").content()).isNotEmpty();
            assertThat(host.output()).doesNotContain(SECRET);
        }
    }

    @Test
    void onTheHostedVariantTheCallbackUrlIsRegisteredWithLoginSetCallback() throws Exception {
        try (PublicAddress address = new PublicAddress();
                HostProcess host = start("--public-url", address.url(), "--gewe-variant", "hosted")) {
            address.hostPort.complete(host.awaitListening(BuiltHost.START_LIMIT));

            host.awaitOutput("GeWe accepted the callback URL " + address.url() + "/gewe/callback/***", Rig.WAIT);
            // No secret given: the one the host made and kept is in the URL.
            String made = java.nio.file.Files.readString(rig.data.resolve("callback-secret")).strip();
            assertThat(gewe.calls("/login/setCallback")).singleElement()
                    .satisfies(c -> assertThat(c.json().path("callbackUrl").asText())
                            .isEqualTo(address.url() + "/gewe/callback/" + made));
            assertThat(gewe.calls("/tools/setCallback")).isEmpty();
            assertThat(host.output()).contains("with GeWe (hosted, /login/setCallback)");
        }
    }

    @Test
    void aCallbackUrlGeweCannotReachIsLoggedWithItsUrlAndTheHostKeepsServing() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String unreachable = "http://127.0.0.1:" + closedPort;
        try (HostProcess host = start("--public-url", unreachable, "--callback-secret", SECRET)) {
            host.awaitListening(BuiltHost.START_LIMIT);

            host.awaitOutput("GeWe refused the callback URL " + unreachable + "/gewe/callback/***: 回调地址不可用",
                    Rig.WAIT);
            assertThat(gewe.calls("/tools/setCallback")).hasSize(1);
            assertThat(gewe.callbackUrl()).isNull();
            assertThat(host.alive()).isTrue();
            assertThat(host.health().path("account").path("state").asText()).isEqualTo("online");
            // The URL registered by hand works as before.
            gewe.setCallbackUrl(host.url("/gewe/callback/" + SECRET));
            int mark = rig.mark();
            assertThat(gewe.callbacks().pushText(ADMIN, "/help")).isEqualTo(200);
            assertThat(rig.awaitText(mark, ADMIN, "/add").content()).isNotEmpty();
            assertThat(host.output()).doesNotContain(SECRET).doesNotContain(gewe.token());
        }
    }

    @Test
    void withoutAPublicUrlNothingIsRegisteredAndTheLogSaysHow() throws Exception {
        try (HostProcess host = start()) {
            int port = host.awaitListening(BuiltHost.START_LIMIT);

            await("the start log").atMost(Rig.WAIT).pollInterval(Rig.POLL)
                    .until(() -> host.output().contains("No --public-url (BOT_PUBLIC_URL)"));
            assertThat(host.output()).contains("the callback URL is not registered with GeWe (self-hosted (guessed "
                    + "from the base URL; --gewe-variant / BOT_GEWE_VARIANT chooses)). Start with --public-url "
                    + "http://<address GeWe reaches>:" + port + " to have it registered, or register "
                    + "http://<address GeWe reaches>:" + port + "/gewe/callback yourself: POST " + gewe.baseUrl()
                    + "/tools/setCallback");
            Rig.never("a setCallback", Duration.ofSeconds(1), () -> !gewe.calls("/tools/setCallback").isEmpty());
            assertThat(gewe.calls("/login/setCallback")).isEmpty();
        }
    }

    @Test
    void anAccountWithoutATokenIsNamedAndNeitherThePluginNorTheAddressIsBlamed() throws Exception {
        gewe.addAccount("wx_aaa", "wxid_aaa");
        gewe.addAccount("wx_bbb", "wxid_bbb");
        // The README's accounts: example, on this GeWe; wx_bbb has no token anywhere.
        Path config = Files.writeString(dir.resolve("bot.yaml"), """
                friendRequests:
                  rules: [{name: everyone, action: ask}]
                accounts:
                  - appId: wx_aaa
                    baseUrl: %s
                    token: ${GEWE_TOKEN_A}
                    admins: [wxid_x, wxid_y]
                    lang: zh
                    pacing: { addDailyCap: 8, addInterval: 45m }
                    friendRequests: { rules: [{name: join, greetingContains: [join], action: accept}] }
                  - appId: wx_bbb
                """.formatted(gewe.baseUrl()));
        Map<String, String> env = new LinkedHashMap<>(rig.env());
        env.remove("GEWE_TOKEN");
        env.remove("GEWE_APP_ID");
        env.put("GEWE_TOKEN_A", gewe.token());
        try (PublicAddress address = new PublicAddress();
                HostProcess host = BuiltHost.builder(dir).env(env).args("--port", "0", "--no-console", "--config",
                        config.toString(), "--public-url", address.url()).start()) {
            address.hostPort.complete(host.awaitListening(BuiltHost.START_LIMIT));

            host.awaitOutput("GeWe accepted the callback URL " + address.url() + "/gewe/callback", Rig.WAIT);
            host.awaitOutput("No GeWe token is configured (--gewe-token / GEWE_TOKEN) for account wx_bbb (nor token: in "
                    + "its entry under accounts:, nor saved by login)", Rig.WAIT);
            assertThat(host.output()).doesNotContain("No usable ContactAction extension").doesNotContain("refused the")
                    .doesNotContain("failed to configure").doesNotContain("X-GEWE-TOKEN 不可为空")
                    .doesNotContain("for account wx_aaa");
            assertThat(gewe.calls("/tools/setCallback")).singleElement()
                    .satisfies(call -> assertThat(call.body()).contains(gewe.token()));
        }
    }
}
