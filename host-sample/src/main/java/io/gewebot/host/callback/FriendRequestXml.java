package io.gewebot.host.callback;

import io.gewebot.api.FriendRequest;
import java.io.StringReader;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the {@code <msg .../>} element WeChat puts in the {@code Content} of a friend request
 * (MsgType 37).
 *
 * <p>The XML comes from the network, so the parser is locked down: a document with a DOCTYPE is
 * refused as soon as the parser reports it (before any entity could be expanded), DTDs and external
 * entities are switched off, and no external DTD or schema may be fetched. The JDK's own StAX
 * implementation is used on purpose, so that another StAX provider on the class path cannot change
 * these guarantees.
 */
final class FriendRequestXml {

    /** Digits a scene may have, leading zeros included; real scenes have one or two. */
    private static final int MAX_SCENE_DIGITS = 32;

    private FriendRequestXml() {
    }

    /**
     * Parses a friend request.
     *
     * @param xml the {@code Content.string} of the callback
     * @param receivedAt when it arrived ({@code CreateTime})
     * @return the request, with {@code encryptusername} as v3 and {@code ticket} as v4
     * @throws MalformedCallbackException when the XML is not well-formed, holds a DOCTYPE, is not a
     *     {@code <msg>} element, or lacks the wxid, a ticket or a numeric scene
     */
    static FriendRequest parse(String xml, Instant receivedAt) throws MalformedCallbackException {
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (xml == null || xml.isBlank()) {
            throw new MalformedCallbackException("friend request XML is empty");
        }
        XMLStreamReader reader = null;
        try {
            reader = newFactory().createXMLStreamReader(new StringReader(xml));
            FriendRequest request = null;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.DTD) {
                    // Refused before the parser reaches any content that could reference an entity.
                    throw new MalformedCallbackException("friend request XML must not contain a DOCTYPE");
                }
                if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                    throw new MalformedCallbackException("friend request XML must not use entities");
                }
                if (event == XMLStreamConstants.START_ELEMENT && request == null) {
                    request = readMsg(reader, receivedAt);
                }
            }
            // Reading to the end makes the parser check the rest of the document is well-formed.
            if (request == null) {
                throw new MalformedCallbackException("friend request XML has no <msg> element");
            }
            return request;
        } catch (XMLStreamException e) {
            throw new MalformedCallbackException("friend request XML is not well-formed", e);
        } finally {
            close(reader);
        }
    }

    private static FriendRequest readMsg(XMLStreamReader reader, Instant receivedAt)
            throws MalformedCallbackException {
        if (!"msg".equals(reader.getLocalName())) {
            throw new MalformedCallbackException("friend request XML is not a <msg> element");
        }
        String fromWxid = attribute(reader, "fromusername");
        String v3 = attribute(reader, "encryptusername");
        String v4 = attribute(reader, "ticket");
        if (fromWxid.isBlank()) {
            throw new MalformedCallbackException("friend request has no fromusername");
        }
        if (v3.isBlank()) {
            throw new MalformedCallbackException("friend request has no encryptusername (v3)");
        }
        if (v4.isBlank()) {
            throw new MalformedCallbackException("friend request has no ticket (v4)");
        }
        return new FriendRequest(
                fromWxid,
                attribute(reader, "fromnickname"),
                attribute(reader, "content"),
                scene(attribute(reader, "scene")),
                v3,
                v4,
                receivedAt);
    }

    private static int scene(String text) throws MalformedCallbackException {
        String digits = text.strip();
        // The length bound keeps a hostile value from costing anything to convert.
        if (digits.isEmpty() || digits.length() > MAX_SCENE_DIGITS
                || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new MalformedCallbackException("friend request has no numeric scene");
        }
        BigInteger scene = new BigInteger(digits);
        if (scene.bitLength() > 31) {
            throw new MalformedCallbackException("friend request has no numeric scene");
        }
        return scene.intValue();
    }

    /** @return the attribute's value, or empty when the element does not have it */
    private static String attribute(XMLStreamReader reader, String name) {
        String value = reader.getAttributeValue(null, name);
        return value == null ? "" : value;
    }

    /**
     * A new factory per document: the JDK's factory caches a reader between calls and is not safe to
     * share between threads, and friend requests are too rare for the cost to matter.
     */
    private static XMLInputFactory newFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            // Never reached while DTDs are off; if it ever is, fail instead of fetching anything.
            throw new XMLStreamException("external resources are not allowed");
        });
        return factory;
    }

    private static void close(XMLStreamReader reader) {
        if (reader == null) {
            return;
        }
        try {
            reader.close();
        } catch (XMLStreamException e) {
            // Nothing to release: the reader works on a String.
        }
    }
}
