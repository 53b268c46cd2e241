package io.gewebot.host.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gewebot.api.FriendRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** Whatever XML a friend request carries, the parser gives a request or a malformed-callback reason. */
class FriendRequestXmlPropertiesTest {

    private static final Instant AT = Instant.ofEpochSecond(1705045979L);

    private static final String SAMPLE = sampleXml();

    private static String sampleXml() {
        try {
            return new ObjectMapper().readTree(Samples.bytes("10-friend-request.json"))
                    .path("Data").path("Content").path("string").textValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return whether the XML gave a request */
    private static boolean assertRequestOrMalformed(String xml) {
        try {
            FriendRequest request = FriendRequestXml.parse(xml, AT);
            assertThat(request.fromWxid()).isNotBlank();
            assertThat(request.v3()).isNotBlank();
            assertThat(request.v4()).isNotBlank();
            assertThat(request.scene()).isNotNegative();
            return true;
        } catch (MalformedCallbackException e) {
            assertThat(e.getMessage()).startsWith("friend request");
            return false;
        }
    }

    @Property(tries = 1000)
    void anyTextIsARequestOrMalformed(@ForAll("anyXml") String xml) {
        assertRequestOrMalformed(xml);
    }

    @Provide
    Arbitrary<String> anyXml() {
        Arbitrary<String> pieces = Arbitraries.of(
                        "<msg", "<msg ", "/>", ">", "</msg>", "<", "&", "&amp;", "&#0;", "&#x110000;", "&lol;", "\"", "'",
                        " fromusername=\"a\"", " encryptusername=\"v3\"", " ticket=\"v4\"", " scene=\"6\"", " scene=\"",
                        "<!DOCTYPE msg>", "<!DOCTYPE msg [<!ENTITY lol \"x\">]>", "<?xml version=\"1.0\"?>",
                        "<?xml version=\"1.1\"?>", "<?xml version=\"1.0\" encoding=\"UTF-16\"?>", "<![CDATA[", "]]>",
                        "<!--", "-->", "<?pi x?>", "\u0000", "\uFFFE", "\uD800", "\uDC00", "好", " ", "\n", "x:msg",
                        "<brandlist count=\"0\"/>")
                .list().ofMaxSize(40).map(parts -> String.join("", parts));
        return Arbitraries.oneOf(pieces, Arbitraries.strings().all().ofMaxLength(300));
    }

    @Property(tries = 1000)
    void aMutatedVendorRequestIsARequestOrMalformed(@ForAll("mutatedSample") String xml) {
        boolean parsed = assertRequestOrMalformed(xml);

        // Guards the generator: mutations must reach both outcomes often, or the property proves little.
        Statistics.collect(parsed ? "request" : "malformed");
        Statistics.coverage(coverage -> {
            coverage.check("request").percentage(p -> p > 10);
            coverage.check("malformed").percentage(p -> p > 10);
        });
    }

    /** The vendor's request with a range cut out and something spliced in at a random place. */
    @Provide
    Arbitrary<String> mutatedSample() {
        Arbitrary<String> insertion = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(6),
                Arbitraries.of("<", ">", "&", "\"", "'", "<!DOCTYPE msg>", "<!ENTITY a 'b'>", "]]>", "<![CDATA[x]]>",
                        "&#0;", "\u0000", "\uD800", " scene=\"7\"", " ticket=\"\"", "<msg>"));
        return Combinators.combine(
                        Arbitraries.integers().between(0, SAMPLE.length()),
                        Arbitraries.integers().between(0, 40),
                        insertion)
                .as((at, cut, insert) -> SAMPLE.substring(0, at) + insert
                        + SAMPLE.substring(Math.min(SAMPLE.length(), at + cut)));
    }

    @Provide
    Arbitrary<String> scenes() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("0123456789").ofMinLength(1).ofMaxLength(40),
                Arbitraries.strings().withChars("0").ofMaxLength(30).map(zeros -> zeros + Integer.MAX_VALUE),
                Arbitraries.strings().withChars("0123456789 -+.eE\u0660\uFF11").ofMaxLength(12),
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.longs().map(String::valueOf));
    }

    @Property(tries = 1000)
    void anySceneIsReadAsItsNumberOrRefused(@ForAll("scenes") String scene) {
        String xml = "<msg fromusername=\"wxid_a\" encryptusername=\"v3\" ticket=\"v4\" scene=\"" + scene + "\"/>";
        String digits = scene.strip();
        boolean number = digits.matches("[0-9]{1,32}") && new BigInteger(digits).bitLength() <= 31;

        Throwable thrown = catchThrowable(() -> assertThat(FriendRequestXml.parse(xml, AT).scene())
                .isEqualTo(Integer.parseInt(digits)));

        if (number) {
            assertThat(thrown).isNull();
        } else {
            assertThat(thrown).isInstanceOf(MalformedCallbackException.class)
                    .hasMessage("friend request has no numeric scene");
        }
    }

    /** Any text a person can type: XML 1.0 characters, supplementary ones included. */
    @Provide
    Arbitrary<String> typed() {
        Arbitrary<String> bmp = Arbitraries.strings()
                .withChars('\t', '\n', '\r').withCharRange('\u0020', '\uD7FF').withCharRange('\uE000', '\uFFFD')
                .ofMaxLength(50);
        return Arbitraries.oneOf(bmp, bmp.map(s -> "\uD83D\uDE00" + s + "\uD83D\uDC4D"));
    }

    @Property(tries = 1000)
    void nicknameAndGreetingComeBackExactlyAsSent(
            @ForAll("typed") String nickname, @ForAll("typed") String greeting) throws Exception {
        String xml = "<msg fromusername=\"wxid_a\" encryptusername=\"v3_a@stranger\" fromnickname=\"" + escape(nickname)
                + "\" content=\"" + escape(greeting) + "\" scene=\"30\" ticket=\"v4_a@stranger\"/>";

        FriendRequest request = FriendRequestXml.parse(xml, AT);

        assertThat(request.nickname()).isEqualTo(nickname);
        assertThat(request.greeting()).isEqualTo(greeting);
        assertThat(request.v3()).isEqualTo("v3_a@stranger");
        assertThat(request.v4()).isEqualTo("v4_a@stranger");
    }

    /** Escapes an attribute value, including the whitespace an XML parser would otherwise normalize. */
    private static String escape(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&': out.append("&amp;"); break;
                case '<': out.append("&lt;"); break;
                case '"': out.append("&quot;"); break;
                case '\t': out.append("&#9;"); break;
                case '\n': out.append("&#10;"); break;
                case '\r': out.append("&#13;"); break;
                default: out.append(c);
            }
        }
        return out.toString();
    }
}
