package io.tollgate.meter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A private {@code redis-server} on a free loopback port, for tests that must stop Redis: the shared one
 * on 6379 is never touched. Stopped with SIGTERM by {@link #close()}.
 */
public final class OwnRedisServer implements AutoCloseable {
    private final int port;
    private final Process process;

    private OwnRedisServer(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    /** A loopback port nothing listens on right now. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Starts {@code redis-server} without persistence on {@code port} and waits until it answers PING. */
    public static OwnRedisServer start(int port) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        OwnRedisServer server = new OwnRedisServer(port, p);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!server.answersPing()) {
            if (!p.isAlive() || Instant.now().isAfter(deadline)) {
                server.close();
                throw new IllegalStateException("redis-server on port " + port + " did not start");
            }
            Thread.sleep(20);
        }
        return server;
    }

    /** The connection string. */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** The port. */
    public int port() {
        return port;
    }

    /** Sends SIGTERM and waits (up to 10 s, then SIGKILL) for the process to end. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private boolean answersPing() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            s.setSoTimeout(500);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] reply = in.readNBytes(7);
            return new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException e) {
            return false;
        }
    }
}
