package io.tollgate.gateway.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The timing of one client connection (reliability.md C3): a request head must be complete within
 * the header timeout of its first byte (of the connection's acceptance, for its first request), else
 * the client gets 408 and the connection closes; a keep-alive connection with no request in progress
 * is closed after the idle timeout, and one whose request body is still unread once the answer went
 * out is closed after the header timeout. A connection that never sent a byte is closed without an
 * answer.
 *
 * <p>Two handlers share the state: {@link #bytes} is the first handler of the channel (installed when
 * it is accepted) and sees every read, so it knows when a head starts; {@link #messages} sits behind
 * the HTTP/1 codec and sees the decoded heads and the responses, so it knows when a head is complete
 * and when the exchange is over. HTTP/2 connections get an idle timeout only (streams have no header
 * phase a client can stretch byte by byte). Everything runs on the channel's event loop.
 */
final class ConnectionGuard {
    static final AttributeKey<ConnectionGuard> KEY = AttributeKey.valueOf("tollgate.guard");
    /** How long a refused client may go on sending before the connection is closed under it. */
    private static final long LINGER_MILLIS = 2000;
    private static final byte[] TIMEOUT = ("HTTP/1.1 408 Request Timeout\r\nContent-Type: text/plain; charset=utf-8\r\n"
            + "Content-Length: 16\r\nConnection: close\r\n\r\nRequest Timeout\n").getBytes(StandardCharsets.US_ASCII);

    private enum State { FRESH, IDLE, HEAD, ACTIVE, HTTP2 }

    private enum Timeout { NONE, HEADER, IDLE, UNREAD_BODY }

    private final long headerTimeoutMillis;
    private final long idleTimeoutMillis;
    private final long http2IdleMillis;
    private final Runnable onHeaderTimeout;
    private final io.vertx.core.http.Http1ServerConfig http1Config;
    private final int maxHeaders;
    final Bytes bytes = new Bytes();
    final Messages messages = new Messages();
    private ChannelHandlerContext bytesCtx;
    private ChannelHandlerContext messagesCtx;
    private State state = State.FRESH;
    private boolean sawBytes;
    private int pending;
    private boolean requestEnded = true;
    private boolean responseStarted;
    /** One timer per connection, moved rather than re-created on each request (see {@link #tick}). */
    private ScheduledFuture<?> timer;
    private long timerFiresAt;
    private long deadline;
    private Timeout pendingTimeout = Timeout.NONE;
    private final Runnable tick = this::tick;
    /** Set while the connection lingers before closing: the client's bytes are read and dropped. */
    private ChannelPromise lingering;

    ConnectionGuard(GatewayOptions options, io.vertx.core.http.Http1ServerConfig http1Config, Runnable onHeaderTimeout) {
        this.http1Config = http1Config;
        this.maxHeaders = options.maxHeaders();
        this.headerTimeoutMillis = options.headerTimeout().toMillis();
        this.idleTimeoutMillis = options.idleTimeout().toMillis();
        // An HTTP/2 connection is idle only when no stream is waiting either: never shorter than the
        // upstream read timeout, so a slow upstream answer is not cut by the client-side idle timer.
        this.http2IdleMillis = Math.max(idleTimeoutMillis, options.upstreamReadTimeout().toMillis() + 1000);
        this.onHeaderTimeout = onHeaderTimeout;
    }

    /** Puts a new guard first in a just-accepted channel's pipeline. */
    static void install(Channel channel, GatewayOptions options, io.vertx.core.http.Http1ServerConfig http1Config,
            Runnable onHeaderTimeout) {
        ConnectionGuard guard = new ConnectionGuard(options, http1Config, onHeaderTimeout);
        channel.attr(KEY).set(guard);
        channel.pipeline().addFirst("tollgate-guard", guard.bytes);
    }

    /** The connection speaks HTTP/2 (ALPN h2, h2c upgrade or prior knowledge): only an idle timeout. */
    void http2(ChannelPipeline pipeline) {
        cancel();
        state = State.HTTP2;
        if (messagesCtx != null) {
            pipeline.remove(messages);
        }
        IdleStateHandler idle = new IdleStateHandler(0, 0, http2IdleMillis, TimeUnit.MILLISECONDS);
        if (pipeline.get("handler") != null) {
            pipeline.addBefore("handler", "tollgate-h2-idle", idle);
        } else {
            pipeline.addLast("tollgate-h2-idle", idle);
        }
    }

    /** The HTTP/1 pipeline is in place: the strict decoder and the message watcher join it. */
    void http1(ChannelPipeline pipeline) {
        if (pipeline.get("httpDecoder") != null && !(pipeline.get("httpDecoder") instanceof StrictRequestDecoder)) {
            pipeline.replace("httpDecoder", "httpDecoder", new StrictRequestDecoder(http1Config, maxHeaders));
        }
        if (messagesCtx == null && pipeline.get("handler") != null) {
            pipeline.addBefore("handler", "tollgate-messages", messages);
        }
    }

    private void schedule(long millis, Timeout timeout) {
        pendingTimeout = timeout;
        deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        if (timer == null || timerFiresAt - deadline > 0) {
            if (timer != null) {
                timer.cancel(false);
            }
            arm();
        }
    }

    /**
     * Arms the timer for the deadline, but never further out than one header timeout: a later,
     * sooner header deadline then never needs the timer cancelled and re-created, so a kept-alive
     * connection costs one timer task per header timeout, not one per request.
     */
    private void arm() {
        long now = System.nanoTime();
        timerFiresAt = Math.min(deadline, now + TimeUnit.MILLISECONDS.toNanos(headerTimeoutMillis));
        timer = bytesCtx.executor().schedule(tick, Math.max(0, timerFiresAt - now), TimeUnit.NANOSECONDS);
    }

    /** Drops the pending timeout; a timer still armed finds nothing to do when it fires. */
    private void cancel() {
        pendingTimeout = Timeout.NONE;
    }

    /**
     * The timer fired: the pending timeout may have moved later since it was armed (a keep-alive
     * connection moves it on every request), then the timer is armed again for the rest.
     */
    private void tick() {
        timer = null;
        if (pendingTimeout == Timeout.NONE) {
            return;
        }
        if (deadline - System.nanoTime() > 0) {
            arm();
            return;
        }
        Timeout due = pendingTimeout;
        pendingTimeout = Timeout.NONE;
        switch (due) {
            case HEADER -> headerTimedOut();
            case IDLE -> idleTimedOut();
            case UNREAD_BODY -> unreadBodyTimedOut();
            default -> throw new IllegalStateException("timeout " + due);
        }
    }

    private void headerTimedOut() {
        if (state != State.FRESH && state != State.HEAD) {
            return;
        }
        Channel channel = bytesCtx.channel();
        if (!sawBytes) {
            channel.close();
            return;
        }
        onHeaderTimeout.run();
        if (messagesCtx != null) {
            DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.REQUEST_TIMEOUT, Unpooled.wrappedBuffer(TIMEOUT, TIMEOUT.length - 16, 16));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, 16)
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            messagesCtx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        } else if (channel.pipeline().get(SslHandler.class) == null) {
            bytesCtx.writeAndFlush(Unpooled.wrappedBuffer(TIMEOUT)).addListener(ChannelFutureListener.CLOSE);
        } else {
            channel.close();
        }
    }

    private void idleTimedOut() {
        if (state == State.IDLE) {
            bytesCtx.channel().close();
        }
    }

    private void exchangeOver() {
        if (state != State.ACTIVE || pending != 0) {
            return;
        }
        if (requestEnded) {
            state = State.IDLE;
            schedule(idleTimeoutMillis, Timeout.IDLE);
        } else {
            // Answered, but the client still owes body bytes the gateway reads and drops (or an
            // Expect: 100-continue body it will never send): they get the header timeout, not forever.
            schedule(headerTimeoutMillis, Timeout.UNREAD_BODY);
        }
    }

    private void unreadBodyTimedOut() {
        if (state == State.ACTIVE && pending == 0 && !requestEnded) {
            bytesCtx.channel().close();
        }
    }

    /** First in the pipeline: sees each read, so it knows when a head begins. */
    final class Bytes extends ChannelInboundHandlerAdapter {
        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            bytesCtx = ctx;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            schedule(headerTimeoutMillis, Timeout.HEADER);
            ctx.fireChannelActive();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            cancel();
            if (lingering != null) {
                lingering.trySuccess();
            }
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (lingering != null) {
                io.netty.util.ReferenceCountUtil.release(msg);
                return;
            }
            if (state == State.HTTP2) {
                ctx.fireChannelRead(msg);
                return;
            }
            sawBytes = true;
            if (state == State.IDLE) {
                state = State.HEAD;
                schedule(headerTimeoutMillis, Timeout.HEADER);
            }
            if (msg instanceof ByteBuf buf && VertxInternals.detectingH2c(ctx.pipeline())) {
                feedDetector(ctx, buf);
                return;
            }
            ctx.fireChannelRead(msg);
        }

        /**
         * Vert.x decides between HTTP/1 and h2c prior knowledge on the first bytes and only then adds the
         * HTTP/1 codec. Fed one byte at a time, it decides within the 24 bytes of the HTTP/2 preface, and
         * the strict decoder takes the codec's place before it has seen a head.
         */
        private void feedDetector(ChannelHandlerContext ctx, ByteBuf buf) {
            while (buf.isReadable() && VertxInternals.detectingH2c(ctx.pipeline())) {
                ctx.fireChannelRead(buf.readRetainedSlice(1));
            }
            if (ctx.pipeline().get("httpDecoder") != null) {
                http1(ctx.pipeline());
            }
            if (buf.isReadable()) {
                ctx.fireChannelRead(buf);
            } else {
                buf.release();
            }
        }
    }

    /** Behind the HTTP/1 codec: sees decoded heads and the responses written. */
    final class Messages extends ChannelDuplexHandler {
        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            messagesCtx = ctx;
        }

        /**
         * Closing a cleartext connection while the client is still sending (a refused head, a body
         * refused with 413) would make the kernel answer those unread bytes with a TCP reset, which can
         * destroy the answer before the client reads it. So, like nginx's lingering close, the
         * gateway stops writing, reads and drops what still comes for up to {@link #LINGER_MILLIS},
         * then closes.
         */
        @Override
        public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
            Channel channel = ctx.channel();
            boolean unreadInput = !requestEnded
                    || ctx.pipeline().get("httpDecoder") instanceof StrictRequestDecoder d && d.refused();
            if (lingering != null || !unreadInput || !(channel instanceof io.netty.channel.socket.SocketChannel socket)
                    || ctx.pipeline().get(SslHandler.class) != null || !channel.isActive()) {
                ctx.close(promise);
                return;
            }
            lingering = promise;
            // after the answer is out: shutting the output down fails writes still queued
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> socket.shutdownOutput());
            ctx.executor().schedule(() -> {
                if (!promise.isDone()) {
                    ctx.close(promise);
                }
            }, LINGER_MILLIS, TimeUnit.MILLISECONDS);
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            messagesCtx = null;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest) {
                cancel();
                state = State.ACTIVE;
                pending++;
                requestEnded = false;
            }
            if (msg instanceof LastHttpContent) {
                requestEnded = true;
                exchangeOver();
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (msg instanceof HttpResponse response) {
                if (response.status().codeClass() == io.netty.handler.codec.http.HttpStatusClass.INFORMATIONAL) {
                    ctx.write(msg, promise);
                    return;
                }
                responseStarted = true;
            }
            if (responseStarted && msg instanceof LastHttpContent) {
                responseStarted = false;
                ChannelPromise p = promise.unvoid();
                p.addListener(f -> {
                    pending = Math.max(0, pending - 1);
                    exchangeOver();
                });
                ctx.write(msg, p);
                return;
            }
            ctx.write(msg, promise);
        }
    }
}
