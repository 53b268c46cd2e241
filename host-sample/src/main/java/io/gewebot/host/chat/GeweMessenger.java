package io.gewebot.host.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import io.gewebot.host.json.HostJson;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's own GeWe calls: sending chat text ({@code /message/postText}), asking whether the
 * account is online ({@code /login/checkOnline}), bringing a dropped account back
 * ({@code /login/reconnection}), registering the callback URL ({@code /tools/setCallback} or
 * {@code /login/setCallback}) and logging an account in ({@code /tools/getTokenId},
 * {@code /login/getLoginQrCode}, {@code /login/checkLogin}). Contact operations are the plugin's business.
 *
 * <p>Calls go through a pooled Apache HttpClient, the messenger's own (released by {@link #close()}) or one
 * the accounts of a host share ({@link Connections}), with explicit connect and response timeouts.
 * Answers are read whole by a response handler, so every connection goes back to the pool (or is dropped) whatever the answer was. A call is never repeated:
 * the client's automatic retries are off, so a POST whose connection broke after it was sent is
 * reported, not sent again, and a reply cannot reach a chat twice.
 *
 * <p>No call throws: whatever GeWe or the network does ends in an {@link Answer}, whose text never
 * holds the token.
 */
public final class GeweMessenger implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GeweMessenger.class);
    private static final String POST_TEXT = "/message/postText";
    private static final String CHECK_ONLINE = "/login/checkOnline";
    private static final String RECONNECTION = "/login/reconnection";
    private static final String SET_CALLBACK_SELF_HOSTED = "/tools/setCallback";
    private static final String SET_CALLBACK_HOSTED = "/login/setCallback";
    private static final String GET_TOKEN_ID = "/tools/getTokenId";
    private static final String GET_LOGIN_QR_CODE = "/login/getLoginQrCode";
    private static final String CHECK_LOGIN = "/login/checkLogin";
    private static final String TOKEN_HEADER = "X-GEWE-TOKEN";
    private static final int RET_OK = 200;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** GeWe's envelopes are small; a longer answer is not read into memory. */
    private static final int MAX_ANSWER_BYTES = 1 << 20;
    /**
     * A pooled connection idle this long is checked before it is written to: a connection GeWe closed
     * meanwhile is then replaced while nothing has been sent on it, instead of failing the call.
     */
    private static final TimeValue VALIDATE_AFTER_INACTIVITY = TimeValue.ofMilliseconds(500);
    /**
     * HttpClient's default buffers are 32 KiB, three of them per connection, kept while it idles in the pool:
     * 96 KiB for each account of a host of a thousand. GeWe's envelopes are small; 4 KiB hold them.
     */
    private static final Http1Config BUFFERS = Http1Config.custom().setBufferSize(4096).build();
    /** One reply worker and the health probe each have a messenger; two leave room for an overlap. */
    private static final int MAX_CONNECTIONS = 2;

    /**
     * What a GeWe call gave.
     *
     * @param answered whether GeWe answered with a readable envelope
     * @param ok whether that envelope said {@code ret 200}
     * @param text GeWe's text, or what went wrong
     * @param data the envelope's {@code data} as this call reads it; empty when absent, or when a
     *     failure's, or of another shape
     * @param <T> what the call's {@code data} holds
     */
    public record Answer<T>(boolean answered, boolean ok, String text, Optional<T> data) {
    }

    /**
     * The {@code data} GeWe answers a sent text with.
     *
     * @param toWxid where the text went
     * @param createTime when GeWe took it, in epoch seconds
     * @param msgId GeWe's message id (often 0)
     * @param newMsgId the message's 64-bit id, the one callbacks carry
     * @param type the message type, 1 for a text
     */
    public record SentText(String toWxid, Long createTime, BigInteger msgId, BigInteger newMsgId, Integer type) {
    }

    /** The body of {@code /message/postText}; {@code ats} (wxids to mention, comma-separated) is left out when null. */
    record PostTextRequest(String appId, String toWxid, String content,
            @JsonInclude(JsonInclude.Include.NON_NULL) String ats) {
    }

    /** The body of {@code /login/checkOnline}. */
    record CheckOnlineRequest(String appId) {
    }

    /** The body of {@code /login/reconnection}. */
    record ReconnectionRequest(String appId) {
    }

    /** The body of {@code /tools/setCallback} and {@code /login/setCallback}: GeWe wants the token here too. */
    record SetCallbackRequest(String token, String callbackUrl) {
    }

    /**
     * A login QR code as GeWe issued it.
     *
     * @param appId the device the code logs in: the one asked for, or a new one
     * @param uuid the code's id, for {@code checkLogin}
     * @param qrData the text the QR code encodes
     * @param qrImgBase64 GeWe's own picture of it
     */
    public record LoginQrCode(String appId, String uuid, String qrData, String qrImgBase64) {
    }

    /**
     * How far a login has come.
     *
     * @param uuid the code's id
     * @param nickName the account's nickname, once scanned
     * @param expiredTime seconds the code stays valid
     * @param status 0 waiting for the scan, 1 scanned (to be confirmed on the phone), 2 logged in
     * @param loginInfo the account, once logged in
     */
    public record LoginStatus(String uuid, String nickName, Long expiredTime, Integer status, LoginInfo loginInfo) {
    }

    /**
     * The account a login logged in.
     *
     * @param wxid its own wxid
     * @param nickName its nickname
     */
    public record LoginInfo(String wxid, String nickName) {
    }

    /** The body of {@code /login/getLoginQrCode}; the hosted service's {@code type} and {@code regionId} only when given. */
    record LoginQrCodeRequest(String appId, @JsonInclude(JsonInclude.Include.NON_NULL) String type,
            @JsonInclude(JsonInclude.Include.NON_NULL) String regionId) {
    }

    /** The body of {@code /login/checkLogin}. */
    record CheckLoginRequest(String appId, String uuid) {
    }

    /** GeWe's answer to every call: {@code {"ret": 200, "msg": "...", "data": ...}}. */
    record Envelope(@JsonDeserialize(using = ResultCode.class) Integer ret, String msg, JsonNode data) {
    }

    /** What a failure's {@code data} often holds, a code and a text for people. */
    record FailureDetail(String code, String msg) {
    }

    /**
     * GeWe's {@code ret}: a number on most versions, a text ({@code "200"}) on some. A value that is
     * neither a whole number nor such a text reads as no code, which is no success.
     */
    static final class ResultCode extends StdScalarDeserializer<Integer> {
        private static final long serialVersionUID = 1L;

        ResultCode() {
            super(Integer.class);
        }

        @Override
        public Integer deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            switch (p.currentToken()) {
                case VALUE_NUMBER_INT: {
                    // Big-integer-backed, like every integer the host reads untyped.
                    BigInteger code = p.getBigIntegerValue();
                    return code.bitLength() < Integer.SIZE ? code.intValue() : null;
                }
                case VALUE_STRING:
                    try {
                        return Integer.valueOf(p.getText().strip());
                    } catch (NumberFormatException e) {
                        return null;
                    }
                default:
                    p.skipChildren();
                    return null;
            }
        }
    }

    /** An answer longer than {@link #MAX_ANSWER_BYTES}: its connection is dropped, not drained. */
    private static final class AnswerTooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        AnswerTooLarge() {
            super("answer too large");
        }
    }

    /** An HTTP answer as it arrived, read whole before its connection went back to the pool. */
    private record RawAnswer(int status, byte[] body) {
    }

    /**
     * Connections to GeWe that the messengers of every account of a host share: a thousand accounts keep a few
     * connections open, not two each. There are more of them than the host has threads that call GeWe at once
     * (the replies' and the checks'), so a call never waits for one, however slow GeWe is for one account.
     */
    public static final class Connections implements AutoCloseable {

        /** More than the host's threads that call GeWe at once. */
        static final int MAX = 64;

        private final CloseableHttpClient http = createHttpClient(MAX, Optional.empty());

        /** Closes every connection; calls still running fail. */
        @Override
        public void close() {
            http.close(CloseMode.IMMEDIATE);
        }
    }

    private final String baseUrl;
    private final String token;
    private final String appId;
    private final Duration timeout;
    private final CloseableHttpClient http;
    private final boolean ownConnections;
    private final RequestConfig requests;

    /**
     * A messenger with connections of its own, closed by {@link #close()}.
     *
     * @param baseUrl GeWe's base URL with its path prefix
     * @param token the token (secret)
     * @param appId the device id
     * @param timeout how long GeWe may take to answer a call
     */
    public GeweMessenger(String baseUrl, String token, String appId, Duration timeout) {
        this(baseUrl, token, appId, timeout, createHttpClient(MAX_CONNECTIONS, Optional.of(timeout)), true);
    }

    /**
     * A messenger over connections several share, which {@link #close()} leaves open.
     *
     * @param baseUrl GeWe's base URL with its path prefix
     * @param token the token (secret)
     * @param appId the device id
     * @param timeout how long GeWe may take to answer a call
     * @param shared the connections
     */
    public GeweMessenger(String baseUrl, String token, String appId, Duration timeout, Connections shared) {
        this(baseUrl, token, appId, timeout, shared.http, false);
    }

    private GeweMessenger(String baseUrl, String token, String appId, Duration timeout, CloseableHttpClient http,
            boolean ownConnections) {
        this.baseUrl = stripSlash(Objects.requireNonNull(baseUrl, "baseUrl"));
        this.token = Objects.requireNonNull(token, "token");
        this.appId = Objects.requireNonNull(appId, "appId");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = http;
        this.ownConnections = ownConnections;
        this.requests = requestConfig(timeout);
    }

    /**
     * Sends a chat text.
     *
     * @param toWxid a wxid or a group id
     * @param content the text
     * @return what GeWe answered
     */
    public Answer<SentText> postText(String toWxid, String content) {
        Answer<SentText> answer = call(POST_TEXT, new PostTextRequest(appId, toWxid, content, null), SentText.class);
        if (!answer.ok()) {
            LOG.warn("Reply to {} not delivered: {}", toWxid, answer.text());
        }
        return answer;
    }

    /**
     * Asks GeWe whether the account is online.
     *
     * @return GeWe's answer; {@code data} is {@code true} when online
     */
    public Answer<Boolean> checkOnline() {
        return call(CHECK_ONLINE, new CheckOnlineRequest(appId), Boolean.class);
    }

    /**
     * Asks GeWe to bring the dropped account back without a new scan.
     *
     * @return GeWe's answer; {@code ok} when it did
     */
    public Answer<JsonNode> reconnect() {
        return call(RECONNECTION, new ReconnectionRequest(appId), JsonNode.class);
    }

    /**
     * Registers where GeWe posts callbacks. GeWe first posts a test message to the URL and refuses
     * unless it is answered with 200, so the endpoint must already be listening.
     *
     * @param callbackUrl the URL (it may hold the callback secret: the caller masks it in what it logs)
     * @param hosted whether GeWe is the hosted service ({@code /login/setCallback}) rather than a
     *     container of one's own ({@code /tools/setCallback})
     * @return GeWe's answer
     */
    public Answer<JsonNode> setCallback(String callbackUrl, boolean hosted) {
        Objects.requireNonNull(callbackUrl, "callbackUrl");
        return call(hosted ? SET_CALLBACK_HOSTED : SET_CALLBACK_SELF_HOSTED, new SetCallbackRequest(token, callbackUrl),
                JsonNode.class);
    }

    /**
     * Asks a self-hosted GeWe for its token ({@code /tools/getTokenId}, an empty body).
     *
     * @return GeWe's answer; {@code data} is the token
     */
    public Answer<String> fetchToken() {
        return call(GET_TOKEN_ID, new byte[0], String.class);
    }

    /**
     * Asks for a login QR code.
     *
     * @param deviceAppId the saved device to log in again, or {@code ""} for a new device
     * @param type the hosted service's {@code ipad} or {@code mac}, or {@code null}
     * @param regionId the hosted service's region, or {@code null}
     * @return GeWe's answer with the code
     */
    public Answer<LoginQrCode> loginQrCode(String deviceAppId, String type, String regionId) {
        return call(GET_LOGIN_QR_CODE, new LoginQrCodeRequest(deviceAppId, type, regionId), LoginQrCode.class);
    }

    /**
     * Asks how far the login with a code has come.
     *
     * @param deviceAppId the device the code logs in
     * @param uuid the code's id
     * @return GeWe's answer
     */
    public Answer<LoginStatus> checkLogin(String deviceAppId, String uuid) {
        return call(CHECK_LOGIN, new CheckLoginRequest(deviceAppId, uuid), LoginStatus.class);
    }

    /**
     * Asks GeWe whether a device is online.
     *
     * @param deviceAppId the device
     * @return GeWe's answer; {@code data} is {@code true} when online
     */
    public Answer<Boolean> checkOnline(String deviceAppId) {
        return call(CHECK_ONLINE, new CheckOnlineRequest(deviceAppId), Boolean.class);
    }

    /** @return the base URL GeWe is reached at */
    public String baseUrl() {
        return baseUrl;
    }

    /** Closes the pool and every connection in it. Calling it twice is harmless. */
    @Override
    public void close() {
        if (ownConnections) {
            http.close(CloseMode.IMMEDIATE);
        }
    }

    private <T> Answer<T> call(String path, Object body, Class<T> dataType) {
        return call(path, HostJson.bytes(body), dataType);
    }

    private <T> Answer<T> call(String path, byte[] body, Class<T> dataType) {
        Optional<URI> uri = endpoint(path);
        if (uri.isEmpty()) {
            return failed("cannot build the request to " + path);
        }
        ClassicHttpRequest request = ClassicRequestBuilder.post(uri.get())
                .setHeader(TOKEN_HEADER, token)
                .setHeader(HttpHeaders.ACCEPT, ContentType.APPLICATION_JSON.getMimeType())
                .setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON))
                .build();
        RawAnswer raw;
        try {
            HttpClientContext context = HttpClientContext.create();
            context.setRequestConfig(requests);
            raw = http.execute(request, context, GeweMessenger::readAnswer);
        } catch (AnswerTooLarge e) {
            return failed("GeWe's answer is too large");
        } catch (SocketTimeoutException e) {
            return failed("GeWe did not answer within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            // Only the exception's kind: its message may name the request.
            return failed("GeWe could not be reached (" + kind(e) + ")");
        } catch (IllegalStateException e) {
            // The pool refuses work once closed: the host is stopping.
            return failed("GeWe calls have stopped");
        }
        if (raw.status() != 200) {
            return failed("GeWe answered HTTP " + raw.status());
        }
        return envelope(raw.body(), dataType);
    }

    /** Reads the whole answer, so that its connection can carry the next call. */
    private static RawAnswer readAnswer(ClassicHttpResponse response) throws IOException {
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            return new RawAnswer(response.getCode(), new byte[0]);
        }
        if (entity.getContentLength() > MAX_ANSWER_BYTES) {
            throw new AnswerTooLarge();
        }
        byte[] body;
        try (InputStream in = entity.getContent()) {
            body = in.readNBytes(MAX_ANSWER_BYTES + 1);
            if (body.length > MAX_ANSWER_BYTES) {
                // Thrown before the stream is drained: HttpClient then drops the connection.
                throw new AnswerTooLarge();
            }
        }
        return new RawAnswer(response.getCode(), body);
    }

    private <T> Answer<T> envelope(byte[] answer, Class<T> dataType) {
        JsonNode tree;
        try {
            tree = HostJson.reader().readTree(answer);
        } catch (IOException e) {
            tree = null;
        }
        if (tree == null || !tree.isObject()) {
            return failed("GeWe's answer is not a JSON object");
        }
        Envelope envelope;
        try {
            envelope = HostJson.reader().treeToValue(tree, Envelope.class);
        } catch (IOException e) {
            return failed("GeWe's answer is not a GeWe envelope");
        }
        boolean ok = envelope.ret() != null && envelope.ret() == RET_OK;
        String msg = envelope.msg() == null ? "" : envelope.msg();
        Optional<JsonNode> data = Optional.ofNullable(envelope.data()).filter(d -> !d.isNull());
        if (!ok) {
            String detail = data.flatMap(d -> read(d, FailureDetail.class)).map(FailureDetail::msg).orElse(null);
            if (detail != null) {
                msg = msg + ": " + detail;
            }
            return new Answer<>(true, false, redact(msg), Optional.empty());
        }
        return new Answer<>(true, true, redact(msg), data.flatMap(d -> read(d, dataType)));
    }

    /** @return the node as the type, or empty when it has another shape */
    private static <T> Optional<T> read(JsonNode node, Class<T> type) {
        try {
            return Optional.ofNullable(HostJson.reader().treeToValue(node, type));
        } catch (IOException e) {
            LOG.debug("GeWe's data is not a {}: {}", type.getSimpleName(), e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private Optional<URI> endpoint(String path) {
        URI uri;
        try {
            uri = new URI(baseUrl + path);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            return Optional.empty();
        }
        return Optional.of(uri);
    }

    /** HttpClient reports a refused connection as its own subclass; operators know the JDK's name. */
    private static String kind(IOException e) {
        return e instanceof ConnectException ? ConnectException.class.getSimpleName() : e.getClass().getSimpleName();
    }

    private static <T> Answer<T> failed(String text) {
        return new Answer<>(false, false, text, Optional.empty());
    }

    private String redact(String text) {
        return token.isEmpty() ? text : text.replace(token, "***");
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** This messenger's time limits, set on each of its calls: shared connections serve several. */
    private static RequestConfig requestConfig(Duration responseTimeout) {
        return RequestConfig.custom()
                .setResponseTimeout(Timeout.of(responseTimeout))
                .setConnectionRequestTimeout(Timeout.of(CONNECT_TIMEOUT))
                .setRedirectsEnabled(false)
                .build();
    }

    /**
     * @param maxConnections how many connections at most
     * @param socketTimeout the connections' own read timeout; every call sets its response timeout anyway
     */
    private static CloseableHttpClient createHttpClient(int maxConnections, Optional<Duration> socketTimeout) {
        ConnectionConfig.Builder connections = ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(CONNECT_TIMEOUT))
                .setValidateAfterInactivity(VALIDATE_AFTER_INACTIVITY);
        socketTimeout.ifPresent(t -> connections.setSocketTimeout(Timeout.of(t)));
        // Without useSystemProperties(): no system proxy, GeWe is reached directly, as the plugin reaches it.
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setConnectionFactory(ManagedHttpClientConnectionFactory.builder().http1Config(BUFFERS).build())
                        .setDefaultSocketConfig(SocketConfig.custom()
                                // A call is one small request: waiting to coalesce it only delays it.
                                .setTcpNoDelay(true)
                                .build())
                        .setDefaultConnectionConfig(connections.build())
                        .setMaxConnTotal(maxConnections)
                        .setMaxConnPerRoute(maxConnections)
                        .build())
                .setDefaultRequestConfig(requestConfig(socketTimeout.orElse(CONNECT_TIMEOUT)))
                // A reply must never reach a chat twice: a POST is sent once, whatever happens.
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                // GeWe's envelopes are a few hundred bytes: asking for gzip only adds work.
                .disableContentCompression()
                .setUserAgent("gewe-bot-host")
                .build();
    }
}
