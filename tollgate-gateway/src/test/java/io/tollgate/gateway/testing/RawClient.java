package io.tollgate.gateway.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A client on a raw socket: sends exactly the bytes a test gives it and reads the answer as a strict
 * HTTP/1.1 client would, then whether the server closed the connection.
 */
public final class RawClient implements AutoCloseable {
    /** An answer as read off the socket. */
    public record Answer(int status, String head, String body) {
        public String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).strip();
                }
            }
            return null;
        }
    }

    private final Socket socket;
    private final InputStream in;

    public RawClient(int port) {
        try {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout(5000);
            in = new BufferedInputStream(socket.getInputStream());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends one payload and reads one answer; one connection each. */
    public static Answer exchange(int port, String payload) {
        try (RawClient c = new RawClient(port)) {
            c.send(payload);
            return c.read();
        }
    }

    public RawClient send(String payload) {
        return send(payload.getBytes(StandardCharsets.ISO_8859_1));
    }

    public RawClient send(byte[] payload) {
        try {
            socket.getOutputStream().write(payload);
            socket.getOutputStream().flush();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** Sets how long a read may wait. */
    public RawClient timeout(int millis) {
        try {
            socket.setSoTimeout(millis);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** Reads one answer (skipping 1xx ones); fails when none comes. */
    public Answer read() {
        try {
            while (true) {
                String head = head();
                if (head == null) {
                    throw new AssertionError("the connection closed without an answer");
                }
                int status = Integer.parseInt(head.substring(9, 12));
                if (status >= 100 && status < 200) {
                    continue;
                }
                Answer probe = new Answer(status, head, "");
                String cl = probe.header("Content-Length");
                String body;
                if (cl != null) {
                    body = new String(in.readNBytes(Integer.parseInt(cl)), StandardCharsets.ISO_8859_1);
                } else if ("chunked".equalsIgnoreCase(probe.header("Transfer-Encoding"))) {
                    body = chunked();
                } else {
                    body = "";
                }
                return new Answer(status, head, body);
            }
        } catch (IOException e) {
            throw new AssertionError("reading the answer failed: " + e, e);
        }
    }

    /** The first line of what the server sent, or null when it closed first. */
    public String firstLineOrNull() {
        try {
            String head = head();
            return head == null ? null : head.substring(0, head.indexOf("\r\n"));
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether the server closes the connection (EOF or reset) within {@code millis}, reading nothing more. */
    public boolean closedWithin(int millis) {
        try {
            socket.setSoTimeout(millis);
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    private String head() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return buf.size() == 0 ? null : buf.toString(StandardCharsets.ISO_8859_1);
            }
            buf.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return buf.toString(StandardCharsets.ISO_8859_1);
    }

    private String chunked() throws IOException {
        StringBuilder body = new StringBuilder();
        while (true) {
            String line = line();
            int size = Integer.parseInt(line.split(";")[0].strip().toLowerCase(Locale.ROOT), 16);
            if (size == 0) {
                while (!line().isEmpty()) {
                    // trailers
                }
                return body.toString();
            }
            body.append(new String(in.readNBytes(size), StandardCharsets.ISO_8859_1));
            line();
        }
    }

    private String line() throws IOException {
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
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
