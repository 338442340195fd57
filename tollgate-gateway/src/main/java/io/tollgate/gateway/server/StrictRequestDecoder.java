package io.tollgate.gateway.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.LastHttpContent;
import io.tollgate.gateway.http.HeadScanner;
import io.vertx.core.http.Http1ServerConfig;
import io.vertx.core.http.impl.http1.VertxHttpRequestDecoder;
import java.util.List;

/**
 * Vert.x's HTTP/1.x request decoder with every request head checked by a {@link HeadScanner} before
 * the codec sees it. Netty, asked to parse an ambiguous head, picks one reading (it drops
 * Content-Length when Transfer-Encoding is present, folds obs-fold lines, accepts bare LF); a proxy
 * must refuse those instead (reliability.md C1), so a refused head becomes an invalid request
 * (Vert.x's invalid-request handler answers and closes) and the rest of the connection's bytes are
 * dropped unread.
 *
 * <p>Uses Vert.x's internal decoder class (it builds the requests Vert.x's connection expects); see
 * {@link VertxInternals} for where it is put in the pipeline.
 */
final class StrictRequestDecoder extends VertxHttpRequestDecoder {
    private final HeadScanner scanner;
    private boolean inHead = true;
    private boolean refused;
    /** Bytes of the current head already scanned that the codec has not consumed yet. */
    private int scannedAhead;

    StrictRequestDecoder(Http1ServerConfig config, int maxHeaders) {
        super(config);
        // The scanner enforces the limits itself, so the codec's own (equal) limits never trip first.
        this.scanner = new HeadScanner(config.getMaxInitialLineLength(), config.getMaxHeaderSize(), maxHeaders);
        scanner.reset();
    }

    /** Whether a head was refused: the connection's remaining bytes are being dropped. */
    boolean refused() {
        return refused;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        if (refused) {
            in.skipBytes(in.readableBytes());
            return;
        }
        int scannedTo = in.readerIndex();
        if (inHead) {
            try {
                scannedTo = scanner.feed(in, in.readerIndex() + scannedAhead, in.writerIndex());
            } catch (HeadScanner.RejectedHead e) {
                refused = true;
                in.skipBytes(in.readableBytes());
                HttpMessage invalid = createInvalidMessage();
                // Netty's placeholder says HTTP/1.0, and the answer would too.
                invalid.setProtocolVersion(io.netty.handler.codec.http.HttpVersion.HTTP_1_1);
                invalid.setDecoderResult(DecoderResult.failure(e));
                out.add(invalid);
                return;
            }
            if (scanner.done()) {
                inHead = false;
            }
        }
        int before = out.size();
        super.decode(ctx, in, out);
        for (int i = before; i < out.size(); i++) {
            if (out.get(i) instanceof LastHttpContent) {
                // The codec ends its call at a message's end: what follows is the next head.
                inHead = true;
                scanner.reset();
                scannedAhead = 0;
                return;
            }
        }
        scannedAhead = inHead ? Math.max(0, scannedTo - in.readerIndex()) : 0;
    }
}
