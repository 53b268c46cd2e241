package io.gewebot.sandbox;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one Jackson configuration the sandbox reads and writes with. */
final class Json {

    /**
     * Immutable once built and thread-safe. Decimals stay exact so no id is ever rounded;
     * integers already become {@code BigInteger} nodes when they do not fit a {@code long}.
     */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private Json() {
    }
}
