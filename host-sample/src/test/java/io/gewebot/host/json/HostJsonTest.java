package io.gewebot.host.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every JSON read and write of the host obeys. */
class HostJsonTest {

    record Probe(String appId) {
    }

    record Unsorted(String toWxid, String content, String appId) {
    }

    @Test
    void anIntegerBeyondSixtyFourBitsIsReadExactly() throws Exception {
        JsonNode tree = HostJson.reader().readTree("{\"SnsBgobjectId\":14216284872728580667,\"Big\":-99999999999999999999999}");

        assertThat(tree.get("SnsBgobjectId").bigIntegerValue()).isEqualTo(new BigInteger("14216284872728580667"));
        assertThat(tree.get("Big").bigIntegerValue()).isEqualTo(new BigInteger("-99999999999999999999999"));
        assertThat(HostJson.reader().forType(Object.class).<Map<String, Object>>readValue("{\"id\":7}"))
                .containsEntry("id", BigInteger.valueOf(7));
    }

    @Test
    void aKeyGivenTwiceIsRefused() {
        assertThatThrownBy(() -> HostJson.reader().readTree("{\"TypeName\":\"AddMsg\",\"TypeName\":\"Offline\"}"))
                .isInstanceOf(JsonParseException.class).hasMessageContaining("Duplicate field 'TypeName'");
    }

    @Test
    void anythingAfterTheDocumentIsRefused() {
        assertThatThrownBy(() -> HostJson.reader().readTree("{\"a\":1} {\"b\":2}")).isInstanceOf(IOException.class);
    }

    @Test
    void unknownPropertiesAreIgnored() throws Exception {
        assertThat(HostJson.reader().forType(Probe.class).<Probe>readValue("{\"appId\":\"wx_1\",\"newField\":[1,{}]}"))
                .isEqualTo(new Probe("wx_1"));
    }

    @Test
    void nestingBeyondTheLimitIsRefused() {
        int depth = HostJson.MAX_NESTING_DEPTH + 1;
        String deep = "[".repeat(depth) + "]".repeat(depth);

        assertThatThrownBy(() -> HostJson.reader().readTree(deep)).isInstanceOf(StreamConstraintsException.class);
    }

    @Test
    void aRecordIsWrittenInItsComponentOrder() {
        assertThat(new String(HostJson.bytes(new Unsorted("wxid_a", "好", "wx_1")), StandardCharsets.UTF_8))
                .isEqualTo("{\"toWxid\":\"wxid_a\",\"content\":\"好\",\"appId\":\"wx_1\"}");
    }
}
