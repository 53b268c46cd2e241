package io.gewebot.host.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The host's JSON: one Jackson {@link ObjectMapper}, configured once, for callbacks, GeWe's requests
 * and answers, webhook answers and {@code /health}.
 *
 * <p>The mapper itself never leaves this class, so nothing can reconfigure it for everyone; callers
 * get its {@link ObjectReader} and {@link ObjectWriter}, which are immutable and thread-safe.
 *
 * <p>What every read obeys:
 * <ul>
 *   <li>unknown properties are ignored: GeWe adds fields between versions;
 *   <li>a key given twice, or anything after the document, is refused: two {@code TypeName}s would
 *       let two readers see two different callbacks;
 *   <li>integers of an untyped value (a tree node, an {@code Object}) are read as big integers, so an
 *       id beyond 64 bits (such as {@code SnsBgobjectId}) never fails a read and none passes through
 *       {@code double};
 *   <li>nesting, string, number and document length are bounded, so that a hostile body costs little.
 * </ul>
 */
public final class HostJson {

    /** Deeper than anything GeWe sends (its callbacks reach 4), far below what could exhaust a stack. */
    public static final int MAX_NESTING_DEPTH = 64;

    /** Longest JSON string accepted, in characters. */
    public static final int MAX_STRING_LENGTH = 1 << 20;

    /** Longest JSON number accepted, in digits; the biggest real ids have 20. */
    public static final int MAX_NUMBER_LENGTH = 64;

    /** Largest document accepted, in bytes or characters. */
    public static final long MAX_DOCUMENT_LENGTH = 8L << 20;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .maxStringLength(MAX_STRING_LENGTH)
                            .maxNumberLength(MAX_NUMBER_LENGTH)
                            .maxDocumentLength(MAX_DOCUMENT_LENGTH)
                            .build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();

    private static final ObjectReader READER = MAPPER.reader();

    private static final ObjectWriter WRITER = MAPPER.writer();

    private HostJson() {
    }

    /** @return the reader every JSON document the host takes in goes through */
    public static ObjectReader reader() {
        return READER;
    }

    /** @return the writer every JSON document the host sends goes through */
    public static ObjectWriter writer() {
        return WRITER;
    }

    /**
     * Writes a value the host built itself: a record, or maps, lists, strings, numbers and booleans.
     *
     * @param value the document
     * @return its UTF-8 bytes
     * @throws IllegalArgumentException when the value has no JSON form, which is a bug in the host
     */
    public static byte[] bytes(Object value) {
        try {
            return WRITER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            // Only in-memory values of the host's own making are written: no I/O can fail.
            throw new IllegalArgumentException("no JSON form for " + value.getClass().getName(), e);
        }
    }
}
