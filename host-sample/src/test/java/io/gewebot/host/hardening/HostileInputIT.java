package io.gewebot.host.hardening;

import static io.gewebot.host.hardening.Rig.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.gewebot.sandbox.GeweSandbox;
import io.gewebot.testkit.HostProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a hostile or broken sender can post to the running host: bodies too large, streams that
 * stall, documents that are not callbacks, XML with entities, commands with hostile arguments,
 * callbacks for another account. Each is refused the documented way and the host serves on.
 *
 * <p>One host serves every test, in order: the first leaves three connections stalled, the others
 * run on the host's last free HTTP handler meanwhile, and the last checks the host cut the stalled
 * ones off by itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT {

    static final int LIMIT = 1 << 20;
    static final String USAGE_ADD = "Usage: /add <wxid|WeChat ID|phone> [greeting...]";

    Path dir;
    Rig rig;
    GeweSandbox gewe;
    HostProcess host;
    final ObjectMapper json = new ObjectMapper();
    final List<Socket> stalled = new ArrayList<>();

    @BeforeAll
    void setUp(@TempDir Path dir) throws Exception {
        this.dir = dir;
        rig = new Rig(dir).withGewePlugin();
        gewe = rig.gewe;
        host = rig.start(HostProcess.NO_PACING);
    }

    @AfterAll
    void tearDown() throws Exception {
        for (Socket socket : stalled) {
            socket.close();
        }
        rig.close();
    }

    @Test
    @Order(1)
    void aBodyDeclaredTooLargeIs413BeforeItIsSent() throws Exception {
        // One fewer than the host's four HTTP handlers: the next tests run on the last one.
        for (int i = 0; i < 3; i++) {
            Socket socket = new Socket("127.0.0.1", host.port());
            stalled.add(socket);
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /gewe/callback HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + 50L * 1024 * 1024 + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[1024]);
            out.flush();
            // Answered although 1 KiB of the 50 MiB declared came: nothing was waited for.
            RawResponse response = RawResponse.read(socket.getInputStream());
            assertThat(response.status()).isEqualTo(413);
            assertThat(response.body()).isEqualTo("{\"error\":\"callback larger than " + LIMIT + " bytes\"}");
        }
        assertThat(host.get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(99)
    void aSenderThatStallsIsCutOffByTheHost() throws Exception {
        // The stalled senders never send the rest; the host closes their connections itself (after
        // its request time limit) rather than keeping a handler waiting forever.
        for (Socket socket : stalled) {
            socket.setSoTimeout(30_000);
            try {
                assertThat(socket.getInputStream().read()).isEqualTo(-1);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the host kept a stalled connection open for 30 s", e);
            } catch (IOException closedByHost) {
                // A reset is the host closing the connection too.
            }
        }
        assertThat(host.get("/health").statusCode()).isEqualTo(200);
        assertThat(rig.ask("/help", "Commands:")).isNotEmpty();
    }

    @Test
    @Order(2)
    void aChunkedBodyOverTheLimitIs413() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", host.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /gewe/callback HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[16 * 1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            for (int sent = 0; sent <= LIMIT; sent += chunk.length) {
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            RawResponse response = RawResponse.read(socket.getInputStream());
            assertThat(response.status()).isEqualTo(413);
            assertThat(response.body()).isEqualTo("{\"error\":\"callback larger than " + LIMIT + " bytes\"}");
        }
        assertThat(host.get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void documentsThatAreNotCallbacksAre400WithAShortReasonAndOneLogLineEach() throws Exception {
        ObjectNode text = (ObjectNode) json.readTree(gewe.callbacks().textJson(ADMIN, "/add wxid_demo", 9_001L));
        ObjectNode wrongType = text.deepCopy();
        ((ObjectNode) wrongType.get("Data")).put("NewMsgId", "nine thousand and one");
        ObjectNode missing = text.deepCopy();
        missing.remove("Appid");
        ObjectNode unknown = text.deepCopy();
        unknown.put("TypeName", "SelfDestruct");
        ObjectNode lineBreaking = text.deepCopy();
        lineBreaking.put("TypeName", "Evil\u2028Line\nBreak");
        ObjectNode dataNotObject = text.deepCopy();
        dataNotObject.put("Data", "[]");

        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("", "body is empty");
        cases.put("this is not JSON", "body is not valid JSON");
        cases.put("[1,2,3]", "callback is not a JSON object");
        cases.put(text.toString().substring(0, 80), "body is not valid JSON");
        cases.put(wrongType.toString(), "Data.NewMsgId is not an integer");
        cases.put(missing.toString(), "missing Appid");
        cases.put(unknown.toString(), "unknown TypeName 'SelfDestruct'");
        cases.put(lineBreaking.toString(), "unknown TypeName 'Evil?Line?Break'");
        cases.put(dataNotObject.toString(), "Data is not an object");
        cases.put("{\"appid\":\"wx_1\",\"msgType\":1,\"fromUser\":\"wxid_a\",\"content\":\"/add wxid_demo\"}",
                "unsupported callback format: the flat hosted format is not supported");
        long mark = host.mark();
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> response = host.post("/gewe/callback", c.getKey());
            assertThat(response.statusCode()).as(c.getKey()).isEqualTo(400);
            assertThat(json.readTree(response.body()).get("error").asText()).as(c.getKey()).isEqualTo(c.getValue());
        }
        String log = host.outputSince(mark);
        assertThat(log.lines().filter(l -> l.contains("Rejected a callback"))).hasSize(cases.size());
        assertThat(rig.ask("/help", "Commands:")).isNotEmpty();
        assertThat(gewe.calls("/contacts/search")).isEmpty();
    }

    @Test
    @Order(2)
    void friendRequestXmlWithADoctypeIsRefusedWithoutReadingAFileOrTheNetwork() throws Exception {
        String marker = "MARKER-" + System.nanoTime();
        Path secret = Files.writeString(dir.resolve("secret.txt"), marker);
        AtomicInteger fetched = new AtomicInteger();
        HttpServer lure = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        lure.createContext("/", exchange -> {
            fetched.incrementAndGet();
            byte[] body = ("<!ENTITY leak \"" + marker + "\">").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        lure.start();
        try {
            String net = "http://127.0.0.1:" + lure.getAddress().getPort();
            String msg = "<msg fromusername=\"wxid_xxe\" encryptusername=\"v3_xxe@stranger\" fromnickname=\"&leak;\" "
                    + "content=\"&leak;\" scene=\"6\" ticket=\"v4_xxe\"/>";
            String lol = "<!ENTITY lol \"lol\">";
            StringBuilder laughs = new StringBuilder(lol);
            for (int i = 1; i <= 9; i++) {
                laughs.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10))
                        .append("\">");
            }
            List<String> hostile = List.of(
                    "<!DOCTYPE msg [<!ENTITY leak SYSTEM \"" + secret.toUri() + "\">]>" + msg,
                    "<!DOCTYPE msg [<!ENTITY leak SYSTEM \"" + net + "/entity\">]>" + msg,
                    "<!DOCTYPE msg SYSTEM \"" + net + "/evil.dtd\">" + msg,
                    "<!DOCTYPE msg [<!ENTITY % remote SYSTEM \"" + net + "/param.dtd\"> %remote;]>" + msg,
                    "<?xml version=\"1.0\"?><!DOCTYPE msg [" + laughs + "]>" + msg.replace("&leak;", "&lol9;"));
            long id = 8_000;
            for (String xml : hostile) {
                ObjectNode body = (ObjectNode) json.readTree(gewe.callbacks().friendRequestJson(
                        "wxid_xxe", "X", "hi", 6, "v3_xxe@stranger", "v4_xxe", ++id));
                ((ObjectNode) body.get("Data").get("Content")).put("string", xml);
                HttpResponse<String> response = host.post("/gewe/callback", body.toString());
                assertThat(response.statusCode()).as(xml).isEqualTo(400);
                assertThat(response.body()).as(xml)
                        .isEqualTo("{\"error\":\"friend request XML must not contain a DOCTYPE\"}");
            }
            assertThat(rig.ask("/requests", "friend requests")).doesNotContain("wxid_xxe");
            assertThat(fetched).hasValue(0);
            assertThat(host.output()).doesNotContain(marker);
            assertThat(gewe.postedTexts()).noneMatch(t -> t.content().contains(marker) || t.content().contains("wxid_xxe"));
        } finally {
            lure.stop(0);
        }
    }

    @Test
    @Order(2)
    void commandsWithOversizedOrControlCharacterArgumentsGetTheUsageAndReachNoOne() {
        String tooLong = "/add: too long (greetings and messages up to 200 characters). " + USAGE_ADD;
        String control = "/add: control characters are not allowed. " + USAGE_ADD;
        assertThat(rig.ask("/add " + "a".repeat(65), "/add:"))
                .isEqualTo("/add: the target is too long (1 to 64 characters). " + USAGE_ADD);
        assertThat(rig.ask("/add wxid_demo " + "x".repeat(201), "/add:")).isEqualTo(tooLong);
        assertThat(rig.ask("/add wxid_demo " + "y ".repeat(600), "/add:")).isEqualTo(tooLong);
        assertThat(rig.ask("/add wxid_demo hi\u202Eereht", "/add:")).isEqualTo(control);
        assertThat(rig.ask("/add wxid_demo hello\nthere", "/add:")).isEqualTo(control);
        assertThat(rig.ask("/add wxid_demo\u0000 hi", "/add:")).isEqualTo(control);
        assertThat(rig.ask("/add wxid\u200Bdemo", "/add:")).isEqualTo(control);
        assertThat(rig.ask("/accept wxid_demo\u0007", "/accept:"))
                .isEqualTo("/accept: control characters are not allowed. Usage: /accept <wxid> [message...]");
        assertThat(rig.ask("/add wxid_demo@evil.example", "/add:"))
                .isEqualTo("/add: that is not a wxid, WeChat ID or phone number. " + USAGE_ADD);
        assertThat(rig.ask("/cancel", "/cancel:"))
                .isEqualTo("/cancel: an argument is missing. Usage: /cancel <wxid|WeChat ID|phone|chatroomId|list>");
        assertThat(gewe.calls("/contacts/search")).isEmpty();
        assertThat(gewe.calls("/contacts/addContacts")).isEmpty();
    }

    @Test
    @Order(2)
    void aCallbackForAnotherAccountIsIgnored() throws Exception {
        ObjectNode other = (ObjectNode) json.readTree(gewe.callbacks().textJson(ADMIN, "/add wxid_demo", 9_100L));
        other.put("Appid", "wx_another_device");
        ObjectNode request = (ObjectNode) json.readTree(gewe.callbacks().friendRequestJson(
                "wxid_elsewhere", "Elsewhere", "hi", 6, "v3_e@stranger", "v4_e", 9_101L));
        request.put("Appid", "wx_another_device");
        int mark = rig.mark();
        assertThat(host.post("/gewe/callback", other.toString()).statusCode()).isEqualTo(200);
        assertThat(host.post("/gewe/callback", request.toString()).statusCode()).isEqualTo(200);
        // Callbacks are handled in order: once /help is answered, both were handled.
        rig.ask("/help", "Commands:");
        assertThat(rig.textsSince(mark)).hasSize(1);
        assertThat(gewe.calls("/contacts/search")).isEmpty();
        assertThat(rig.ask("/requests", "friend requests")).doesNotContain("wxid_elsewhere");
        assertThat(host.output()).contains("Ignored a TextMessage callback for appId wx_another_device: no account of this host has it");
    }

    @Test
    @Order(2)
    void valuesFromCallbacksNeitherForgeNorFloodLogLines() throws Exception {
        String forged = "2020-01-01 00:00:00.000 [ERROR] Main - forged";
        ObjectNode request = (ObjectNode) json.readTree(gewe.callbacks().friendRequestJson(
                "wxid_eve", "Eve", "hi", 6, "v3_eve@stranger", "v4_eve", 9_201L));
        ObjectNode content = (ObjectNode) request.get("Data").get("Content");
        content.put("string", content.get("string").asText().replace("fromnickname=\"Eve\"",
                "fromnickname=\"Eve&#10;" + forged + " by a nickname\""));
        ObjectNode offline = (ObjectNode) json.readTree(gewe.callbacks().offlineJson());
        offline.put("Wxid", "wxid_bot\r\n" + forged + " by an Offline notice");
        ObjectNode other = (ObjectNode) json.readTree(gewe.callbacks().textJson(ADMIN, "/help", 9_202L));
        other.put("Appid", "wx_other\n" + forged + " by an Appid");
        String flood = gewe.callbacks().textJson("wxid_" + "x".repeat(200_000), "/add wxid_demo", 9_203L);

        long mark = host.mark();
        int texts = rig.mark();
        for (String body : List.of(request.toString(), offline.toString(), other.toString(), flood)) {
            assertThat(host.post("/gewe/callback", body).statusCode()).isEqualTo(200);
        }
        rig.awaitText(texts, ADMIN, "went offline");
        rig.ask("/help", "Commands:");
        String log = host.outputSince(mark);
        assertThat(log).contains("Friend request from wxid_eve (Eve?2020-01-01 00:00:00.000 [ERROR] Main - forged by");
        assertThat(log.lines()).noneMatch(line -> line.startsWith(forged));
        assertThat(log.lines()).allMatch(line -> line.length() < 400);
        assertThat(rig.textsSince(texts)).anyMatch(t -> t.content().contains("Eve\n" + forged + " by a nickname"));
    }

    /** An HTTP/1.1 response read off a socket: status and body (by Content-Length). */
    record RawResponse(int status, String body) {
        static RawResponse read(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed in the headers: " + head);
                }
                head.write(b);
            }
            String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            int length = 0;
            for (String line : lines) {
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).strip());
                }
            }
            return new RawResponse(status, new String(in.readNBytes(length), StandardCharsets.UTF_8));
        }
    }
}
