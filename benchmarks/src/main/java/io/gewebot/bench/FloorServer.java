package io.gewebot.bench;

import com.sun.net.httpserver.HttpServer;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * A do-nothing HTTP server in the harness's JVM: it reads the body and answers {@code {"ok":true}}.
 * Under the same load generator it gives the floor of a server (what loopback, this machine and the
 * server itself cost before the host does anything), so that candidate servers can be compared.
 */
interface FloorServer extends AutoCloseable {

    byte[] OK = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
    String CONTENT_TYPE = "application/json; charset=utf-8";

    /** The candidates, in the order they are measured. */
    List<String> NAMES = List.of("JDK httpserver", "Jetty 12", "Netty 4.2");

    /** @return the port it listens on (loopback) */
    int port();

    @Override
    void close() throws Exception;

    static FloorServer start(String name) throws Exception {
        return switch (name) {
            case "JDK httpserver" -> jdk();
            case "Jetty 12" -> jetty();
            case "Netty 4.2" -> netty();
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** The JDK's server as the host ran it: four handler threads (and TCP_NODELAY, set by the harness). */
    private static FloorServer jdk() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
                exchange.sendResponseHeaders(200, OK.length);
                exchange.getResponseBody().write(OK);
            }
        });
        server.start();
        return new FloorServer() {
            @Override
            public int port() {
                return server.getAddress().getPort();
            }

            @Override
            public void close() {
                server.stop(0);
                threads.shutdownNow();
            }
        };
    }

    /** Jetty 12 core (no servlets), its defaults: one acceptor, its queued thread pool. */
    private static FloorServer jetty() throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                Content.Source.asByteBuffer(request);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, CONTENT_TYPE);
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, OK.length);
                response.write(true, ByteBuffer.wrap(OK), callback);
                return true;
            }
        });
        server.start();
        return new FloorServer() {
            @Override
            public int port() {
                return connector.getLocalPort();
            }

            @Override
            public void close() throws Exception {
                server.stop();
            }
        };
    }

    /** Netty 4.2 on NIO, one event loop per core, the body aggregated, the answer written on the loop. */
    private static FloorServer netty() throws InterruptedException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
                NioIoHandler.newFactory());
        Channel channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 256)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20),
                                new SimpleChannelInboundHandler<FullHttpRequest>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
                                        DefaultFullHttpResponse response = new DefaultFullHttpResponse(
                                                HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(OK));
                                        response.headers().set(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE)
                                                .setInt(HttpHeaderNames.CONTENT_LENGTH, OK.length);
                                        if (!HttpUtil.isKeepAlive(request)) {
                                            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                                        }
                                        ctx.writeAndFlush(response);
                                    }
                                });
                    }
                })
                .bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
        return new FloorServer() {
            @Override
            public int port() {
                return ((InetSocketAddress) channel.localAddress()).getPort();
            }

            @Override
            public void close() {
                channel.close().syncUninterruptibly();
                group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
            }
        };
    }
}
