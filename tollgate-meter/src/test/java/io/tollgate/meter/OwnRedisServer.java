package io.tollgate.meter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server child process on a free loopback port, without persistence, that tests may kill,
 * stop and pause. Never the shared Redis on 6379.
 */
public final class OwnRedisServer implements AutoCloseable {
    private final int port;
    private final Path dir;
    private final List<String> args;
    private Process process;

    private OwnRedisServer(int port, Path dir, List<String> args) {
        this.port = port;
        this.dir = dir;
        this.args = args;
    }

    /** Starts a server on a free port, with {@code extraArgs} (e.g. cluster mode), and waits for PING. */
    public static OwnRedisServer start(String... extraArgs) throws IOException {
        return start(freePort(), extraArgs);
    }

    /** Starts a server on {@code port} (e.g. again on the port of one that was stopped), and waits for PING. */
    public static OwnRedisServer start(int port, String... extraArgs) throws IOException {
        Path dir = Files.createTempDirectory("tollgate-redis-");
        List<String> args = new ArrayList<>(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString()));
        args.addAll(List.of(extraArgs));
        OwnRedisServer server = new OwnRedisServer(port, dir, args);
        server.launch();
        return server;
    }

    /** Starts a Sentinel on a free port that monitors {@code master} as {@code masterName}, quorum 1. */
    static OwnRedisServer sentinel(OwnRedisServer master, String masterName) throws IOException {
        int port = freePort();
        Path dir = Files.createTempDirectory("tollgate-sentinel-");
        Path config = dir.resolve("sentinel.conf");
        // Sentinel rewrites its configuration file, so it must be a writable file of its own.
        Files.writeString(config, "sentinel monitor " + masterName + " 127.0.0.1 " + master.port() + " 1\n");
        OwnRedisServer server = new OwnRedisServer(port, dir, List.of(config.toString(), "--sentinel",
                "--port", Integer.toString(port), "--bind", "127.0.0.1", "--dir", dir.toString()));
        server.launch();
        return server;
    }

    /** A port nothing listens on right now. */
    public static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    /** The connection string, {@code redis://127.0.0.1:<port>}. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts the server again on the same port (after {@link #kill9()}). */
    void launch() throws IOException {
        List<String> command = new ArrayList<>();
        command.add("redis-server");
        command.addAll(args);
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                if ("+PONG".equals(command("PING"))) {
                    return;
                }
            } catch (IOException e) {
                if (!process.isAlive()) {
                    throw new IOException("redis-server on port " + port + " exited: " + Files.readString(
                            dir.resolve("redis.log")), e);
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("redis-server on port " + port + " did not answer PING in 10 s", e);
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting redis-server", e);
            }
        }
    }

    /** Relaunches the server if it died and resumes it if it was stopped (a test that failed midway). */
    void ensureRunning() throws IOException, InterruptedException {
        if (process.isAlive()) {
            signal("-CONT");
        } else {
            launch();
        }
    }

    /** SIGKILL, as {@code kill -9}: the data is gone (no persistence). */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGSTOP, returning once the process is stopped: the port keeps accepting connections, nothing answers. */
    void stop() throws IOException, InterruptedException {
        signal("-STOP");
        Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        // The state letter follows the ")" that closes the command name: T = stopped.
        while (!Files.readString(stat).substring(Files.readString(stat).lastIndexOf(')') + 2).startsWith("T")) {
            if (System.nanoTime() > deadline) {
                throw new IOException("redis-server " + process.pid() + " did not stop");
            }
            Thread.sleep(5);
        }
    }

    /** SIGCONT after {@link #stop()}. */
    void resume() throws IOException, InterruptedException {
        signal("-CONT");
    }

    /** {@code CLIENT PAUSE millis} from a separate raw connection. */
    void pause(long millis) throws IOException {
        String reply = command("CLIENT PAUSE " + millis);
        if (!"+OK".equals(reply)) {
            throw new IOException("CLIENT PAUSE answered " + reply);
        }
    }

    /** Sends one inline command on a fresh connection and returns the first reply line. */
    String command(String inline) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            socket.setSoTimeout(2_000);
            OutputStream out = socket.getOutputStream();
            out.write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
        }
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            signal("-CONT");
            kill9();
        }
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(dir);
    }

    private void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill " + signal + " " + process.pid() + " failed");
        }
    }
}
