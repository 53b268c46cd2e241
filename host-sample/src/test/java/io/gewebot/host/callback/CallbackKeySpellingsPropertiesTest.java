package io.gewebot.host.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The key spellings GeWe versions use (as GeWe's reference lists them) read like the classic ones;
 * one key in two spellings is refused.
 */
class CallbackKeySpellingsPropertiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Classic key at the top of the body, then its other spellings. */
    private static final Map<String, List<String>> TOP = Map.of(
            "Appid", List.of("appid", "appId"),
            "Wxid", List.of("wxid"),
            "TypeName", List.of("typeName"),
            "Data", List.of("data"));

    /** Classic key of {@code Data}, then its other spellings. */
    private static final Map<String, List<String>> DATA = Map.of(
            "NewMsgId", List.of("newMsgId", "newmsgid"),
            "MsgId", List.of("msgId"),
            "FromUserName", List.of("fromUserName"),
            "ToUserName", List.of("toUserName"),
            "Content", List.of("content"),
            "CreateTime", List.of("createTime"),
            "MsgType", List.of("msgType"),
            "PushContent", List.of("pushContent"));

    private final CallbackDecoder decoder = new CallbackDecoder();

    @Provide
    Arbitrary<String> samples() {
        return Arbitraries.of(Samples.names());
    }

    /** Which spelling each listed key takes: an index into classic + others, taken modulo their count. */
    @Provide
    Arbitrary<List<Integer>> choices() {
        return Arbitraries.integers().between(0, 5).list().ofSize(TOP.size() + DATA.size());
    }

    @Property(tries = 300)
    void everySampleWithItsKeysRecasedDecodesToTheSameEventAsTheClassicOne(
            @ForAll("samples") String name, @ForAll("choices") List<Integer> choices) throws Exception {
        CallbackEvent classic = decoder.decode(Samples.bytes(name));
        ObjectNode recased = recase((ObjectNode) tree(name), choices);

        assertThat(decoder.decode(JSON.writeValueAsBytes(recased))).isEqualTo(classic);
    }

    @Example
    void everySampleWithEveryKeyInItsLastOtherSpellingDecodesAlike() throws Exception {
        List<Integer> last = new ArrayList<>();
        for (int i = 0; i < TOP.size() + DATA.size(); i++) {
            // floorMod(-1, n) picks the last spelling of each key.
            last.add(-1);
        }
        for (String name : Samples.names()) {
            ObjectNode recased = recase((ObjectNode) tree(name), last);
            assertThat(recased.has("Data")).as(name).isFalse();
            assertThat(decoder.decode(JSON.writeValueAsBytes(recased))).as(name)
                    .isEqualTo(decoder.decode(Samples.bytes(name)));
        }
    }

    @Property(tries = 200)
    void aSampleGivingOneKeyInTwoSpellingsIsRefused(@ForAll("samples") String name,
            @ForAll("keys") String key, @ForAll("choices") List<Integer> choices) {
        ObjectNode body = (ObjectNode) tree(name);
        boolean top = TOP.containsKey(key);
        if (!top && !(body.get("Data") instanceof ObjectNode)) {
            body.putObject("Data");
        }
        ObjectNode holder = top ? body : (ObjectNode) body.get("Data");
        if (!holder.has(key)) {
            // This sample has no such key: give it one, in both spellings.
            holder.put(key, "x");
        }
        List<String> others = top ? TOP.get(key) : DATA.get(key);
        String other = others.get(choices.get(0) % others.size());
        holder.set(other, holder.get(key).deepCopy());
        String where = top ? "" : "Data.";

        assertThatThrownBy(() -> decoder.decode(JSON.writeValueAsBytes(body)))
                .isInstanceOf(MalformedCallbackException.class)
                .hasMessage(where + key + " is given twice, as " + where + key + " and " + where + other);
    }

    @Provide
    Arbitrary<String> keys() {
        List<String> all = new ArrayList<>(TOP.keySet());
        all.remove("Data");
        all.addAll(DATA.keySet());
        return Arbitraries.of(all);
    }

    @Example
    void aNewMsgIdWrittenAsAStringReadsAsTheNumber() throws Exception {
        for (String name : Samples.names()) {
            ObjectNode body = (ObjectNode) tree(name);
            JsonNode data = body.get("Data");
            if (!body.get("TypeName").asText().equals("AddMsg")) {
                continue;
            }
            ((ObjectNode) data).put("NewMsgId", data.get("NewMsgId").asText());
            assertThat(body.get("Data").get("NewMsgId").isTextual()).isTrue();

            assertThat(decoder.decode(JSON.writeValueAsBytes(body))).as(name)
                    .isEqualTo(decoder.decode(Samples.bytes(name)));
        }
    }

    /** The body with each listed key present renamed to the spelling its choice picks, order kept. */
    private static ObjectNode recase(ObjectNode body, List<Integer> choices) {
        ObjectNode out = rename(body, TOP, choices, 0);
        for (String data : List.of("Data", "data")) {
            if (out.get(data) instanceof ObjectNode inner) {
                out.set(data, rename(inner, DATA, choices, TOP.size()));
            }
        }
        return out;
    }

    private static ObjectNode rename(ObjectNode object, Map<String, List<String>> spellings, List<Integer> choices,
            int offset) {
        List<String> keys = new ArrayList<>(spellings.keySet());
        keys.sort(null);
        Map<String, String> to = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            List<String> all = new ArrayList<>();
            all.add(keys.get(i));
            all.addAll(spellings.get(keys.get(i)));
            to.put(keys.get(i), all.get(Math.floorMod(choices.get(offset + i), all.size())));
        }
        ObjectNode out = JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            out.set(to.getOrDefault(field.getKey(), field.getKey()), field.getValue());
        }
        return out;
    }

    private static JsonNode tree(String name) {
        try {
            return JSON.readTree(Samples.bytes(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
