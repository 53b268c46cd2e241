package io.gewebot.host.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.testkit.HostProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;

/**
 * Connections that trickle their request one byte a second (the headers, the body, or nothing at all)
 * neither hold back a sender that posts normally nor stay open past the request timeout.
 */
class SlowSendersIT extends RigTest {

    static final int TRICKLING = 32;
    static final int CALLBACKS = 100;
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);

    @Test
    void thirtyTwoTricklingConnectionsAreClosedInTimeWhileANormalSendersHundredCallbacksAreAnswered()
            throws Exception {
        List<String> args = new ArrayList<>(HostProcess.NO_PACING);
        args.addAll(List.of("--request-timeout", "3s"));
        HostProcess host = rig.start(args);
        byte[] body = gewe.callbacks().textJson("wxid_slow", "hello", 1L).getBytes(StandardCharsets.UTF_8);
        String head = "POST /gewe/callback HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";

        List<Socket> sockets = new ArrayList<>();
        List<byte[]> trickled = new ArrayList<>();
        long[] opened = new long[TRICKLING];
        AtomicLongArray closed = new AtomicLongArray(TRICKLING);
        List<Thread> readers = new ArrayList<>();
        try {
            for (int i = 0; i < TRICKLING; i++) {
                Socket socket = new Socket("127.0.0.1", host.port());
                opened[i] = System.nanoTime();
                sockets.add(socket);
                OutputStream out = socket.getOutputStream();
                switch (i % 3) {
                    case 0 -> trickled.add(head.getBytes(StandardCharsets.US_ASCII)); // headers, a byte a second
                    case 1 -> {
                        out.write(head.getBytes(StandardCharsets.US_ASCII)); // headers at once, then the body
                        out.flush();
                        trickled.add(body);
                    }
                    default -> trickled.add(new byte[0]); // nothing after connecting
                }
                int n = i;
                Thread reader = new Thread(() -> {
                    try {
                        while (socket.getInputStream().read() >= 0) {
                            // an answer would be a failure: counted below as a connection closed late or never
                        }
                    } catch (IOException resetByHost) {
                        // a reset is the host closing the connection too
                    }
                    closed.set(n, System.nanoTime());
                }, "trickle-reader-" + i);
                reader.setDaemon(true);
                reader.start();
                readers.add(reader);
            }
            Thread trickler = new Thread(() -> {
                for (int b = 0; b < 20; b++) {
                    for (int i = 0; i < TRICKLING; i++) {
                        if (b < trickled.get(i).length && closed.get(i) == 0) {
                            try {
                                sockets.get(i).getOutputStream().write(trickled.get(i)[b]);
                                sockets.get(i).getOutputStream().flush();
                            } catch (IOException closedByHost) {
                                // the reader notes when
                            }
                        }
                    }
                    try {
                        Thread.sleep(1_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "trickler");
            trickler.setDaemon(true);
            trickler.start();

            // Meanwhile, a sender that posts normally.
            long start = System.nanoTime();
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < CALLBACKS; i++) {
                HttpResponse<String> response = host.post("/gewe/callback",
                        gewe.callbacks().textJson("wxid_normal", "message " + i, 10_000L + i));
                statuses.add(response.statusCode());
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(statuses).hasSize(CALLBACKS).containsOnly(200);
            assertThat(took).as("%d callbacks beside %d trickling connections", CALLBACKS, TRICKLING)
                    .isLessThan(Duration.ofSeconds(10));

            for (Thread reader : readers) {
                reader.join(REQUEST_TIMEOUT.plusSeconds(10).toMillis());
            }
            trickler.interrupt();
            for (int i = 0; i < TRICKLING; i++) {
                assertThat(closed.get(i)).as("connection %d closed by the host", i).isNotZero();
                Duration open = Duration.ofNanos(closed.get(i) - opened[i]);
                assertThat(open).as("connection %d (kind %d) open for", i, i % 3)
                        .isLessThanOrEqualTo(REQUEST_TIMEOUT.plusSeconds(1));
            }
            // Every callback answered 200 was handled: callbacks are handled in order, so a /help after them proves it.
            assertThat(rig.ask("/help", "Commands:")).isNotEmpty();
            assertThat(host.get("/health").statusCode()).isEqualTo(200);
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }
}
