package io.gewebot.host.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import java.io.IOException;

/**
 * Reads a {@link Located}: notes the line of the value's first token, then leaves the value to the
 * deserializer of its type. A text must be written as one: a number or {@code true} where a text is
 * expected is refused rather than turned into {@code "123"}, since that is usually a mistake the
 * author should see (a keyword {@code 0123} would otherwise become {@code "123"}).
 */
final class LocatedDeserializer extends JsonDeserializer<Located<?>> implements ContextualDeserializer {

    private final JavaType valueType;
    private final JsonDeserializer<Object> values;

    /** For Jackson, which makes the contextual one from it. */
    LocatedDeserializer() {
        this(null, null);
    }

    private LocatedDeserializer(JavaType valueType, JsonDeserializer<Object> values) {
        this.valueType = valueType;
        this.values = values;
    }

    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property)
            throws JsonMappingException {
        JavaType type = ctxt.getContextualType() != null ? ctxt.getContextualType() : property.getType();
        JavaType inner = type.containedType(0);
        return new LocatedDeserializer(inner, ctxt.findContextualValueDeserializer(inner, property));
    }

    @Override
    public Located<?> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        int line = p.currentTokenLocation().getLineNr();
        if (valueType.hasRawClass(String.class) && !p.hasToken(JsonToken.VALUE_STRING)) {
            return (Located<?>) ctxt.handleUnexpectedToken(valueType, p);
        }
        return new Located<>(values.deserialize(p, ctxt), line);
    }

    /** {@code key:} with nothing after it, or {@code ~}: refused, rather than taken for the key left out. */
    @Override
    public Located<?> getNullValue(DeserializationContext ctxt) throws JsonMappingException {
        throw InvalidNullException.from(ctxt, null, valueType);
    }

    /** A key left out. */
    @Override
    public Located<?> getAbsentValue(DeserializationContext ctxt) {
        return null;
    }
}
