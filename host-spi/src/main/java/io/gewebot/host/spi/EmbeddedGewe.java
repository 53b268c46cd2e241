package io.gewebot.host.spi;

/**
 * A GeWe the host runs inside its own JVM, on loopback, when no GeWe base URL is configured.
 *
 * <p>The host finds an implementation with {@link java.util.ServiceLoader} (a public class with a
 * public no-argument constructor, listed in {@code META-INF/services/io.gewebot.host.spi.EmbeddedGewe}),
 * calls {@link #start()} once, reads where and how to reach it, tells it where to deliver callbacks
 * once its own endpoint listens, and {@link #close() closes} it when the host stops. An instance is
 * used for one run: it is not restarted.
 *
 * <p>The host treats it exactly as a remote GeWe: it talks to {@link #baseUrl()} over HTTP with
 * {@link #token()} and {@link #appId()}, and receives callbacks over HTTP.
 */
public interface EmbeddedGewe extends AutoCloseable {

    /**
     * Starts listening on a free port of the loopback interface.
     *
     * @throws java.io.UncheckedIOException when it cannot listen
     * @throws IllegalStateException when already started
     */
    void start();

    /**
     * The base URL a GeWe client is configured with, path prefix included.
     *
     * @return for example {@code http://127.0.0.1:40123/v2/api}
     * @throws IllegalStateException before {@link #start()}
     */
    String baseUrl();

    /**
     * The token to send as {@code X-GEWE-TOKEN}. A secret, like any GeWe token: never logged.
     *
     * @return the token
     * @throws IllegalStateException before {@link #start()}
     */
    String token();

    /**
     * The device id ({@code appId}) of the account it plays.
     *
     * @return the appId
     * @throws IllegalStateException before {@link #start()}
     */
    String appId();

    /**
     * From now on, delivers the account's callbacks by HTTP POST to this URL, as GeWe does once
     * {@code /tools/setCallback} was called.
     *
     * @param url an http URL on loopback
     * @throws IllegalStateException before {@link #start()}
     */
    void deliverCallbacksTo(String url);

    /**
     * The wxid of someone the quick start can chat with the bot as: a friend of the account, to be
     * named an admin.
     *
     * @return the wxid
     * @throws IllegalStateException before {@link #start()}
     */
    String demoAdmin();

    /**
     * A command to paste into a POSIX shell that posts to {@code callbackUrl} the callback this GeWe
     * would push for a private text: what a new user runs to see the bot answer a chat message. It
     * holds no secret; its message time and id are taken when it runs, so it can be run again later.
     *
     * @param callbackUrl where the host takes callbacks
     * @param fromWxid who writes the text
     * @param text the text
     * @return the command, one line
     * @throws IllegalStateException before {@link #start()}
     */
    String demoTextCallbackCommand(String callbackUrl, String fromWxid, String text);

    /**
     * After {@code delay}, on a thread of its own, pushes one friend request to the account, from
     * someone who is not yet a friend, with tickets this GeWe issued: the quick start can list it and
     * accept or reject it. Pushed to where {@link #deliverCallbacksTo} said; a push that fails is
     * dropped, as GeWe drops it.
     *
     * @param delay how long to wait first
     * @throws IllegalStateException before {@link #start()}
     */
    void pushDemoFriendRequest(java.time.Duration delay);

    /** Stops listening and delivering. Idempotent; does nothing before {@link #start()}. */
    @Override
    void close();
}
