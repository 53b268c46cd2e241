package io.gewebot.host.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.JacksonYAMLParseException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.gewebot.common.settings.Durations;
import io.gewebot.host.config.ConfigDocument.BadValue;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads the configuration file: the bytes as UTF-8, the YAML bound by Jackson into a
 * {@link ConfigDocument} (strictly: no unknown key, no key twice, no value of another kind, no
 * {@code null}), then checked into the model. Jackson's refusals and the model's are both turned into
 * one kind of message: file, line, key path, what the value must be.
 */
final class ConfigFileReader {

    /** Far beyond any real configuration; a bigger file is not one (a log, a dump) and is not read whole. */
    static final long MAX_BYTES = 1 << 20;

    private static final ObjectReader READER = YAMLMapper.builder(YAMLFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfigDefaults(c -> c.setAcceptBlankAsEmpty(false)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build()
            .readerFor(ConfigDocument.class);

    /** How Jackson's STRICT_DUPLICATE_DETECTION refuses a key given twice. */
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'", Pattern.DOTALL);

    private ConfigFileReader() {
    }

    static ConfigFile read(Path file, Map<String, String> env) throws ConfigFileException {
        String name = file.toString();
        String text = text(file, name);
        Map<String, Integer> keyLines = Map.of();
        try (JsonParser p = READER.createParser(text)) {
            // Syntax errors and keys given twice are found by this pass over the tokens, before anything is bound.
            keyLines = keyLines(text);
            if (p.nextToken() == null) {
                return ConfigFile.none();
            }
            ConfigDocument document = READER.readValue(p);
            if (p.nextToken() != null) {
                throw new ConfigFileException(name, line(p.currentTokenLocation()), "",
                        "holds a second YAML document (after ---); the host reads one");
            }
            return document == null ? ConfigFile.none() : document.toModel(env);
        } catch (BadValue e) {
            throw new ConfigFileException(name, OptionalInt.of(e.line), e.path, e.getMessage());
        } catch (JsonMappingException e) {
            // A parser's error met while binding comes wrapped, with the path bound so far.
            if (e.getCause() instanceof StreamReadException cause && !(cause instanceof InputCoercionException)) {
                throw new ConfigFileException(name, line(cause), keyPath(steps(e.getPath()), cause),
                        problem(cause));
            }
            String at = keyPath(steps(e.getPath()));
            // Jackson refuses an unknown key only at the end of its mapping, and says where that ends.
            OptionalInt line = e instanceof UnrecognizedPropertyException && keyLines.containsKey(at)
                    ? OptionalInt.of(keyLines.get(at)) : line(e.getLocation());
            throw new ConfigFileException(name, line, at, problem(e));
        } catch (StreamReadException e) {
            throw new ConfigFileException(name, line(e), keyPath(steps(e.getProcessor()), e), problem(e));
        } catch (IOException e) {
            // Reading from a String fails only as above; anything else is a fault of this reader.
            throw new IllegalStateException(e);
        }
    }

    /** The line of each key, by its key path: the first line of each, should a key be given twice. */
    private static Map<String, Integer> keyLines(String text) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = READER.createParser(text)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME) {
                    lines.putIfAbsent(keyPath(steps(p)), p.currentTokenLocation().getLineNr());
                }
            }
        }
        return lines;
    }

    /** The file's text: UTF-8, a byte order mark dropped. */
    private static String text(Path file, String name) throws ConfigFileException {
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new ConfigFileException(name, OptionalInt.empty(), "", "is a folder, not a file");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new ConfigFileException(name, OptionalInt.empty(), "", "is larger than " + (MAX_BYTES >> 20)
                        + " MiB: not a configuration file");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigFileException(name, OptionalInt.empty(), "", "no such file");
        } catch (AccessDeniedException e) {
            throw new ConfigFileException(name, OptionalInt.empty(), "", "cannot be read: permission denied");
        } catch (IOException e) {
            throw new ConfigFileException(name, OptionalInt.empty(), "", "cannot be read: " + e);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new ConfigFileException(name, OptionalInt.of(line), "", "cannot be read: not UTF-8 text");
        }
        String text = out.flip().toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static String problem(JsonMappingException e) {
        List<Object> steps = steps(e.getPath());
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown key; known here: " + keys(unknown.getReferringClass(), unknown);
        }
        if (e instanceof InvalidNullException) {
            return "has no value: give one, or leave the key out";
        }
        Type expected = typeAt(steps);
        if (expected != null && (e instanceof MismatchedInputException || e.getCause() instanceof InputCoercionException)) {
            // A number where a duration is expected is a duration without its unit, whatever YAML calls it.
            if (!steps.isEmpty() && ConfigDocument.DURATION_KEYS.contains(steps.get(steps.size() - 1))
                    && e.getOriginalMessage() != null && e.getOriginalMessage().contains("VALUE_NUMBER_")) {
                return Durations.BARE_NUMBER;
            }
            return "must be " + describe(expected);
        }
        return e.getOriginalMessage();
    }

    private static String problem(StreamReadException e) {
        if (e instanceof JacksonYAMLParseException && e.getCause() instanceof MarkedYAMLException yaml) {
            // SnakeYAML's own words, without the excerpt of the file its message quotes.
            return "not valid YAML: " + yaml.getProblem() + (yaml.getContext() == null ? "" : " (" + yaml.getContext() + ")");
        }
        if (e instanceof InputCoercionException) {
            Type expected = typeAt(steps(e.getProcessor()));
            if (expected != null) {
                return "must be " + describe(expected);
            }
        }
        return DUPLICATE.matcher(e.getOriginalMessage()).matches() ? "given twice; each key may be given once"
                : e.getOriginalMessage();
    }

    /** Where a parser's error is: SnakeYAML's mark of the problem, rather than where Jackson's parser last stood. */
    private static OptionalInt line(StreamReadException e) {
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            return OptionalInt.of(yaml.getProblemMark().getLine() + 1);
        }
        return line(e.getLocation());
    }

    private static OptionalInt line(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? OptionalInt.empty() : OptionalInt.of(location.getLineNr());
    }

    /** The path of a mapping error: a key's name or a list's index per step. */
    private static List<Object> steps(List<JsonMappingException.Reference> path) {
        return path.stream().map(r -> r.getFieldName() != null ? (Object) r.getFieldName() : (Object) r.getIndex())
                .collect(Collectors.toList());
    }

    /** The path where the parser stands, for errors it finds before anything is bound. */
    private static List<Object> steps(Object processor) {
        Deque<Object> out = new ArrayDeque<>();
        if (processor instanceof JsonParser p) {
            for (JsonStreamContext c = p.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
                if (c.inArray()) {
                    out.addFirst(Math.max(c.getCurrentIndex(), 0));
                } else if (c.getCurrentName() != null) {
                    out.addFirst(c.getCurrentName());
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * The key path of a parser's error: none for a syntax error, the key for one given twice (refused
     * before the parser takes it as the current key, so its name is taken from the refusal).
     */
    private static String keyPath(List<Object> at, StreamReadException e) {
        if (e instanceof JacksonYAMLParseException) {
            // Where the parser stood is the key before the fault, which would send the reader to the wrong key.
            return "";
        }
        List<Object> steps = new ArrayList<>(at);
        Matcher duplicate = DUPLICATE.matcher(e.getOriginalMessage());
        if (duplicate.matches() && (steps.isEmpty() || !duplicate.group(1).equals(steps.get(steps.size() - 1)))) {
            steps.add(duplicate.group(1));
        }
        return keyPath(steps);
    }

    static String keyPath(List<Object> steps) {
        StringBuilder out = new StringBuilder();
        for (Object step : steps) {
            if (step instanceof Integer index) {
                out.append('[').append(index).append(']');
            } else {
                out.append(out.length() == 0 ? "" : ".").append(step);
            }
        }
        return out.toString();
    }

    /** What the document expects at a path, from the records' declarations; {@code null} if it expects nothing there. */
    private static Type typeAt(List<Object> steps) {
        Type type = ConfigDocument.class;
        for (Object step : steps) {
            type = unlocated(type);
            if (step instanceof String key && type instanceof Class<?> c && c.isRecord()) {
                type = Arrays.stream(c.getRecordComponents()).filter(rc -> rc.getName().equals(key))
                        .map(RecordComponent::getGenericType).findFirst().orElse(null);
            } else if (step instanceof Integer && type instanceof ParameterizedType list && list.getRawType() == List.class) {
                type = list.getActualTypeArguments()[0];
            } else {
                return null;
            }
        }
        return type == null ? null : unlocated(type);
    }

    private static Type unlocated(Type type) {
        return type instanceof ParameterizedType p && p.getRawType() == Located.class ? p.getActualTypeArguments()[0] : type;
    }

    private static String describe(Type type) {
        if (type == String.class) {
            return "a text (in quotes if it reads as a number or as true or false)";
        }
        if (type == Boolean.class) {
            return "true or false";
        }
        if (type == Integer.class) {
            return "a whole number of at least 0";
        }
        if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
            Type element = unlocated(list.getActualTypeArguments()[0]);
            return "a list of " + (element == String.class ? "texts" : element == Integer.class ? "whole numbers"
                    : "mappings, each with the keys " + keys(element, null));
        }
        return "a mapping with the keys " + keys(type, null);
    }

    private static String keys(Type type, UnrecognizedPropertyException fallback) {
        if (type instanceof Class<?> c && c.isRecord()) {
            return Arrays.stream(c.getRecordComponents()).map(RecordComponent::getName).collect(Collectors.joining(", "));
        }
        return fallback == null ? "" : fallback.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                .collect(Collectors.joining(", "));
    }
}
