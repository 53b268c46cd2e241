package io.gewebot.host.callback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gewebot.host.callback.CallbackEvent.TextMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever arrives, the decoder answers with an event or a {@link MalformedCallbackException}
 * carrying a short reason; nothing else escapes.
 */
class CallbackDecoderPropertiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> NAMES = Samples.names();
    private static final List<JsonNode> TREES = NAMES.stream().map(CallbackDecoderPropertiesTest::tree).toList();
    private static final BigInteger TWO_TO_THE_64 = BigInteger.ONE.shiftLeft(64);

    private final CallbackDecoder decoder = new CallbackDecoder();

    private static JsonNode tree(String name) {
        try {
            return JSON.readTree(Samples.bytes(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] write(JsonNode tree) {
        try {
            return JSON.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Decodes both as bytes and as text; only an event or a malformed-callback reason may come out.
     *
     * @return whether the body as bytes decoded to an event
     */
    private boolean assertDecodesOrIsMalformed(byte[] body) {
        boolean decoded = false;
        for (int route = 0; route < 2; route++) {
            try {
                CallbackEvent event = route == 0
                        ? decoder.decode(body)
                        : decoder.decode(new String(body, StandardCharsets.UTF_8));
                assertThat(event).isNotNull();
                event.dedupKey().ifPresent(key -> assertThat(key).startsWith(event.appId() + ":"));
                if (event instanceof TextMessage) {
                    assertThat(event.dedupKey()).isPresent();
                }
                decoded |= route == 0;
            } catch (MalformedCallbackException e) {
                String reason = e.getMessage();
                assertThat(reason).isNotBlank();
                assertThat(reason.codePointCount(0, reason.length())).isLessThanOrEqualTo(100);
            }
        }
        return decoded;
    }

    @Property(tries = 1000)
    void randomBytesAreAnEventOrMalformed(@ForAll("randomBytes") byte[] body) {
        assertDecodesOrIsMalformed(body);
    }

    @Provide
    Arbitrary<byte[]> randomBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(2000);
    }

    @Property(tries = 1000)
    void jsonLookingTextIsAnEventOrMalformed(@ForAll("jsonish") String body) {
        assertDecodesOrIsMalformed(body.getBytes(StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<String> jsonish() {
        Arbitrary<String> tokens = Arbitraries.of(
                        "{", "}", "[", "]", ",", ":", "\"", "\"TypeName\"", "\"AddMsg\"", "\"ModContacts\"",
                        "\"DelContacts\"", "\"Offline\"", "\"Appid\"", "\"Wxid\"", "\"Data\"", "\"MsgType\"",
                        "\"NewMsgId\"", "\"CreateTime\"", "\"FromUserName\"", "\"Content\"", "\"string\"",
                        "\"UserName\"", "\"testMsg\"", "\"appid\"", "\"fmessage\"", "\"x@chatroom\"", "\"wxid_a\"",
                        "1", "37", "0", "-1", "1.5", "1e309", "18446744073709551615", "18446744073709551616",
                        "14216284872728580667", "null", "true", "false", "\"\\u0000\"", "\"\\ud800\"", "\"<msg/>\"",
                        "\"<!DOCTYPE x>\"", " ", "\n")
                .list().ofMaxSize(80).map(parts -> String.join("", parts));
        Arbitrary<String> chars = Arbitraries.strings().withChars("{}[]\":,0123456789-+.eEtrufalsn \\u").ofMaxLength(300);
        return Arbitraries.oneOf(tokens, chars, Arbitraries.strings().all().ofMaxLength(500));
    }

    enum TreeEdit { NONE, REMOVE, REPLACE, RENAME }

    enum TextEdit { NONE, TRUNCATE, INSERT, FLIP_BYTE }

    @Property(tries = 1000)
    void aMutatedVendorSampleIsAnEventOrMalformed(@ForAll("mutatedSamples") byte[] body) {
        boolean decoded = assertDecodesOrIsMalformed(body);

        // Guards the generator: mutations must reach both outcomes often, or the property proves little.
        Statistics.collect(decoded ? "event" : "malformed");
        Statistics.coverage(coverage -> {
            coverage.check("event").percentage(p -> p > 10);
            coverage.check("malformed").percentage(p -> p > 10);
        });
    }

    /** One vendor sample with one field removed, replaced or renamed, then maybe cut, spliced or corrupted. */
    @Provide
    Arbitrary<byte[]> mutatedSamples() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, TREES.size() - 1),
                        Arbitraries.of(TreeEdit.values()),
                        Arbitraries.integers().between(0, 10_000),
                        replacements(),
                        Arbitraries.of(TextEdit.values()),
                        Arbitraries.integers().between(0, 100_000),
                        Arbitraries.strings().all().ofMinLength(1).ofMaxLength(8))
                .as((sample, treeEdit, where, value, textEdit, position, insertion) -> {
                    JsonNode tree = TREES.get(sample).deepCopy();
                    editTree(tree, treeEdit, where, value);
                    return editText(write(tree), textEdit, position, insertion);
                });
    }

    private static void editTree(JsonNode tree, TreeEdit edit, int where, JsonNode value) {
        List<Consumer<TreeEdit>> places = new ArrayList<>();
        collectPlaces(tree, value, places);
        if (edit != TreeEdit.NONE && !places.isEmpty()) {
            places.get(where % places.size()).accept(edit);
        }
    }

    /** Every field and array element, each as an action that applies an edit to it. */
    private static void collectPlaces(JsonNode node, JsonNode value, List<Consumer<TreeEdit>> places) {
        if (node instanceof ObjectNode) {
            ObjectNode object = (ObjectNode) node;
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                places.add(edit -> {
                    JsonNode old = object.remove(name);
                    if (edit == TreeEdit.REPLACE) {
                        object.set(name, value.deepCopy());
                    } else if (edit == TreeEdit.RENAME) {
                        object.set(name.toLowerCase(), old);
                    }
                });
                collectPlaces(object.get(name), value, places);
            }
        } else if (node instanceof ArrayNode) {
            ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                int index = i;
                places.add(edit -> {
                    if (edit == TreeEdit.REPLACE) {
                        array.set(index, value.deepCopy());
                    } else {
                        array.remove(index);
                    }
                });
                collectPlaces(array.get(i), value, places);
            }
        }
    }

    private static byte[] editText(byte[] body, TextEdit edit, int position, String insertion) {
        int at = position % (body.length + 1);
        switch (edit) {
            case TRUNCATE:
                return Arrays.copyOf(body, at);
            case INSERT: {
                byte[] inserted = insertion.getBytes(StandardCharsets.UTF_8);
                byte[] out = new byte[body.length + inserted.length];
                System.arraycopy(body, 0, out, 0, at);
                System.arraycopy(inserted, 0, out, at, inserted.length);
                System.arraycopy(body, at, out, at + inserted.length, body.length - at);
                return out;
            }
            case FLIP_BYTE: {
                byte[] out = body.clone();
                if (at < out.length) {
                    out[at] = (byte) (out[at] ^ (1 << (position % 8)));
                }
                return out;
            }
            default:
                return body;
        }
    }

    /** Values that break types, ranges and expectations, plus random text in every shape. */
    @Provide
    Arbitrary<JsonNode> replacements() {
        ObjectNode wrappedNumber = NODES.objectNode().put("string", 1);
        ArrayNode deep = NODES.arrayNode();
        ArrayNode inner = deep;
        for (int i = 0; i < 70; i++) {
            inner = inner.addArray();
        }
        Arbitrary<JsonNode> fixed = Arbitraries.of(
                NODES.nullNode(), NODES.booleanNode(true), NODES.numberNode(0), NODES.numberNode(-1),
                NODES.numberNode(Long.MIN_VALUE), NODES.numberNode(Long.MAX_VALUE), NODES.numberNode(TWO_TO_THE_64),
                NODES.numberNode(TWO_TO_THE_64.negate()), NODES.numberNode(1.5), NODES.numberNode(1e300),
                NODES.numberNode(37), NODES.numberNode(1), NODES.textNode(""), NODES.textNode(" "),
                NODES.textNode("AddMsg"), NODES.textNode("ModContacts"), NODES.textNode("fmessage"),
                NODES.textNode("34757816141@chatroom"), NODES.textNode("wxid_phyyedw9xap22"),
                NODES.textNode("<!DOCTYPE msg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><msg>&x;</msg>"),
                NODES.textNode("<msg fromusername=\"a\" encryptusername=\"b\" ticket=\"c\" scene=\"x\"/>"),
                NODES.objectNode(), NODES.arrayNode(), wrappedNumber, deep,
                NODES.objectNode().put("string", "fmessage"), NODES.objectNode().put("string", "x@chatroom"));
        Arbitrary<JsonNode> text = Arbitraries.strings().all().ofMaxLength(40).map(s -> (JsonNode) NODES.textNode(s));
        Arbitrary<JsonNode> wrapped = Arbitraries.strings().all().ofMaxLength(40)
                .map(s -> (JsonNode) NODES.objectNode().put("string", s));
        Arbitrary<JsonNode> numbers = Arbitraries.bigIntegers()
                .between(TWO_TO_THE_64.negate(), TWO_TO_THE_64.shiftLeft(8)).map(n -> (JsonNode) NODES.numberNode(n));
        return Arbitraries.oneOf(fixed, text, wrapped, numbers);
    }

    @Property(tries = 1000)
    void everyUnsignedSixtyFourBitNewMsgIdIsKeptExactly(@ForAll("unsignedLongs") BigInteger id) throws Exception {
        ObjectNode tree = (ObjectNode) TREES.get(NAMES.indexOf("01-text.json")).deepCopy();
        ((ObjectNode) tree.get("Data")).put("NewMsgId", id);

        CallbackEvent event = decoder.decode(write(tree));

        assertThat(event.dedupKey()).contains("wx_wR_U4zPj2M_OTS3BCyoE4:" + id);
        assertThat(((TextMessage) event).newMsgId()).isEqualTo(id.longValue());
    }

    @Provide
    Arbitrary<BigInteger> unsignedLongs() {
        return Arbitraries.bigIntegers().between(BigInteger.ZERO, TWO_TO_THE_64.subtract(BigInteger.ONE))
                .edgeCases(edges -> edges.add(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE)));
    }

    @Provide
    Arbitrary<String> senders() {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars('_', '-')
                .ofMinLength(1).ofMaxLength(40).map(s -> "wxid_" + s);
    }

    /** Any text without lone surrogate halves (which no sender can produce), emoji included. */
    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> plain = Arbitraries.strings()
                .withCharRange('\u0000', '\uD7FF').withCharRange('\uE000', '\uFFFD').ofMaxLength(60);
        return Arbitraries.oneOf(plain, plain.map(s -> s + "\uD83D\uDE00" + s), plain.map(s -> s + ":\n" + s));
    }

    @Property(tries = 1000)
    void aGroupTextGivesBackItsSenderAndTextExactly(@ForAll("senders") String sender, @ForAll("texts") String text)
            throws Exception {
        ObjectNode tree = (ObjectNode) TREES.get(NAMES.indexOf("01-text.json")).deepCopy();
        ObjectNode data = (ObjectNode) tree.get("Data");
        data.set("FromUserName", NODES.objectNode().put("string", "34757816141@chatroom"));
        data.set("Content", NODES.objectNode().put("string", sender + ":\n" + text));

        TextMessage message = (TextMessage) decoder.decode(write(tree));

        assertThat(message.senderWxid()).isEqualTo(sender);
        assertThat(message.text()).isEqualTo(text);
        assertThat(message.conversationId()).isEqualTo("34757816141@chatroom");
        assertThat(message.inGroup()).isTrue();
    }

    @Property(tries = 1000)
    void aPrivateTextGivesBackItsTextExactly(@ForAll("senders") String sender, @ForAll("texts") String text)
            throws Exception {
        ObjectNode tree = (ObjectNode) TREES.get(NAMES.indexOf("01-text.json")).deepCopy();
        ObjectNode data = (ObjectNode) tree.get("Data");
        data.set("FromUserName", NODES.objectNode().put("string", sender));
        data.set("Content", NODES.objectNode().put("string", text));

        TextMessage message = (TextMessage) decoder.decode(write(tree));

        assertThat(message.text()).isEqualTo(text);
        assertThat(message.senderWxid()).isEqualTo(sender);
        assertThat(message.conversationId()).isEqualTo(sender);
        assertThat(message.fromSelf()).isFalse();
    }
}
