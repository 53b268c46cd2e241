package io.gewebot.host.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The host's JSON: trees read and documents written with Jackson's streaming parser and generator
 * alone, without an {@code ObjectMapper}.
 *
 * <p>The host reads small documents (callbacks, GeWe's envelopes) and writes smaller ones (webhook
 * answers, {@code /health}, GeWe requests). An {@code ObjectMapper} would do the same, but building
 * one and its first tree read and write load some 350 classes and cost about 0.2 s of the host's
 * start-up; the streaming layer and the node classes cost a quarter of that. The trees are Jackson's
 * own {@link JsonNode}s, so reading them is unchanged.
 *
 * <p>Numbers are kept as a mapper keeps them by default: integers as {@code int}, {@code long} or
 * big integer nodes by size, others as doubles. Instances are immutable and thread-safe.
 */
public final class Json {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final Json STANDARD = new Json(new JsonFactory());

    private final JsonFactory factory;

    /**
     * @param factory the parser and generator factory, with whatever limits and features reading
     *     needs
     */
    public Json(JsonFactory factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /** @return JSON with Jackson's default limits, one instance shared by every caller */
    public static Json standard() {
        return STANDARD;
    }

    /**
     * Reads one document.
     *
     * @param body UTF-8 (or UTF-16/32, detected) bytes
     * @return its root, or {@link Optional#empty()} for a body of no value (empty or whitespace)
     * @throws IOException when it is not exactly one JSON value, or breaks the factory's limits
     */
    public Optional<JsonNode> read(byte[] body) throws IOException {
        try (JsonParser parser = factory.createParser(body)) {
            return readRoot(parser);
        }
    }

    /**
     * Reads one document already held as text.
     *
     * @param body the text
     * @return its root, or {@link Optional#empty()} for a body of no value (empty or whitespace)
     * @throws IOException when it is not exactly one JSON value, or breaks the factory's limits
     */
    public Optional<JsonNode> read(String body) throws IOException {
        try (JsonParser parser = factory.createParser(body)) {
            return readRoot(parser);
        }
    }

    private static Optional<JsonNode> readRoot(JsonParser parser) throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            return Optional.empty();
        }
        JsonNode root = value(parser, first);
        JsonToken trailing = parser.nextToken();
        if (trailing != null) {
            throw malformed(parser, "more than one value");
        }
        return Optional.of(root);
    }

    /** The value starting at {@code token}; the parser's depth limit bounds the recursion. */
    private static JsonNode value(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT: {
                ObjectNode object = NODES.objectNode();
                JsonToken next;
                while ((next = parser.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    object.set(name, value(parser, parser.nextToken()));
                }
                expect(parser, next, JsonToken.END_OBJECT);
                return object;
            }
            case START_ARRAY: {
                ArrayNode array = NODES.arrayNode();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    if (next == null) {
                        throw malformed(parser, "unterminated array");
                    }
                    array.add(value(parser, next));
                }
                return array;
            }
            case VALUE_STRING:
                return NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT:
                switch (parser.getNumberType()) {
                    case INT:
                        return NODES.numberNode(parser.getIntValue());
                    case LONG:
                        return NODES.numberNode(parser.getLongValue());
                    default:
                        return NODES.numberNode(parser.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw malformed(parser, "unexpected " + token);
        }
    }

    private static void expect(JsonParser parser, JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw malformed(parser, "expected " + expected + ", found " + actual);
        }
    }

    private static JsonParseException malformed(JsonParser parser, String what) {
        return new JsonParseException(parser, what);
    }

    /**
     * Writes a document: maps (string keys, in their iteration order), iterables, strings, numbers,
     * booleans, {@code null}; anything else as its {@code toString()}.
     *
     * @param value the document
     * @return its UTF-8 bytes
     */
    public byte[] write(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (JsonGenerator out = factory.createGenerator(bytes, JsonEncoding.UTF8)) {
            write(out, value);
        } catch (IOException e) {
            // Only the in-memory stream is written to.
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void write(JsonGenerator out, Object value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof String s) {
            out.writeString(s);
        } else if (value instanceof Boolean b) {
            out.writeBoolean(b);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte) {
            out.writeNumber(((Number) value).longValue());
        } else if (value instanceof Number n) {
            out.writeNumber(n.toString());
        } else if (value instanceof Map<?, ?> map) {
            out.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.writeFieldName(String.valueOf(e.getKey()));
                write(out, e.getValue());
            }
            out.writeEndObject();
        } else if (value instanceof Iterable<?> items) {
            out.writeStartArray();
            for (Object item : items) {
                write(out, item);
            }
            out.writeEndArray();
        } else {
            out.writeString(value.toString());
        }
    }
}
