package io.gewebot.host.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the open connections, in all and per remote address, and turns away those over the limits:
 * whoever opens many connections can hold only its share of the endpoint. It sits on the listening
 * channel, where each accepted connection passes before it is served.
 */
@ChannelHandler.Sharable
final class ConnectionLimit extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLimit.class);

    private final CallbackServer.Limits limits;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();
    private final AtomicInteger refused = new AtomicInteger();

    ConnectionLimit(CallbackServer.Limits limits) {
        this.limits = limits;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object accepted) {
        Channel connection = (Channel) accepted;
        if (admit(connection)) {
            ctx.fireChannelRead(connection);
        } else {
            // Not registered yet: closed at once, before a byte of it is read.
            connection.unsafe().closeForcibly();
        }
    }

    /**
     * Counts a new connection in, if the limits allow it, and out again once it closes.
     *
     * @return whether it may stay open
     */
    boolean admit(Channel channel) {
        if (!(channel.remoteAddress() instanceof InetSocketAddress remote)) {
            return false; // closed by its client already
        }
        InetAddress address = remote.getAddress();
        if (open.incrementAndGet() > limits.maxConnections()) {
            open.decrementAndGet();
            refuse(address, "connections open in all", limits.maxConnections());
            return false;
        }
        boolean[] admitted = new boolean[1];
        perAddress.compute(address, (a, n) -> {
            int now = n == null ? 0 : n;
            admitted[0] = now < limits.maxConnectionsPerAddress();
            return admitted[0] ? now + 1 : n;
        });
        if (!admitted[0]) {
            open.decrementAndGet();
            refuse(address, "connections open from that address", limits.maxConnectionsPerAddress());
            return false;
        }
        channel.closeFuture().addListener(closed -> {
            open.decrementAndGet();
            perAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
        });
        return true;
    }

    private void refuse(InetAddress address, String what, int limit) {
        // One line for the first refusal and then one in a hundred: a flood must not flood the log.
        if (refused.getAndIncrement() % 100 == 0) {
            LOG.warn("Refused a connection from {}: {} {} already (the limit)", address.getHostAddress(), limit, what);
        }
    }
}
