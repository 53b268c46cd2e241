package io.gewebot.host.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.host.callback.CallbackDecoder;
import io.gewebot.host.callback.CallbackEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The endpoint in-process, over raw sockets: slow senders are cut after the request timeout without
 * holding anyone else back, connections over the limits are closed on arrival, and answers on a
 * keep-alive connection do not wait for the client's delayed ACK.
 */
class SlowAndManyConnectionsTest {

    static final Duration TIMEOUT = Duration.ofMillis(800);

    CallbackServer server;
    final List<CallbackEvent> taken = new CopyOnWriteArrayList<>();
    final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void tearDown() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        if (server != null) {
            server.close();
        }
    }

    void start(CallbackServer.Limits limits) throws IOException {
        server = CallbackServer.start(new CallbackServer.Settings("127.0.0.1", 0, "", 1 << 20, new CallbackDecoder(), taken::add,
                () -> Map.of("status", "UP"), limits));
    }

    Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        sockets.add(socket);
        return socket;
    }

    static byte[] callback(long newMsgId) {
        String json = "{\"TypeName\":\"AddMsg\",\"Appid\":\"wx_app\",\"Wxid\":\"wxid_bot\",\"Data\":{\"MsgId\":1,"
                + "\"FromUserName\":{\"string\":\"wxid_someone\"},\"ToUserName\":{\"string\":\"wxid_bot\"},\"MsgType\":1,"
                + "\"Content\":{\"string\":\"hello\"},\"CreateTime\":1700000000,\"NewMsgId\":" + newMsgId + "}}";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST /gewe/callback HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[head.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        return request;
    }

    /** Reads one answer: its status line's code, and its body by Content-Length. */
    static int readStatus(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed in the headers: " + head);
            }
            head.write(b);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        int length = 0;
        for (String line : lines) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        in.readNBytes(length);
        return Integer.parseInt(lines[0].split(" ")[1]);
    }

    /** Waits for the host to close the connection; returns how long that took from {@code since}. */
    static Duration awaitClosedByHost(Socket socket, long since, Duration atMost) throws IOException {
        socket.setSoTimeout((int) atMost.toMillis());
        try {
            assertThat(socket.getInputStream().read()).as("the host's end of the connection").isEqualTo(-1);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the host kept the connection open for " + atMost.toMillis() + " ms", e);
        } catch (IOException reset) {
            // A reset is the host closing the connection too.
        }
        return Duration.ofNanos(System.nanoTime() - since);
    }

    @Test
    void aConnectionThatSendsNothingIsClosedAfterTheRequestTimeout() throws Exception {
        start(new CallbackServer.Limits(TIMEOUT, 100, 100));
        long opened = System.nanoTime();
        Socket socket = connect();

        Duration took = awaitClosedByHost(socket, opened, TIMEOUT.plusSeconds(5));

        assertThat(took).isBetween(TIMEOUT.minusMillis(50), TIMEOUT.plusSeconds(1));
    }

    @Test
    void headersTrickledFasterThanTheTimeoutAreStillCutWhenTheWholeRequestTakesLonger() throws Exception {
        start(new CallbackServer.Limits(TIMEOUT, 100, 100));
        long opened = System.nanoTime();
        Socket socket = connect();
        OutputStream out = socket.getOutputStream();
        byte[] request = callback(1);
        boolean cut = false;
        // One byte every 100 ms: the connection is never idle for long, but the request never completes in time.
        for (int i = 0; i < request.length && !cut; i++) {
            try {
                out.write(request[i]);
                out.flush();
            } catch (IOException e) {
                cut = true;
            }
            Thread.sleep(100);
            if (Duration.ofNanos(System.nanoTime() - opened).compareTo(TIMEOUT.plusSeconds(1)) > 0) {
                break;
            }
        }
        Duration took = awaitClosedByHost(socket, opened, Duration.ofSeconds(5));

        assertThat(took).isLessThan(TIMEOUT.plusSeconds(1).plusMillis(200));
        assertThat(taken).isEmpty();
    }

    @Test
    void aKeepAliveConnectionGetsTheFullTimeoutAgainAfterEachAnswer() throws Exception {
        start(new CallbackServer.Limits(TIMEOUT, 100, 100));
        Socket socket = connect();
        socket.setSoTimeout(5_000);
        // Three requests spread over longer than one timeout: each arrives within its own.
        for (int i = 1; i <= 3; i++) {
            Thread.sleep(TIMEOUT.toMillis() / 2);
            socket.getOutputStream().write(callback(i));
            assertThat(readStatus(socket.getInputStream())).isEqualTo(200);
        }
        assertThat(taken).hasSize(3);
    }

    @Test
    void slowSendersHoldNoOneElseBack() throws Exception {
        start(new CallbackServer.Limits(Duration.ofSeconds(30), 100, 100));
        // More stalled connections than cores, threads or anything else the server has a few of.
        for (int i = 0; i < 40; i++) {
            connect().getOutputStream().write("POST /gewe/callback HTTP/1.1\r\nContent-Le".getBytes(StandardCharsets.US_ASCII));
        }
        Socket normal = connect();
        normal.setSoTimeout(5_000);
        long start = System.nanoTime();
        for (int i = 1; i <= 50; i++) {
            normal.getOutputStream().write(callback(i));
            assertThat(readStatus(normal.getInputStream())).isEqualTo(200);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(taken).hasSize(50);
    }

    @Test
    void answersOnOneKeepAliveConnectionDoNotWaitForTheClientsDelayedAck() throws Exception {
        start(CallbackServer.Limits.DEFAULTS);
        Socket socket = connect();
        socket.setSoTimeout(5_000);
        socket.setTcpNoDelay(true);
        socket.getOutputStream().write(callback(1));
        assertThat(readStatus(socket.getInputStream())).isEqualTo(200);
        long start = System.nanoTime();
        for (int i = 2; i <= 101; i++) {
            socket.getOutputStream().write(callback(i));
            assertThat(readStatus(socket.getInputStream())).isEqualTo(200);
        }
        // With an answer held for a delayed ACK (~40 ms on Linux) a hundred would take seconds.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void connectionsOverThePerAddressLimitAreClosedOnArrivalAndTheOthersServeOn() throws Exception {
        start(new CallbackServer.Limits(Duration.ofSeconds(30), 100, 3));
        List<Socket> admitted = List.of(connect(), connect(), connect());
        Socket fourth = connect();

        awaitClosedByHost(fourth, System.nanoTime(), Duration.ofSeconds(5));
        for (int i = 0; i < admitted.size(); i++) {
            Socket socket = admitted.get(i);
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(callback(i + 1));
            assertThat(readStatus(socket.getInputStream())).isEqualTo(200);
        }
        // Once one closes, there is room again.
        admitted.get(0).close();
        Thread.sleep(200);
        Socket again = connect();
        again.setSoTimeout(5_000);
        again.getOutputStream().write(callback(4));
        assertThat(readStatus(again.getInputStream())).isEqualTo(200);
        assertThat(taken).hasSize(4);
    }

    @Test
    void connectionsOverTheTotalLimitAreClosedOnArrival() throws Exception {
        start(new CallbackServer.Limits(Duration.ofSeconds(30), 2, 100));
        Socket first = connect();
        Socket second = connect();
        Socket third = connect();

        awaitClosedByHost(third, System.nanoTime(), Duration.ofSeconds(5));
        for (Socket socket : List.of(first, second)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(callback(socket == first ? 1 : 2));
            assertThat(readStatus(socket.getInputStream())).isEqualTo(200);
        }
    }

    @Test
    void aBodyDeclaredTooLargeWithExpectContinueIs413WithoutAContinue() throws Exception {
        start(CallbackServer.Limits.DEFAULTS);
        Socket socket = connect();
        socket.setSoTimeout(5_000);
        socket.getOutputStream().write(("POST /gewe/callback HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 100-continue\r\n"
                + "Content-Length: " + (2 << 20) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));

        assertThat(readStatus(socket.getInputStream())).isEqualTo(413);
        assertThat(socket.getInputStream().read()).isEqualTo(-1);
    }
}
