package io.tollgate.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./tollgate up} run as a user runs it: the repository's launcher script, a private home,
 * free ports and preset tokens; its output is captured to a file for assertions.
 */
final class TollgateProcess implements AutoCloseable {
    static final Path ROOT = Path.of(System.getProperty("tollgate.root", "..")).toAbsolutePath().normalize();
    static final String ADMIN_TOKEN = "e2e-admin-token-0123456789";
    static final String MASTER_TOKEN = "e2e-master-token-0123456789";

    private final Process process;
    private final Path output;
    final int adminPort;

    private TollgateProcess(Process process, Path output, int adminPort) {
        this.process = process;
        this.output = output;
        this.adminPort = adminPort;
    }

    /** Starts {@code ./tollgate up} on {@code home} and waits until the admin API answers. */
    static TollgateProcess up(Path home, Map<String, String> extraEnv) throws IOException {
        return up(home, extraEnv, true);
    }

    /**
     * @param presetTokenKnown whether the admin token is {@link #ADMIN_TOKEN} (else readiness is
     *                         checked with the token the first start saved in credentials.env)
     */
    static TollgateProcess up(Path home, Map<String, String> extraEnv, boolean presetTokenKnown) throws IOException {
        int port = freePort();
        Path output = Files.createTempFile("tollgate-e2e", ".out");
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("tollgate").toString(), "up"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        Map<String, String> env = builder.environment();
        env.put("TOLLGATE_HOME", home.toString());
        env.put("TOLLGATE_ADMIN_PORT", String.valueOf(port));
        env.put("TOLLGATE_BIND_ADDRESS", "127.0.0.1");
        env.put("TOLLGATE_ADMIN_ACCESS_TOKEN", ADMIN_TOKEN);
        env.put("TOLLGATE_MASTER_ACCESS_TOKEN", MASTER_TOKEN);
        env.put("TOLLGATE_METER_PORT", String.valueOf(freePort()));
        env.remove("TOLLGATE_REDIS_URL");
        env.putAll(extraEnv);
        TollgateProcess tollgate = new TollgateProcess(builder.start(), output, port);
        tollgate.awaitReady(presetTokenKnown ? () -> ADMIN_TOKEN
                : () -> readEnvFile(home.resolve("credentials.env")).get("TOLLGATE_ADMIN_ACCESS_TOKEN"));
        return tollgate;
    }

    static TollgateProcess up(Path home) throws IOException {
        return up(home, new HashMap<>());
    }

    String baseUrl() {
        return "http://127.0.0.1:" + adminPort;
    }

    String output() throws IOException {
        return Files.readString(output);
    }

    /** Sends SIGTERM (what Ctrl-C and `kill` do) and waits for the exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("tollgate did not stop within 30 s of SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }

    /** KEY=value lines of an env file, comments skipped. */
    static Map<String, String> readEnvFile(Path file) throws IOException {
        Map<String, String> values = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return values;
    }

    private void awaitReady(java.util.concurrent.Callable<String> token) {
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(300)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("tollgate exited with " + process.exitValue() + ":\n" + output());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl()
                        + "/admin/api/services.json?access_token=" + token.call())).build(),
                        HttpResponse.BodyHandlers.ofString());
                return r.statusCode() == 200;
            } catch (IOException | RuntimeException e) {
                return false;
            }
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
