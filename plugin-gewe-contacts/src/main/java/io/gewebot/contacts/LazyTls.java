package io.gewebot.contacts;

import java.io.IOException;
import java.net.Socket;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * HttpClient's default TLS, set up on the first {@code https://} connection instead of when the client
 * is built.
 *
 * <p>Setting up TLS (the JDK's providers, its trust store and some 400 classes) costs a starting host
 * about 0.15 s, and a GeWe server is most often reached over plain HTTP on a private network, where
 * it is never used. Over HTTPS nothing changes: the same default context, protocols and host name
 * checks as HttpClient's own default.
 */
final class LazyTls implements TlsSocketStrategy {

    private volatile TlsSocketStrategy tls;

    @Override
    public SSLSocket upgrade(Socket socket, String target, int port, Object attachment, HttpContext context)
            throws IOException {
        return tls().upgrade(socket, target, port, attachment, context);
    }

    /** @return whether TLS has been set up */
    boolean started() {
        return tls != null;
    }

    private TlsSocketStrategy tls() {
        TlsSocketStrategy local = tls;
        if (local == null) {
            synchronized (this) {
                local = tls;
                if (local == null) {
                    local = DefaultClientTlsStrategy.createDefault();
                    tls = local;
                }
            }
        }
        return local;
    }
}
