package io.gewebot.host.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;
import io.gewebot.api.FriendRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FriendRequestXmlTest {

    private static final Instant AT = Instant.ofEpochSecond(1705045979L);

    private static final String GOOD = "<msg fromusername=\"wxid_a\" encryptusername=\"v3_x@stranger\" fromnickname=\"Ann\""
            + " content=\"hi &amp; hello &#x1F600;\" scene=\"6\" ticket=\"v4_y@stranger\"><brandlist count=\"0\"/></msg>";

    private static String reasonFor(String xml) {
        Throwable thrown = catchThrowable(() -> FriendRequestXml.parse(xml, AT));
        assertThat(thrown).isInstanceOf(MalformedCallbackException.class);
        return thrown.getMessage();
    }

    @Test
    void theAttributesBecomeARequestWithV3FromEncryptusernameAndV4FromTicket() throws Exception {
        assertThat(FriendRequestXml.parse(GOOD, AT))
                .isEqualTo(new FriendRequest("wxid_a", "Ann", "hi & hello \uD83D\uDE00", 6, "v3_x@stranger", "v4_y@stranger", AT));
    }

    @Test
    void anXmlDeclarationAndSurroundingWhitespaceAreFine() throws Exception {
        assertThat(FriendRequestXml.parse("<?xml version=\"1.0\"?>\n  " + GOOD + "\n", AT).fromWxid()).isEqualTo("wxid_a");
    }

    @Test
    void missingNicknameAndGreetingAreEmpty() throws Exception {
        FriendRequest request = FriendRequestXml.parse(
                "<msg fromusername=\"wxid_a\" encryptusername=\"v3\" ticket=\"v4\" scene=\" 14 \"/>", AT);

        assertThat(request.nickname()).isEmpty();
        assertThat(request.greeting()).isEmpty();
        assertThat(request.scene()).isEqualTo(14);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "<msg encryptusername=\"v3\" ticket=\"v4\" scene=\"6\"/>                          | friend request has no fromusername",
        "<msg fromusername=\" \" encryptusername=\"v3\" ticket=\"v4\" scene=\"6\"/>       | friend request has no fromusername",
        "<msg fromusername=\"a\" ticket=\"v4\" scene=\"6\"/>                              | friend request has no encryptusername (v3)",
        "<msg fromusername=\"a\" encryptusername=\"v3\" scene=\"6\"/>                     | friend request has no ticket (v4)",
        "<msg fromusername=\"a\" encryptusername=\"v3\" ticket=\"v4\"/>                   | friend request has no numeric scene",
        "<msg fromusername=\"a\" encryptusername=\"v3\" ticket=\"v4\" scene=\"six\"/>     | friend request has no numeric scene",
        "<msg fromusername=\"a\" encryptusername=\"v3\" ticket=\"v4\" scene=\"-6\"/>      | friend request has no numeric scene",
        "<msg fromusername=\"a\" encryptusername=\"v3\" ticket=\"v4\" scene=\"99999999999\"/> | friend request has no numeric scene",
        "<sysmsg fromusername=\"a\" encryptusername=\"v3\" ticket=\"v4\" scene=\"6\"/>    | friend request XML is not a <msg> element",
        "just text                                                                        | friend request XML is not well-formed",
        "<msg fromusername=\"a\"                                                          | friend request XML is not well-formed",
        "<msg fromusername=\"a\" encryptusername=\"v3\" ticket=\"v4\" scene=\"6\"></msx>  | friend request XML is not well-formed",
        "<msg fromusername=\"a\" encryptusername=\"v3\" ticket=\"v4\" scene=\"6\"/><msg/> | friend request XML is not well-formed",
        "<msg fromusername=\"&bogus;\" encryptusername=\"v3\" ticket=\"v4\" scene=\"6\"/> | friend request XML is not well-formed"
    })
    void aRequestThatLacksAPartOrIsNotWellFormedIsRefused(String xml, String reason) {
        assertThat(reasonFor(xml)).isEqualTo(reason);
    }

    @Test
    void emptyXmlIsRefused() {
        assertThat(reasonFor("")).isEqualTo("friend request XML is empty");
        assertThat(reasonFor(null)).isEqualTo("friend request XML is empty");
    }

    @Test
    void aDoctypeIsRefusedEvenWhenHarmless() {
        assertThat(reasonFor("<!DOCTYPE msg>" + GOOD)).isEqualTo("friend request XML must not contain a DOCTYPE");
    }

    @Test
    void aBillionLaughsDocumentIsRefusedWithoutExpandingIt() {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE msg [\n<!ENTITY lol0 \"lol\">\n");
        for (int i = 1; i <= 30; i++) {
            xml.append("<!ENTITY lol").append(i).append(" \"")
                    .append(("&lol" + (i - 1) + ";").repeat(10)).append("\">\n");
        }
        xml.append("]>\n<msg fromusername=\"&lol30;\" encryptusername=\"v3\" ticket=\"v4\" scene=\"6\">&lol30;</msg>");

        // 10^30 expansions would never finish; the bound only keeps a regression from hanging the build.
        String reason = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> reasonFor(xml.toString()));

        assertThat(reason).isEqualTo("friend request XML must not contain a DOCTYPE");
    }

    /** External entities and DTDs aimed at a local file and at a local HTTP server that counts hits. */
    @Nested
    class ExternalResources {

        private static final String MARKER = "XXE-MARKER-7f3a9c";

        @TempDir
        Path dir;

        private HttpServer server;
        private final AtomicInteger hits = new AtomicInteger();
        private Path secret;
        private String url;

        @BeforeEach
        void start() throws IOException {
            secret = Files.writeString(dir.resolve("secret.txt"), MARKER, StandardCharsets.UTF_8);
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                hits.incrementAndGet();
                byte[] body = ("<!ENTITY leak \"" + MARKER + "\">").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            url = "http://127.0.0.1:" + server.getAddress().getPort() + "/evil.dtd";
        }

        @AfterEach
        void stop() {
            server.stop(0);
        }

        private void assertRefusedWithoutReadingAnything(String xml) {
            Throwable thrown = catchThrowable(() -> FriendRequestXml.parse(xml, AT));

            assertThat(thrown).isInstanceOf(MalformedCallbackException.class)
                    .hasMessage("friend request XML must not contain a DOCTYPE");
            assertThat(stackText(thrown)).doesNotContain(MARKER);
            assertThat(hits).hasValue(0);
        }

        /** Reads the document with DTDs and external entities on, as a careless parser would. */
        private String readCarelessly(String xml) throws XMLStreamException {
            XMLInputFactory careless = XMLInputFactory.newDefaultFactory();
            careless.setProperty(XMLInputFactory.SUPPORT_DTD, true);
            careless.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, true);
            XMLStreamReader reader = careless.createXMLStreamReader(new StringReader(xml));
            StringBuilder text = new StringBuilder();
            while (reader.hasNext()) {
                if (reader.next() == XMLStreamConstants.CHARACTERS) {
                    text.append(reader.getText());
                }
            }
            return text.toString();
        }

        @Test
        void theAttacksBelowWorkOnACarelessParserSoTheirZeroHitsMeanSomething() throws Exception {
            String fileEntity = "<!DOCTYPE msg [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]><msg>&xxe;</msg>";
            String remoteEntity = "<!DOCTYPE msg [<!ENTITY xxe SYSTEM \"" + url + "\">]><msg>&xxe;</msg>";

            assertThat(readCarelessly(fileEntity)).isEqualTo(MARKER);
            // The server answers with a DTD fragment, which is no valid entity text: only the hit matters.
            catchThrowable(() -> readCarelessly(remoteEntity));
            assertThat(hits).hasValue(1);
        }

        @Test
        void anExternalEntityPointingAtAFileIsRefusedAndTheFileIsNotRead() {
            assertRefusedWithoutReadingAnything("<!DOCTYPE msg [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
                    + "<msg fromusername=\"wxid_a\" encryptusername=\"v3\" ticket=\"v4\" scene=\"6\">&xxe;</msg>");
        }

        @Test
        void anExternalEntityPointingAtAServerIsRefusedAndTheServerIsNotAsked() {
            assertRefusedWithoutReadingAnything("<!DOCTYPE msg [<!ENTITY xxe SYSTEM \"" + url + "\">]>"
                    + "<msg fromusername=\"wxid_a\" encryptusername=\"v3\" ticket=\"v4\" scene=\"6\">&xxe;</msg>");
        }

        @Test
        void anExternalDtdIsNotFetched() {
            assertRefusedWithoutReadingAnything("<!DOCTYPE msg SYSTEM \"" + url + "\">"
                    + "<msg fromusername=\"&leak;\" encryptusername=\"v3\" ticket=\"v4\" scene=\"6\"/>");
        }

        @Test
        void aParameterEntityLoadingAServerIsNotFetched() {
            assertRefusedWithoutReadingAnything("<!DOCTYPE msg [<!ENTITY % remote SYSTEM \"" + url + "\"> %remote;]>"
                    + "<msg fromusername=\"&leak;\" encryptusername=\"v3\" ticket=\"v4\" scene=\"6\"/>");
        }

        @Test
        void anXIncludeIsNotFollowed() throws Exception {
            FriendRequest request = FriendRequestXml.parse(
                    "<msg xmlns:xi=\"http://www.w3.org/2001/XInclude\" fromusername=\"wxid_a\" encryptusername=\"v3\""
                            + " ticket=\"v4\" scene=\"6\"><xi:include href=\"" + url + "\" parse=\"text\"/></msg>", AT);

            assertThat(request.fromWxid()).isEqualTo("wxid_a");
            assertThat(hits).hasValue(0);
        }

        private String stackText(Throwable thrown) {
            StringBuilder text = new StringBuilder();
            for (Throwable t = thrown; t != null; t = t.getCause()) {
                text.append(t).append('\n');
            }
            return text.toString();
        }
    }
}
