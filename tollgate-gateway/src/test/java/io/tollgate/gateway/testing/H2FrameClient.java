package io.tollgate.gateway.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * An HTTP/2 client that writes frames by hand (prior knowledge, cleartext) and so can do what a
 * polite client would not: open more streams than the server allows, reset streams in a flood.
 * Headers are HPACK-encoded with Netty's encoder.
 */
public final class H2FrameClient implements AutoCloseable {
    public static final int HEADERS = 1;
    public static final int RST_STREAM = 3;
    public static final int SETTINGS = 4;
    public static final int GOAWAY = 7;
    public static final int CONTINUATION = 9;
    public static final int REFUSED_STREAM = 7;
    public static final int CANCEL = 8;
    public static final int ENHANCE_YOUR_CALM = 11;

    /** A frame read from the server (payload kept for RST_STREAM and GOAWAY). */
    public record Frame(int type, int flags, int stream, byte[] payload) {
        /** The error code of a RST_STREAM or GOAWAY frame. */
        public int errorCode() {
            int at = type == GOAWAY ? 4 : 0;
            return ((payload[at] & 0xff) << 24) | ((payload[at + 1] & 0xff) << 16) | ((payload[at + 2] & 0xff) << 8)
                    | (payload[at + 3] & 0xff);
        }
    }

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private final DefaultHttp2HeadersEncoder encoder = new DefaultHttp2HeadersEncoder();

    public H2FrameClient(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(5000);
        out = socket.getOutputStream();
        in = new DataInputStream(new java.io.BufferedInputStream(socket.getInputStream()));
        out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        frame(SETTINGS, 0, 0, new byte[0]);
    }

    /** HEADERS with END_STREAM and END_HEADERS: a GET of {@code path} on {@code authority}. */
    public void get(int stream, String authority, String path) throws IOException {
        Http2Headers headers = new DefaultHttp2Headers().method("GET").scheme("http").path(path).authority(authority);
        ByteBuf block = Unpooled.buffer();
        try {
            encoder.encodeHeaders(stream, headers, block);
        } catch (Http2Exception e) {
            throw new IOException(e);
        }
        byte[] bytes = new byte[block.readableBytes()];
        block.readBytes(bytes);
        block.release();
        frame(HEADERS, 0x1 | 0x4, stream, bytes);
    }

    /**
     * HEADERS without END_HEADERS carrying the start of a block with one huge header, then
     * CONTINUATION frames of {@code fragment} bytes, never ending the block, until {@code total} bytes
     * were sent or the server closed the connection. Returns the bytes sent.
     */
    public long endlessHeaders(int stream, String authority, int fragment, long total) {
        Http2Headers headers = new DefaultHttp2Headers().method("GET").scheme("http").path("/").authority(authority)
                .add("x-pad", "a".repeat((int) Math.min(total, 4 * 1024 * 1024)));
        ByteBuf block = Unpooled.buffer();
        try {
            encoder.configuration().maxHeaderListSize(0xFFFFFFFFL);
            encoder.encodeHeaders(stream, headers, block);
        } catch (Http2Exception e) {
            throw new IllegalStateException(e);
        }
        long sent = 0;
        try {
            byte[] piece = new byte[fragment];
            block.readBytes(piece);
            frame(HEADERS, 0x1, stream, piece);
            sent += fragment;
            while (sent < total && block.readableBytes() >= fragment) {
                block.readBytes(piece);
                frame(CONTINUATION, 0, stream, piece);
                sent += fragment;
            }
            out.flush();
        } catch (IOException closed) {
            // the server gave up on us: the point
        } finally {
            block.release();
        }
        return sent;
    }

    public void reset(int stream, int code) throws IOException {
        frame(RST_STREAM, 0, stream, new byte[] {(byte) (code >>> 24), (byte) (code >>> 16), (byte) (code >>> 8),
            (byte) code});
    }

    public void flush() throws IOException {
        out.flush();
    }

    private void frame(int type, int flags, int stream, byte[] payload) throws IOException {
        int n = payload.length;
        out.write(new byte[] {(byte) (n >>> 16), (byte) (n >>> 8), (byte) n, (byte) type, (byte) flags,
            (byte) (stream >>> 24), (byte) (stream >>> 16), (byte) (stream >>> 8), (byte) stream});
        out.write(payload);
    }

    /** The next frame, or null when the connection ended or nothing came for the socket timeout. */
    public Frame read() throws IOException {
        byte[] head = new byte[9];
        try {
            in.readFully(head);
        } catch (java.io.EOFException | SocketTimeoutException | java.net.SocketException e) {
            return null;
        }
        int n = ((head[0] & 0xff) << 16) | ((head[1] & 0xff) << 8) | (head[2] & 0xff);
        byte[] payload = new byte[n];
        in.readFully(payload);
        int stream = ((head[5] & 0x7f) << 24) | ((head[6] & 0xff) << 16) | ((head[7] & 0xff) << 8) | (head[8] & 0xff);
        return new Frame(head[3] & 0xff, head[4] & 0xff, stream, payload);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
