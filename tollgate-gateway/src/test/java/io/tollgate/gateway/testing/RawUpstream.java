package io.tollgate.gateway.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An upstream on a raw socket that frames what it receives itself (Content-Length or chunked, as a
 * strict HTTP/1.1 server would) and records every request, so a test sees exactly how many requests
 * the gateway sent and with which bytes. It answers {@code 200 ok}, or misbehaves as {@link #fault}
 * says (reliability.md C5). Counts its open connections.
 */
public final class RawUpstream implements AutoCloseable {
    /** How the upstream answers. */
    public enum Fault {
        NONE, RESET, EMPTY_RESPONSE, MALFORMED_CHUNK, RANDOM_DATA, HUGE_HEADER, CR_IN_HEADER, LF_IN_HEADER, NO_ANSWER
    }

    /** One request as the upstream framed it. */
    public record Received(String head, Map<String, String> headers, byte[] body) {
        public String requestLine() {
            return head.substring(0, head.indexOf("\r\n"));
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final ServerSocket server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile Fault fault = Fault.NONE;
    private volatile boolean closed;

    private RawUpstream(ServerSocket server) {
        this.server = server;
        Thread.ofVirtual().start(this::acceptLoop);
    }

    public static RawUpstream start() {
        try {
            return new RawUpstream(new ServerSocket(0, 200, InetAddress.getLoopbackAddress()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public RawUpstream fault(Fault f) {
        this.fault = f;
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Connections open right now. */
    public int openConnections() {
        return open.get();
    }

    /** Connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    public void clear() {
        received.clear();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                open.incrementAndGet();
                connections.incrementAndGet();
                sockets.add(s);
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = new java.io.BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            while (true) {
                Received r = read(in);
                if (r == null) {
                    return;
                }
                received.add(r);
                if (!answer(s, out)) {
                    return;
                }
            }
        } catch (IOException e) {
            // the gateway closed or reset the connection
        } finally {
            open.decrementAndGet();
            sockets.remove(s);
        }
    }

    /** Answers per the fault; false when the connection is over. */
    private boolean answer(Socket s, OutputStream out) throws IOException {
        switch (fault) {
            case NONE -> write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok");
            case RESET -> {
                s.setSoLinger(true, 0);
                return false;
            }
            case EMPTY_RESPONSE -> {
                return false;
            }
            case MALFORMED_CHUNK -> {
                write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nnot a chunk\r\n");
                return false;
            }
            case RANDOM_DATA -> {
                byte[] junk = new byte[512];
                new java.util.Random(7).nextBytes(junk);
                out.write(junk);
                out.flush();
                return false;
            }
            case HUGE_HEADER -> write(out, "HTTP/1.1 200 OK\r\nX-Huge: " + "a".repeat(100 * 1024)
                    + "\r\nContent-Length: 2\r\n\r\nok");
            case CR_IN_HEADER -> write(out, "HTTP/1.1 200 OK\r\nX-Evil: a\rSet-Cookie: stolen=1\r\nContent-Length: 2\r\n\r\nok");
            case LF_IN_HEADER -> write(out, "HTTP/1.1 200 OK\r\nX-Evil: a\nSet-Cookie: stolen=1\r\nContent-Length: 2\r\n\r\nok");
            case NO_ANSWER -> {
                return true;
            }
            default -> throw new IllegalStateException();
        }
        return true;
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Reads one request, or null at a clean end of the connection. */
    private static Received read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                if (head.size() == 0) {
                    return null;
                }
                throw new IOException("connection ended inside a head");
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        Map<String, String> headers = new LinkedHashMap<>();
        String[] lines = text.split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.merge(lines[i].substring(0, colon).toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip(), (a, b) -> a + "," + b);
            }
        }
        byte[] body;
        String te = headers.get("transfer-encoding");
        String cl = headers.get("content-length");
        if (te != null && te.equalsIgnoreCase("chunked")) {
            body = readChunked(in);
        } else if (te != null) {
            throw new IOException("upstream cannot frame Transfer-Encoding: " + te);
        } else if (cl != null) {
            body = in.readNBytes(Integer.parseInt(cl));
        } else {
            body = new byte[0];
        }
        return new Received(text, headers, body);
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in);
            int size = Integer.parseInt(sizeLine.split(";")[0].strip(), 16);
            if (size == 0) {
                while (!line(in).isEmpty()) {
                    // trailers
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            if (!line(in).isEmpty()) {
                throw new IOException("chunk not followed by CRLF");
            }
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("connection ended inside a line");
            }
            if (b != '\r') {
                sb.append((char) b);
            }
        }
        return sb.toString();
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (SocketException e) {
                // closing anyway
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
