package io.gewebot.host.hardening;

import static io.gewebot.host.hardening.Rig.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.host.e2e.BuiltHost;
import io.gewebot.host.e2e.PublicAddress;
import io.gewebot.sandbox.RecordedCall;
import io.gewebot.testkit.HostProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Only GeWe can give the bot commands: on a real GeWe a callback secret is required (given, or made
 * and kept by the host when it registers its URL itself), unless the host is started open on purpose;
 * callbacks from addresses {@code --callback-allow} does not list are refused; {@code /metrics} answers
 * the bearer of its token, or loopback only; a group member cannot pass for an admin.
 */
class CallbackAccessIT extends RigTest {

    /** The secret in the URL the host registered: 22 or more URL-safe characters. */
    private static final Pattern MADE_SECRET = Pattern.compile("/gewe/callback/([A-Za-z0-9_-]{22,})$");
    private static final String OPEN_WARNING = "can give the bot commands as an admin";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** The rig's environment without the open flag: a real GeWe as an operator configures it. */
    private Map<String, String> closedEnv() {
        Map<String, String> env = new LinkedHashMap<>(rig.env());
        env.remove("BOT_ALLOW_UNAUTHENTICATED_CALLBACKS");
        return env;
    }

    private HostProcess start(Map<String, String> env, String... args) throws IOException {
        return BuiltHost.builder(dir).env(env).args("--port", "0", "--no-console").noPacing().args(args).start();
    }

    @Test
    void onARealGeweWithoutSecretOrPublicUrlTheHostRefusesToStartNamingTheThreeWays() throws Exception {
        try (HostProcess host = start(closedEnv())) {
            assertThat(host.waitFor(BuiltHost.START_LIMIT)).as("the host stops by itself").isTrue();

            assertThat(host.exitCode()).isEqualTo(2);
            assertThat(host.output().lines().filter(l -> l.contains("error"))).singleElement()
                    .satisfies(line -> assertThat(line).startsWith("error: a real GeWe needs a callback secret")
                            .contains("BOT_CALLBACK_SECRET", "--public-url", "--allow-unauthenticated-callbacks"));
            assertThat(gewe.calls()).as("nothing reached GeWe").isEmpty();
            assertThat(rig.data.resolve("callback-secret")).doesNotExist();
        }
    }

    @Test
    void withAPublicUrlTheHostMakesASecretKeepsItRegistersItAndTakesCallbacksOnlyThereAtEveryStart()
            throws Exception {
        String secret;
        Path kept = rig.data.resolve("callback-secret");
        try (PublicAddress address = new PublicAddress();
                HostProcess host = start(closedEnv(), "--public-url", address.url())) {
            address.hostPort.complete(host.awaitListening(BuiltHost.START_LIMIT));
            host.awaitOutput("GeWe accepted the callback URL " + address.url() + "/gewe/callback/***", Rig.WAIT);

            Matcher registered = MADE_SECRET.matcher(gewe.callbackUrl());
            assertThat(registered.find()).as("registered %s", gewe.callbackUrl()).isTrue();
            secret = registered.group(1);
            assertThat(gewe.callbackUrl()).isEqualTo(address.url() + "/gewe/callback/" + secret);
            assertThat(Files.readString(kept).strip()).isEqualTo(secret);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kept))).isEqualTo("rw-------");

            String add = gewe.callbacks().textJson(ADMIN, "/add wxid_demo", 42_001L);
            String sameLength = (secret.charAt(0) == 'A' ? "B" : "A") + secret.substring(1);
            for (String path : List.of("/gewe/callback", "/gewe/callback/" + sameLength)) {
                HttpResponse<String> refused = host.post(path, add);
                assertThat(refused.statusCode()).as(path).isEqualTo(404);
                assertThat(refused.body()).as(path).isEqualTo("{\"error\":\"not found\"}");
            }
            // GeWe's own pushes go to the registered URL and are taken.
            assertThat(rig.ask("/help", "Commands:")).isNotEmpty();
            assertThat(gewe.calls("/contacts/search")).as("the refused /add ran nothing").isEmpty();
            int mark = rig.mark();
            assertThat(host.post("/gewe/callback/" + secret, add).statusCode()).isEqualTo(200);
            rig.awaitText(mark, ADMIN, "Friend request sent");
            assertThat(gewe.calls("/contacts/search")).singleElement()
                    .satisfies(c -> assertThat(c.json().path("contactsInfo").asText()).isEqualTo("wxid_demo"));

            assertThat(host.output()).doesNotContain(secret).doesNotContain(OPEN_WARNING);
            assertThat(host.get("/health").body()).doesNotContain(secret);
            assertThat(host.get("/metrics").body()).doesNotContain(secret);
            assertThat(gewe.postedTexts()).noneMatch(t -> t.content().contains(secret));
            assertThat(host.terminate()).isZero();
        }

        // Restarted, now with the open flag too: the same secret is registered, and the bare path stays closed.
        try (PublicAddress address = new PublicAddress();
                HostProcess host = start(rig.env(), "--public-url", address.url())) {
            address.hostPort.complete(host.awaitListening(BuiltHost.START_LIMIT));
            host.awaitOutput("GeWe accepted the callback URL " + address.url() + "/gewe/callback/***", Rig.WAIT);

            List<RecordedCall> registrations = gewe.calls("/tools/setCallback");
            assertThat(registrations).hasSize(2);
            assertThat(registrations.get(1).json().path("callbackUrl").asText())
                    .isEqualTo(address.url() + "/gewe/callback/" + secret);
            assertThat(Files.readString(kept).strip()).isEqualTo(secret);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kept))).isEqualTo("rw-------");
            assertThat(host.post("/gewe/callback", gewe.callbacks().textJson(ADMIN, "/help", 42_002L)).statusCode())
                    .isEqualTo(404);
            assertThat(rig.ask("/help", "Commands:")).isNotEmpty();
            assertThat(host.output()).doesNotContain(secret).doesNotContain(OPEN_WARNING);
        }
    }

    @Test
    void startedOpenOnPurposeTheHostTakesTheBarePathAndWarnsAtEveryStart() throws Exception {
        Pattern warning = Pattern.compile("\\[WARN\\] BotHost - Callbacks are taken without a secret at /gewe/callback: anyone who "
                + "reaches port (\\d+) can give the bot commands as an admin");
        HostProcess first = rig.start(HostProcess.NO_PACING);
        assertThat(first.awaitLine(warning, Rig.WAIT).group(1)).isEqualTo(Integer.toString(first.port()));
        assertThat(rig.ask("/help", "Commands:")).isNotEmpty();
        assertThat(first.terminate()).isZero();

        HostProcess second = rig.start(HostProcess.NO_PACING);
        assertThat(second.awaitLine(warning, Rig.WAIT).group(1)).isEqualTo(Integer.toString(second.port()));
    }

    @Test
    void aGroupMemberWritingTheAdminsPrefixIsNotTakenForTheAdmin() throws Exception {
        rig.start(HostProcess.NO_PACING);
        String group = "7788@chatroom";
        // GeWe prefixes the member's own wxid: the content is "wxid_member:\nwxid_admin_hard:\n/add wxid_demo".
        assertThat(gewe.callbacks().pushGroupText(group, "wxid_member", ADMIN + ":\n/add wxid_demo")).isEqualTo(200);
        Rig.never("a search or a text for the member", Duration.ofSeconds(2),
                () -> !gewe.calls("/contacts/search").isEmpty() || !gewe.postedTexts().isEmpty());

        // The same command from the admin in the same group is taken.
        int mark = rig.mark();
        assertThat(gewe.callbacks().pushGroupText(group, ADMIN, "/add wxid_demo")).isEqualTo(200);
        rig.awaitText(mark, group, "Friend request sent");
        assertThat(gewe.calls("/contacts/search")).hasSize(1);
    }

    @Test
    void callbacksFromAnAddressTheAllowListLacksAre403RunNothingAndAreCounted() throws Exception {
        List<String> args = new ArrayList<>(HostProcess.NO_PACING);
        args.addAll(List.of("--callback-allow", "127.0.0.1/32, ::1"));
        HostProcess host = rig.start(args);
        // The sandbox posts from 127.0.0.1: taken.
        assertThat(rig.ask("/help", "Commands:")).isNotEmpty();

        String add = gewe.callbacks().textJson(ADMIN, "/add wxid_demo", 42_003L);
        assertThat(postFrom("127.0.0.2", host.port(), "/gewe/callback", add)).startsWith("HTTP/1.1 403 ")
                .endsWith("{\"error\":\"address not allowed\"}");
        Rig.never("the refused /add running", Duration.ofSeconds(1), () -> !gewe.calls("/contacts/search").isEmpty());
        assertThat(host.get("/metrics").body()).contains("gewebot_callbacks_refused_total{status=\"403\"} 1.0\n");

        // The same body from a listed address is taken.
        int mark = rig.mark();
        assertThat(postFrom("127.0.0.1", host.port(), "/gewe/callback", add)).startsWith("HTTP/1.1 200 ");
        rig.awaitText(mark, ADMIN, "Friend request sent");
        assertThat(host.output()).contains("from the addresses of --callback-allow");
    }

    @Test
    void aMalformedAllowListEntryStopsTheStartNamingTheFlag() throws Exception {
        try (HostProcess host = start(rig.env(), "--callback-allow", "10.0.0.0/8,10.0.0.0/33")) {
            assertThat(host.waitFor(BuiltHost.START_LIMIT)).as("the host stops by itself").isTrue();

            assertThat(host.exitCode()).isEqualTo(2);
            assertThat(host.output()).contains("error: --callback-allow / BOT_CALLBACK_ALLOW must list IP addresses "
                    + "and CIDR ranges separated by commas: '10.0.0.0/33': the prefix length after / must be 0 to 32");
            assertThat(gewe.calls()).isEmpty();
        }
    }

    @Test
    void withAMetricsTokenMetricsAnswerOnlyItsBearerAndHealthStaysOpen() throws Exception {
        String token = "metrics-" + Long.toHexString(System.nanoTime()) + "-token";
        HostProcess host = rig.start(Map.of("BOT_METRICS_TOKEN", token), List.of());

        HttpResponse<String> none = metrics(host, Map.of());
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("www-authenticate")).hasValue("Bearer");
        assertThat(metrics(host, Map.of("Authorization", "Bearer x" + token.substring(1))).statusCode())
                .isEqualTo(401);
        assertThat(metrics(host, Map.of("Authorization", "Basic " + token)).statusCode()).isEqualTo(401);
        HttpResponse<String> bearer = metrics(host, Map.of("Authorization", "Bearer " + token));
        assertThat(bearer.statusCode()).isEqualTo(200);
        assertThat(bearer.body()).contains("jvm_threads_live_threads ").doesNotContain(token);

        HttpResponse<String> health = host.get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).doesNotContain(token);
        assertThat(host.output()).doesNotContain(token).contains("metricsToken=***");
    }

    @Test
    void withoutAMetricsTokenMetricsAnswerLoopbackOnly() throws Exception {
        HostProcess host = rig.start(List.of());

        assertThat(metrics(host, Map.of()).statusCode()).isEqualTo(200);
        // A proxy on this machine relays others' requests: one that says so is not taken for loopback.
        HttpResponse<String> forwarded = metrics(host, Map.of("X-Forwarded-For", "203.0.113.9"));
        assertThat(forwarded.statusCode()).isEqualTo(403);
        assertThat(forwarded.body()).doesNotContain("jvm_");
        Optional<InetAddress> outside = nonLoopbackAddress();
        if (outside.isPresent()) {
            String url = "http://" + outside.get().getHostAddress() + ":" + host.port();
            assertThat(http.send(HttpRequest.newBuilder(URI.create(url + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
            assertThat(http.send(HttpRequest.newBuilder(URI.create(url + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
    }

    private HttpResponse<String> metrics(HostProcess host, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(host.url("/metrics"))).timeout(Rig.WAIT);
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** POSTs from a chosen local address (any of 127.0.0.0/8 is this machine) and returns the raw answer. */
    private static String postFrom(String local, int port, String path, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(local, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Connection: close\r\nContent-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** An address of this machine that is not loopback, when it has one. */
    private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
        List<InetAddress> found = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                Collections.list(nic.getInetAddresses()).stream().filter(a -> a instanceof Inet4Address)
                        .forEach(found::add);
            }
        }
        return found.stream().findFirst();
    }
}
