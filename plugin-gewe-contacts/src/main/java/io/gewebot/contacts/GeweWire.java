package io.gewebot.contacts;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.gewebot.contacts.GeweApi.AddContactsRequest;
import io.gewebot.contacts.GeweApi.Envelope;
import io.gewebot.contacts.GeweApi.FailureDetail;
import io.gewebot.contacts.GeweApi.SearchRequest;
import io.gewebot.contacts.GeweApi.SearchedContact;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * GeWe's JSON, written and read with Jackson's streaming layer.
 *
 * <p>Bodies are written field by field in the order GeWe documents them. Answers are read into
 * {@link Envelope}s leniently, the way GeWe's answers vary: unknown fields are skipped, {@code ret}
 * may come as a number or as text, and a scalar where text is expected (a detail {@code code} sent as
 * {@code -4}) is taken as its text. An {@code ObjectMapper} would do the same at the price of some
 * 380 classes and about 0.15 s when the plugin starts; the streaming layer needs a tenth of that.
 * Thread-safe.
 */
final class GeweWire {

    /** Stands for a nested object or array in an envelope's {@code data}, where a scalar was expected. */
    private static final Object NESTED = new Object();

    /** Stands for JSON null in a field map, whose values cannot be {@code null}. */
    private static final Object NULL = new Object();

    /** Marks a {@code ret} that is neither a number nor a number's text. */
    private static final BigInteger WRONG_RET = BigInteger.valueOf(Long.MIN_VALUE);

    private static final JsonFactory JSON = new JsonFactory();

    private GeweWire() {
    }

    /** Thrown when an answer is JSON but not of the shape a field needs. */
    static final class WrongShapeException extends Exception {
        private static final long serialVersionUID = 1L;

        WrongShapeException(String what) {
            super(what, null, false, false);
        }
    }

    /** @return the body of {@code /contacts/search} */
    static byte[] write(SearchRequest body) {
        return write(out -> {
            out.writeStringField("appId", body.appId());
            out.writeStringField("contactsInfo", body.contactsInfo());
        });
    }

    /** @return the body of {@code /contacts/addContacts} */
    static byte[] write(AddContactsRequest body) {
        return write(out -> {
            out.writeStringField("appId", body.appId());
            out.writeNumberField("scene", body.scene());
            out.writeNumberField("option", body.option());
            out.writeStringField("v3", body.v3());
            out.writeStringField("v4", body.v4());
            out.writeStringField("content", body.content());
        });
    }

    @FunctionalInterface
    private interface Fields {
        void write(JsonGenerator out) throws IOException;
    }

    private static byte[] write(Fields fields) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator out = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
            out.writeStartObject();
            fields.write(out);
            out.writeEndObject();
        } catch (IOException e) {
            // Only the in-memory stream is written to.
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads an answer's envelope. Only the first JSON value of the body is read.
     *
     * @param body the answer's body, not empty
     * @return the envelope
     * @throws IOException when the body is not valid JSON
     * @throws WrongShapeException when it is JSON but not an envelope
     */
    static Envelope readEnvelope(byte[] body) throws IOException, WrongShapeException {
        try (JsonParser in = JSON.createParser(body)) {
            JsonToken root = in.nextToken();
            if (root != JsonToken.START_OBJECT) {
                // Whatever it is, it must still be valid JSON to be told apart from broken JSON.
                if (root != null) {
                    in.skipChildren();
                }
                throw new WrongShapeException("not an object");
            }
            BigInteger ret = null;
            Object msg = null;
            Map<String, Object> data = null;
            boolean wrongShape = false;
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String name = in.currentName();
                JsonToken value = in.nextToken();
                switch (name) {
                    case "ret":
                        ret = resultCode(in, value);
                        wrongShape |= ret == WRONG_RET;
                        break;
                    case "msg":
                        msg = scalar(in, value);
                        wrongShape |= msg == NESTED;
                        break;
                    case "data":
                        if (value == JsonToken.START_OBJECT) {
                            data = fields(in);
                        } else {
                            // Not an object (null, a text...): no fields to read, as if absent.
                            data = null;
                            in.skipChildren();
                        }
                        break;
                    default:
                        in.skipChildren();
                }
            }
            if (wrongShape) {
                throw new WrongShapeException("ret or msg of the wrong type");
            }
            return new Envelope(ret, (String) msg, Optional.ofNullable(data));
        }
    }

    /**
     * @return the contact in a successful search's {@code data}
     * @throws WrongShapeException when a field holds an object or an array
     */
    static SearchedContact searchedContact(Map<String, Object> data) throws WrongShapeException {
        return new SearchedContact(text(data, "v3"), text(data, "v4"), text(data, "nickName"));
    }

    /** @return the failure detail in a failed call's {@code data}; both parts empty when it has an odd shape */
    static FailureDetail failureDetail(Optional<Map<String, Object>> data) {
        if (data.isEmpty()) {
            return new FailureDetail(null, null);
        }
        try {
            return new FailureDetail(text(data.get(), "code"), text(data.get(), "msg"));
        } catch (WrongShapeException e) {
            // The failure itself is what matters; an odd detail must not hide it.
            return new FailureDetail(null, null);
        }
    }

    private static BigInteger resultCode(JsonParser in, JsonToken value) throws IOException {
        switch (value) {
            case VALUE_NUMBER_INT:
                return in.getBigIntegerValue();
            case VALUE_NUMBER_FLOAT:
                return in.getDecimalValue().toBigInteger();
            case VALUE_NULL:
                return null;
            case VALUE_STRING: {
                String text = in.getText().strip();
                if (text.isEmpty()) {
                    return null;
                }
                try {
                    return new BigInteger(text);
                } catch (NumberFormatException e) {
                    return WRONG_RET;
                }
            }
            default:
                in.skipChildren();
                return WRONG_RET;
        }
    }

    /** The fields of {@code data}, each scalar as its text, {@code null} as null, and containers as {@link #NESTED}. */
    private static Map<String, Object> fields(JsonParser in) throws IOException {
        Map<String, Object> fields = new HashMap<>();
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String name = in.currentName();
            Object value = scalar(in, in.nextToken());
            fields.put(name, value == null ? NULL : value);
        }
        return fields;
    }

    private static Object scalar(JsonParser in, JsonToken value) throws IOException {
        switch (value) {
            case VALUE_STRING:
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
            case VALUE_TRUE:
            case VALUE_FALSE:
                return in.getText();
            case VALUE_NULL:
                return null;
            default:
                in.skipChildren();
                return NESTED;
        }
    }

    private static String text(Map<String, Object> data, String field) throws WrongShapeException {
        Object value = data.get(field);
        if (value == NESTED) {
            throw new WrongShapeException(field + " is not a scalar");
        }
        return value instanceof String s ? s : null;
    }
}
