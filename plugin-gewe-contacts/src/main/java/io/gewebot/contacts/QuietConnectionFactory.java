package io.gewebot.contacts;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.impl.io.DefaultManagedHttpClientConnection;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.impl.io.SocketHolder;
import org.apache.hc.core5.http.io.HttpConnectionFactory;

/**
 * Makes HttpClient connections that never log request headers or wire bytes.
 *
 * <p>HttpClient's own connections print every request header (its {@code http.headers} logger) and
 * every byte (its {@code http.wire} logger) at DEBUG level, and the request headers carry the GeWe
 * token. A host that turns logging up must still never see it, so these connections skip both; the
 * rest of HttpClient's logging (connection and exchange events) is left as it is.
 */
final class QuietConnectionFactory implements HttpConnectionFactory<ManagedHttpClientConnection> {

    /**
     * HttpClient's default buffers are 32 KiB, three of them per connection, kept while the connection idles in
     * the pool: 96 KiB for each account of a host of a thousand. GeWe's answers are a few hundred bytes, and a
     * longer one (an address book page) streams through a small buffer as well.
     */
    static final Http1Config BUFFERS = Http1Config.custom().setBufferSize(4096).build();

    // One counter per factory (so per extension): ids only need to tell this pool's connections apart.
    private final AtomicLong counter = new AtomicLong();

    @Override
    public ManagedHttpClientConnection createConnection(Socket socket) throws IOException {
        QuietConnection connection = new QuietConnection("gewe-" + counter.getAndIncrement());
        if (socket != null) {
            connection.bind(socket);
        }
        return connection;
    }

    /** A connection that writes no header log and wraps its socket without wire logging. */
    static final class QuietConnection extends DefaultManagedHttpClientConnection {

        QuietConnection(String id) {
            super(id, null, null, BUFFERS, null, null, null, null);
        }

        @Override
        public void bind(Socket socket) throws IOException {
            bind(new SocketHolder(socket));
        }

        @Override
        public void bind(SSLSocket sslSocket, Socket socket) throws IOException {
            bind(new SocketHolder(sslSocket, socket));
        }

        @Override
        protected void onRequestSubmitted(ClassicHttpRequest request) {
            // Deliberately silent: the request headers hold the token.
        }
    }
}
