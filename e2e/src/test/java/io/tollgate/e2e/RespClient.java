package io.tollgate.e2e;

import static java.util.Objects.requireNonNull;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal blocking Redis client (RESP2 over one socket) for looking at what the meter left in Redis:
 * enough for GET, TTL, SCAN and DEL. Test-only; one thread at a time.
 */
final class RespClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RespClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects to {@code redis://host:port} (no password, database 0). */
    static RespClient connect(String redisUrl) throws IOException {
        URI uri = URI.create(requireNonNull(redisUrl, "redisUrl"));
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort()), 5_000);
        socket.setSoTimeout(10_000);
        return new RespClient(socket);
    }

    /**
     * Sends one command and returns its reply: a String (simple or bulk), a Long (integer), null (nil) or
     * a List of replies; an error reply is an {@link IllegalStateException} naming the command.
     */
    Object call(String... command) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("*" + command.length + "\r\n").getBytes(StandardCharsets.UTF_8));
        for (String part : command) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            request.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
            request.writeBytes(bytes);
            request.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.write(request.toByteArray());
        out.flush();
        Object reply = read();
        if (reply instanceof RedisError error) {
            throw new IllegalStateException("redis " + command[0] + ": " + error.message());
        }
        return reply;
    }

    /** Every key matching the glob {@code pattern} (SCAN, so Redis is never blocked). */
    List<String> keys(String pattern) throws IOException {
        List<String> keys = new ArrayList<>();
        String cursor = "0";
        do {
            List<?> page = (List<?>) call("SCAN", cursor, "MATCH", pattern, "COUNT", "1000");
            cursor = (String) page.get(0);
            for (Object key : (List<?>) page.get(1)) {
                keys.add((String) key);
            }
        } while (!"0".equals(cursor));
        return keys;
    }

    /** Deletes every key matching {@code pattern}; returns how many there were. */
    int deleteMatching(String pattern) throws IOException {
        List<String> keys = keys(pattern);
        for (String key : keys) {
            call("DEL", key);
        }
        return keys.size();
    }

    private Object read() throws IOException {
        int type = in.read();
        if (type == -1) {
            throw new IOException("redis closed the connection");
        }
        String line = readLine();
        return switch (type) {
            case '+' -> line;
            case '-' -> new RedisError(line);
            case ':' -> Long.parseLong(line);
            case '$' -> bulk(Integer.parseInt(line));
            case '*' -> array(Integer.parseInt(line));
            default -> throw new IOException("unexpected RESP type '" + (char) type + "' before: " + line);
        };
    }

    private String bulk(int length) throws IOException {
        if (length < 0) {
            return null;
        }
        byte[] bytes = in.readNBytes(length + 2);
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    private List<Object> array(int size) throws IOException {
        if (size < 0) {
            return null;
        }
        List<Object> items = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            items.add(read());
        }
        return items;
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\r') {
            if (b == -1) {
                throw new IOException("redis closed the connection mid-reply");
            }
            line.write(b);
        }
        in.read(); // the \n after \r
        return line.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private record RedisError(String message) {
    }
}
