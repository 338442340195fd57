package io.tollgate.gateway.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.impl.tcp.Http1xOrH2CHandler;
import io.vertx.core.http.impl.tcp.TcpHttpServer;
import io.vertx.core.internal.http.HttpServerInternal;
import io.vertx.core.net.impl.ConnectionBase;
import java.lang.reflect.Field;
import java.util.function.Consumer;

/**
 * Every use of Vert.x internals, in one place. Vert.x 5 has no public hook into a connection's
 * Netty pipeline, and the gateway needs three: a handler on each accepted channel before Vert.x
 * configures it (the header timeout must run from the first byte, and with h2c on Vert.x creates the
 * HTTP/1 connection only once the first head is complete), the HTTP/1 codec swapped for
 * {@link StrictRequestDecoder}, and a connection's channel. Written against Vert.x 5.1; the
 * listener tests (header timeout, framing corpus) fail if an upgrade changes what this relies on.
 */
final class VertxInternals {
    private static final String ACCEPT_HOOK = "tollgate-accept";

    private VertxInternals() {
    }

    /** The Netty channel of a Vert.x connection. */
    static Channel channel(HttpConnection connection) {
        return ((ConnectionBase) connection).channel();
    }

    /** Whether Vert.x is still looking at a cleartext connection's first bytes for the h2c preface. */
    static boolean detectingH2c(ChannelPipeline pipeline) {
        return pipeline.get(Http1xOrH2CHandler.class) != null;
    }

    /**
     * Calls {@code onAccept} with every channel the listening server accepts from now on, before
     * Vert.x initializes it. The servers of all instances on one port share one server channel, so
     * the first call wins; completes once the hook is in place.
     */
    static Future<Void> onAccept(HttpServer server, Consumer<Channel> onAccept) {
        Channel serverChannel;
        try {
            serverChannel = serverChannel(server);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Future.failedFuture(new IllegalStateException(
                    "cannot reach the listener's server channel in this Vert.x version: " + e, e));
        }
        Promise<Void> installed = Promise.promise();
        serverChannel.eventLoop().execute(() -> {
            ChannelPipeline pipeline = serverChannel.pipeline();
            if (pipeline.get(ACCEPT_HOOK) == null) {
                pipeline.addFirst(ACCEPT_HOOK, new AcceptHook(onAccept));
            }
            installed.complete();
        });
        return installed.future();
    }

    /** TcpHttpServer → its NetServerImpl → the server actually bound (shared port) → its bind future. */
    private static Channel serverChannel(HttpServer server) throws ReflectiveOperationException {
        Object http = ((HttpServerInternal) server).unwrap();
        Object tcp = ((TcpHttpServer) http).tcpServer();
        Object actual = field(tcp, "actualServer");
        @SuppressWarnings("unchecked")
        Future<Channel> bind = (Future<Channel>) field(actual == null ? tcp : actual, "bindFuture");
        Channel channel = bind.result();
        if (channel == null) {
            throw new IllegalStateException("server not bound");
        }
        return channel;
    }

    private static Object field(Object target, String name) throws ReflectiveOperationException {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(target);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(target.getClass().getName() + "." + name);
    }

    /** On the server channel, ahead of Netty's acceptor: sees each accepted child channel first. */
    @ChannelHandler.Sharable
    private static final class AcceptHook extends ChannelInboundHandlerAdapter {
        private final Consumer<Channel> onAccept;

        AcceptHook(Consumer<Channel> onAccept) {
            this.onAccept = onAccept;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Channel child) {
                onAccept.accept(child);
            }
            ctx.fireChannelRead(msg);
        }
    }
}
