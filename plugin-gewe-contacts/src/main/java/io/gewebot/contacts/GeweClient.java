package io.gewebot.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import io.gewebot.api.ContactOutcome.FailureKind;
import io.gewebot.api.ContactOutcome.Failed;
import io.gewebot.api.ContactSettings;
import io.gewebot.contacts.GeweApi.AddContactsRequest;
import io.gewebot.contacts.GeweApi.AddGroupMemberRequest;
import io.gewebot.contacts.GeweApi.ChatroomMembers;
import io.gewebot.contacts.GeweApi.ChatroomRequest;
import io.gewebot.contacts.GeweApi.AddLabelRequest;
import io.gewebot.contacts.GeweApi.BriefInfo;
import io.gewebot.contacts.GeweApi.ContactsList;
import io.gewebot.contacts.GeweApi.DeleteFriendRequest;
import io.gewebot.contacts.GeweApi.DeviceRequest;
import io.gewebot.contacts.GeweApi.Envelope;
import io.gewebot.contacts.GeweApi.FailureDetail;
import io.gewebot.contacts.GeweApi.Label;
import io.gewebot.contacts.GeweApi.LabelList;
import io.gewebot.contacts.GeweApi.ModifyMemberListRequest;
import io.gewebot.contacts.GeweApi.Option;
import io.gewebot.contacts.GeweApi.PostTextRequest;
import io.gewebot.contacts.GeweApi.SearchRequest;
import io.gewebot.contacts.GeweApi.RelationEntry;
import io.gewebot.contacts.GeweApi.SearchedContact;
import io.gewebot.contacts.GeweApi.SetFriendRemarkRequest;
import io.gewebot.contacts.GeweApi.WxidsRequest;
import io.gewebot.contacts.TransportFailures.Call;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Talks to one GeWe account: one pooled HttpClient, typed bodies and answers.
 *
 * <p>Never throws for anything GeWe or the network does: every call ends in a {@link GeweReply}.
 * {@code /contacts/addContacts} is sent at most once per call (HttpClient's own retries are off);
 * {@code /contacts/search}, which changes nothing, is asked once more when the connection failed
 * before any answer. The address-book calls and {@code /message/postText} are each sent once,
 * whatever happens: those that change something must not be repeated, and the reads are either slow
 * ({@code fetchContactsList}, which has a cache to fall back on instead), counted by risk control
 * ({@code checkRelation}) or one of several calls an operation makes.
 */
final class GeweClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GeweClient.class);

    /** Far more than any contacts answer; stops a runaway body from filling the heap. */
    private static final int MAX_ANSWER_BYTES = 1 << 20;

    /** A pooled connection idle this long is checked before use, so a stale one is not written to. */
    private static final TimeValue VALIDATE_AFTER_INACTIVITY = TimeValue.ofMilliseconds(500);

    private final String baseUrl;
    private final String endpoint;
    private final Token token;
    private final String appId;
    private final Duration connectTimeout;
    private final Duration responseTimeout;
    private final CloseableHttpClient http;

    private GeweClient(URI base, Token token, String appId, Duration connectTimeout, Duration responseTimeout) {
        this.baseUrl = base.toString();
        this.endpoint = base.getHost() + ":" + port(base);
        this.token = token;
        this.appId = appId;
        this.connectTimeout = connectTimeout;
        this.responseTimeout = responseTimeout;
        this.http = createHttpClient(connectTimeout, responseTimeout);
    }

    /**
     * A client for the account the settings describe.
     *
     * @param settings the host's settings
     * @return an open client; close it when done
     * @throws IllegalArgumentException when a setting is missing or malformed (the message names the
     *     setting, never the token)
     */
    static GeweClient open(ContactSettings settings) {
        Objects.requireNonNull(settings, "settings");
        URI base = baseUrl(settings.baseUrl());
        Token token = new Token(settings.token());
        String appId = settings.appId().strip();
        return new GeweClient(base, token, appId, settings.connectTimeout(), settings.responseTimeout());
    }

    /**
     * Looks a person up. Asked once more when the connection failed before any answer, since a search
     * changes nothing.
     *
     * @param contactsInfo a wxid, WeChat ID or phone number
     * @return the contact GeWe found (empty when its answer had no data), or the failure
     */
    GeweReply<SearchedContact> search(String contactsInfo) {
        return post(GeweApi.SEARCH, GeweJson.write(new SearchRequest(appId, contactsInfo)), true,
                data -> data.isObject() ? GeweJson.searchedContact(data) : null);
    }

    /**
     * Asks whether the account is logged in. Asked once more when the connection failed before any
     * answer, since it changes nothing.
     *
     * @return GeWe's {@code data} (true when online; empty when it sent none), or the failure
     */
    GeweReply<Boolean> checkOnline() {
        return post(GeweApi.CHECK_ONLINE, GeweJson.write(new DeviceRequest(appId)), true, GeweJson::truth);
    }

    /**
     * Sends, accepts or rejects a friend request. Sent once, whatever happens.
     *
     * @param scene the scene
     * @param option what to do
     * @param v3 the v3 ticket
     * @param v4 the v4 ticket
     * @param content the greeting or answer text, empty for none
     * @return success, or the failure
     */
    GeweReply<Void> addContacts(int scene, Option option, String v3, String v4, String content) {
        AddContactsRequest body = new AddContactsRequest(appId, scene, option.code(), v3, v4, content);
        return post(GeweApi.ADD_CONTACTS, GeweJson.write(body), false, null);
    }

    /**
     * Sets a friend's remark.
     *
     * @param wxid the friend
     * @param remark the remark, empty to clear it
     * @return success, or the failure
     */
    GeweReply<Void> setFriendRemark(String wxid, String remark) {
        return post(GeweApi.SET_FRIEND_REMARK, GeweJson.write(new SetFriendRemarkRequest(appId, wxid, remark)),
                false, null);
    }

    /**
     * Deletes a friend.
     *
     * @param wxid the friend
     * @return success, or the failure
     */
    GeweReply<Void> deleteFriend(String wxid) {
        return post(GeweApi.DELETE_FRIEND, GeweJson.write(new DeleteFriendRequest(appId, wxid)), false, null);
    }

    /**
     * Sends a text message from the account. Sent once, whatever happens: a text must not arrive twice.
     *
     * @param toWxid the person's wxid or the group's id ({@code …@chatroom})
     * @param content the text
     * @return success, or the failure
     */
    GeweReply<Void> postText(String toWxid, String content) {
        return post(GeweApi.POST_TEXT, GeweJson.write(new PostTextRequest(appId, toWxid, content)), false, null);
    }

    /**
     * @param chatroomId the group's id
     * @return its members (empty when the answer had no data), or the failure
     */
    GeweReply<ChatroomMembers> chatroomMembers(String chatroomId) {
        return post(GeweApi.GET_CHATROOM_MEMBER_LIST, GeweJson.write(new ChatroomRequest(appId, chatroomId)), true,
                GeweJson::chatroomMembers);
    }

    /**
     * Sends a friend request to a group's member through the group. Sent once, whatever happens.
     *
     * @param chatroomId the group's id
     * @param memberWxid the member
     * @param content the greeting
     * @return success, or the failure
     */
    GeweReply<Void> addGroupMemberAsFriend(String chatroomId, String memberWxid, String content) {
        return post(GeweApi.ADD_GROUP_MEMBER_AS_FRIEND,
                GeweJson.write(new AddGroupMemberRequest(appId, chatroomId, memberWxid, content)), false, null);
    }

    /** @return the account's contacts by wxid (empty when the answer had no data), or the failure */
    GeweReply<ContactsList> fetchContactsList() {
        return post(GeweApi.FETCH_CONTACTS_LIST, GeweJson.write(new DeviceRequest(appId)), false,
                GeweJson::contactsList);
    }

    /** @return the contacts {@link #fetchContactsList()} answered last, as GeWe keeps them, or the failure */
    GeweReply<ContactsList> fetchContactsListCache() {
        return post(GeweApi.FETCH_CONTACTS_LIST_CACHE, GeweJson.write(new DeviceRequest(appId)), false,
                GeweJson::contactsList);
    }

    /**
     * @param wxids at most {@link GeweApi#MAX_WXIDS_PER_CALL}
     * @return the profiles GeWe knows (empty when the answer had no data), or the failure
     */
    GeweReply<List<BriefInfo>> briefInfo(List<String> wxids) {
        return post(GeweApi.GET_BRIEF_INFO, GeweJson.write(new WxidsRequest(appId, wxids)), false,
                GeweJson::briefInfos);
    }

    /**
     * @param wxids at most {@link GeweApi#MAX_WXIDS_PER_CALL}
     * @return their relations (empty when the answer had no data), or the failure; a GeWe without the
     *     endpoint answers a {@link GeweReply.Failure#unknownEndpoint()} failure
     */
    GeweReply<List<RelationEntry>> checkRelation(List<String> wxids) {
        return post(GeweApi.CHECK_RELATION, GeweJson.write(new WxidsRequest(appId, wxids)), false,
                GeweJson::relations);
    }

    /** @return the account's labels (empty when the answer had no data), or the failure */
    GeweReply<LabelList> labelList() {
        return post(GeweApi.LABEL_LIST, GeweJson.write(new DeviceRequest(appId)), false, GeweJson::labelList);
    }

    /**
     * Creates a label, or finds the one of that name.
     *
     * @param name the label's name
     * @return the label (empty when the answer had no data), or the failure
     */
    GeweReply<Label> addLabel(String name) {
        return post(GeweApi.LABEL_ADD, GeweJson.write(new AddLabelRequest(appId, name)), false, GeweJson::label);
    }

    /**
     * Gives friends exactly these labels; any they had and are not listed are taken off.
     *
     * @param labelIds label ids joined by commas, empty for none
     * @param wxids the friends
     * @return success, or the failure
     */
    GeweReply<Void> modifyMemberList(String labelIds, List<String> wxids) {
        return post(GeweApi.LABEL_MODIFY_MEMBER_LIST,
                GeweJson.write(new ModifyMemberListRequest(appId, labelIds, wxids)), false, null);
    }

    /** Closes the pool and every connection in it at once. Calling it twice is harmless. */
    @Override
    public void close() {
        http.close(CloseMode.IMMEDIATE);
    }

    /** Reads the data of a successful answer; {@code null} when it holds nothing this call reads. */
    @FunctionalInterface
    private interface DataReader<T> {
        T read(JsonNode data) throws GeweJson.WrongShapeException;
    }

    /**
     * @param data reads a successful answer's data; {@code null} when the call answers nothing
     */
    private <T> GeweReply<T> post(String path, byte[] json, boolean repeatable, DataReader<T> data) {
        Call call = new Call(path, endpoint, connectTimeout, responseTimeout, token);
        try {
            RawAnswer answer;
            try {
                answer = send(path, json);
            } catch (IOException first) {
                if (!repeatable || !TransportFailures.worthRepeating(first)) {
                    throw first;
                }
                LOG.info("GeWe {} failed before answering ({}); asking once more",
                        path, first.getClass().getSimpleName());
                answer = send(path, json);
            }
            return interpret(path, answer, data);
        } catch (IOException e) {
            return new GeweReply.Failure<>(TransportFailures.describe(e, call));
        } catch (RuntimeException e) {
            return new GeweReply.Failure<>(TransportFailures.internal(e, call));
        }
    }

    private RawAnswer send(String path, byte[] json) throws IOException {
        ClassicHttpRequest request = ClassicRequestBuilder.post(baseUrl + path)
                .setHeader(GeweApi.TOKEN_HEADER, token.value())
                .setEntity(new ByteArrayEntity(json, ContentType.APPLICATION_JSON))
                .build();
        // The handler reads the whole body; HttpClient then releases the connection whatever happened.
        return http.execute(request, GeweClient::readAnswer);
    }

    private static RawAnswer readAnswer(ClassicHttpResponse response) throws IOException {
        HttpEntity entity = response.getEntity();
        byte[] body = entity == null ? new byte[0] : EntityUtils.toByteArray(entity, MAX_ANSWER_BYTES);
        return new RawAnswer(response.getCode(), body == null ? new byte[0] : body);
    }

    private <T> GeweReply<T> interpret(String path, RawAnswer answer, DataReader<T> dataReader) {
        if (answer.status() < 200 || answer.status() > 299) {
            return new GeweReply.Failure<>(
                    TransportFailures.maybeSent(FailureKind.HTTP_STATUS, "GeWe answered HTTP " + answer.status()),
                    GeweFailures.meansUnknownEndpoint(answer.status(), null, null));
        }
        if (answer.body().length == 0) {
            return unusable(FailureKind.UNREADABLE_RESPONSE, "GeWe's answer to " + path + " is empty");
        }
        Envelope envelope;
        try {
            envelope = GeweJson.readEnvelope(answer.body());
        } catch (IOException e) {
            return unusable(FailureKind.UNREADABLE_RESPONSE, "GeWe's answer to " + path + " is not valid JSON");
        } catch (GeweJson.WrongShapeException e) {
            return unusable(FailureKind.UNREADABLE_RESPONSE, "GeWe's answer to " + path + " is not a GeWe envelope");
        }
        if (envelope.ret() == null) {
            return unusable(FailureKind.UNREADABLE_RESPONSE, "GeWe's answer to " + path + " has no result code (ret)");
        }
        LOG.debug("GeWe {} answered ret {}", path, envelope.ret());
        if (!GeweApi.RET_OK.equals(envelope.ret())) {
            return platformFailure(path, envelope);
        }
        Optional<JsonNode> data = Optional.ofNullable(envelope.data()).filter(d -> !d.isNull());
        if (dataReader == null || data.isEmpty()) {
            return new GeweReply.Success<>(Optional.empty());
        }
        try {
            return new GeweReply.Success<>(Optional.ofNullable(dataReader.read(data.get())));
        } catch (GeweJson.WrongShapeException e) {
            return unusable(FailureKind.UNREADABLE_RESPONSE, "GeWe's answer to " + path + " has unreadable data");
        }
    }

    private <T> GeweReply<T> platformFailure(String path, Envelope envelope) {
        BigInteger ret = envelope.ret();
        if (ret.bitLength() >= Integer.SIZE) {
            return unusable(FailureKind.UNREADABLE_RESPONSE,
                    "GeWe's answer to " + path + " has an impossible result code " + ret);
        }
        FailureDetail raw = GeweJson.failureDetail(envelope.dataObject());
        String msg = token.redact(envelope.msg());
        FailureDetail detail = new FailureDetail(token.redact(raw.code()), token.redact(raw.msg()));
        // GeWe's texts go on as written; what they mean travels beside them as the kind.
        return new GeweReply.Failure<>(Failed.platform(
                GeweFailures.kindOf(path, ret.intValue(), msg, detail),
                ret.intValue(),
                msg,
                detail.code(),
                detail.msg()),
                GeweFailures.meansUnknownEndpoint(200, ret.intValue(), msg));
    }

    private static <T> GeweReply<T> unusable(FailureKind kind, String description) {
        // GeWe answered something, so whatever was asked may well have been done.
        return new GeweReply.Failure<>(TransportFailures.maybeSent(kind, description));
    }

    /**
     * HttpClient's default TLS for an https:// GeWe: the JDK's default context, protocols and host name
     * checks. Made once, at the first client, and shared by every account's: it keeps no state of one
     * connection, and an SSL context made for each of a thousand accounts was a twentieth of their start.
     */
    private static final class DefaultTls {
        static final TlsSocketStrategy STRATEGY = DefaultClientTlsStrategy.createDefault();
    }

    private static CloseableHttpClient createHttpClient(Duration connectTimeout, Duration responseTimeout) {
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setConnectionFactory(new QuietConnectionFactory())
                .setTlsSocketStrategy(DefaultTls.STRATEGY)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setValidateAfterInactivity(VALIDATE_AFTER_INACTIVITY)
                        .build())
                .setMaxConnTotal(4)
                .setMaxConnPerRoute(4)
                .build();
        return HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(responseTimeout))
                        .setConnectionRequestTimeout(Timeout.of(connectTimeout))
                        .setRedirectsEnabled(false)
                        .build())
                // A friend request must never go out twice: no retry below this class either.
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                // GeWe's answers are a few hundred bytes: asking for gzip only adds work.
                .disableContentCompression()
                .setUserAgent("gewe-contacts")
                .build();
    }

    private static URI baseUrl(String raw) {
        String trimmed = raw.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("setting '" + ContactSettings.BASE_URL + "' is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("setting '" + ContactSettings.BASE_URL
                    + "' must be an http or https URL such as http://host:2531/v2/api");
        }
        return uri;
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** An HTTP answer as it arrived, read whole before the connection went back to the pool. */
    private record RawAnswer(int status, byte[] body) {
    }
}
