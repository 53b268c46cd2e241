package io.gewebot.contacts;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.gewebot.contacts.GeweApi.BriefInfo;
import io.gewebot.contacts.GeweApi.ChatroomMembers;
import io.gewebot.contacts.GeweApi.ContactsList;
import io.gewebot.contacts.GeweApi.Envelope;
import io.gewebot.contacts.GeweApi.FailureDetail;
import io.gewebot.contacts.GeweApi.Label;
import io.gewebot.contacts.GeweApi.LabelList;
import io.gewebot.contacts.GeweApi.RelationEntry;
import io.gewebot.contacts.GeweApi.SearchedContact;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * GeWe's JSON: the plugin's one {@link ObjectMapper}, which writes the request records of
 * {@link GeweApi} and reads its answer records.
 *
 * <p>Answers are read the way GeWe's vary: unknown fields are ignored, {@code ret} may come as a
 * number or as text, a scalar where text is expected (a detail {@code code} sent as {@code -4}) is
 * taken as its text, and numbers beyond 64 bits never fail a read. A body is parsed whole before it
 * is mapped, so broken JSON is always told apart from JSON of the wrong shape. Thread-safe.
 */
final class GeweJson {

    /**
     * The mapper. Its buffers are pooled by the mapper itself, not per thread: Jackson's default pool
     * keeps a buffer recycler in a {@code ThreadLocal} of every thread that ever parsed, and that
     * recycler's class would keep the plugin's class loader alive on the host's threads after the
     * plugin is unloaded.
     */
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .recyclerPool(JsonRecyclerPools.newConcurrentDequePool())
                    .streamReadConstraints(StreamReadConstraints.defaults())
                    .build())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .withCoercionConfig(LogicalType.Integer, c -> c
                    // ret "" is as good as no ret; ret true is no result code at all.
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.AsNull)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private GeweJson() {
    }

    /** Thrown when an answer is JSON but not of the shape a record needs. */
    static final class WrongShapeException extends Exception {
        private static final long serialVersionUID = 1L;

        WrongShapeException(String what) {
            super(what, null, false, false);
        }
    }

    /**
     * @param body a request record of {@link GeweApi}
     * @return its JSON, under GeWe's keys in GeWe's order
     */
    static byte[] write(Object body) {
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            // The request records hold text and numbers only.
            throw new IllegalStateException("cannot write " + body.getClass().getSimpleName(), e);
        }
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
        JsonNode root = MAPPER.readTree(body);
        if (root == null || !root.isObject()) {
            throw new WrongShapeException("not an object");
        }
        return map(root, Envelope.class);
    }

    /**
     * @param data a successful search's {@code data}
     * @return the contact in it
     * @throws WrongShapeException when a field holds an object or an array
     */
    static SearchedContact searchedContact(JsonNode data) throws WrongShapeException {
        return map(data, SearchedContact.class);
    }

    /**
     * @param data a successful {@code fetchContactsList}'s {@code data}
     * @return the list in it
     * @throws WrongShapeException when it is not an object of lists of text
     */
    static ContactsList contactsList(JsonNode data) throws WrongShapeException {
        return map(object(data), ContactsList.class);
    }

    /**
     * @param data a successful {@code getChatroomMemberList}'s {@code data}
     * @return the members in it
     * @throws WrongShapeException when it is not an object with a list of members
     */
    static ChatroomMembers chatroomMembers(JsonNode data) throws WrongShapeException {
        return map(object(data), ChatroomMembers.class);
    }

    /**
     * @param data a successful {@code getBriefInfo}'s {@code data}
     * @return the profiles in it, {@code null} items left out
     * @throws WrongShapeException when it is not a list of profiles
     */
    static List<BriefInfo> briefInfos(JsonNode data) throws WrongShapeException {
        return list(data, BriefInfo[].class);
    }

    /**
     * @param data a successful {@code label/add}'s {@code data}
     * @return the label
     * @throws WrongShapeException when it is not a label
     */
    static Label label(JsonNode data) throws WrongShapeException {
        return map(object(data), Label.class);
    }

    /**
     * @param data a successful {@code label/list}'s {@code data}
     * @return the labels
     * @throws WrongShapeException when it is not an object with a list of labels
     */
    static LabelList labelList(JsonNode data) throws WrongShapeException {
        return map(object(data), LabelList.class);
    }

    /**
     * @param data a successful {@code checkRelation}'s {@code data}
     * @return the relations in it, {@code null} items left out
     * @throws WrongShapeException when it is not a list of relations
     */
    static List<RelationEntry> relations(JsonNode data) throws WrongShapeException {
        return list(data, RelationEntry[].class);
    }

    /**
     * @param data a successful {@code checkOnline}'s {@code data}
     * @return it as a truth value: {@code true} or {@code false}, as JSON or as text
     * @throws WrongShapeException when it is neither
     */
    static Boolean truth(JsonNode data) throws WrongShapeException {
        if (data.isBoolean()) {
            return data.booleanValue();
        }
        if (data.isTextual() && (data.textValue().strip().equals("true") || data.textValue().strip().equals("false"))) {
            return Boolean.valueOf(data.textValue().strip());
        }
        throw new WrongShapeException("not a truth value");
    }

    /** @return the failure detail in a failed call's {@code data}; both parts empty when it has an odd shape */
    static FailureDetail failureDetail(Optional<JsonNode> data) {
        if (data.isEmpty()) {
            return FailureDetail.NONE;
        }
        try {
            return map(data.get(), FailureDetail.class);
        } catch (WrongShapeException e) {
            // The failure itself is what matters; an odd detail must not hide it.
            return FailureDetail.NONE;
        }
    }

    private static JsonNode object(JsonNode data) throws WrongShapeException {
        if (!data.isObject()) {
            throw new WrongShapeException("not an object");
        }
        return data;
    }

    private static <T> List<T> list(JsonNode data, Class<T[]> type) throws WrongShapeException {
        if (!data.isArray()) {
            throw new WrongShapeException("not a list");
        }
        return Arrays.stream(map(data, type)).filter(Objects::nonNull).toList();
    }

    private static <T> T map(JsonNode tree, Class<T> type) throws WrongShapeException {
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // The tree is valid JSON already: whatever fails now is its shape. Jackson's message
            // quotes the offending value, so only the type is named.
            throw new WrongShapeException("not a " + type.getSimpleName());
        }
    }
}
