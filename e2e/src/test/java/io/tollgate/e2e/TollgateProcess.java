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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * A {@code ./tollgate} process run as a user runs it: the repository's launcher script, a private home,
 * free ports and preset tokens; its output is captured to a file for assertions. {@link #up} starts the
 * all-in-one platform, {@link #server} the control plane alone and {@link #meter} a standalone meter.
 */
final class TollgateProcess implements AutoCloseable {
    static final Path ROOT = Path.of(System.getProperty("tollgate.root", "..")).toAbsolutePath().normalize();
    static final String ADMIN_TOKEN = "e2e-admin-token-0123456789";
    static final String MASTER_TOKEN = "e2e-master-token-0123456789";
    private static final int NO_PORT = -1;

    private final String role;
    private final Process process;
    private final Path output;
    private final Callable<URI> readiness;
    final int adminPort;
    final int meterPort;
    /** The production gateway, staging gateway and management ports of {@code up}, or -1. */
    int gatewayPort = NO_PORT;
    int stagingPort = NO_PORT;
    int managementPort = NO_PORT;
    /** The gateway API (mTLS) of {@code up} and {@code server}, or -1. */
    int gatewayApiPort = NO_PORT;

    private TollgateProcess(String role, Process process, Path output, Callable<URI> readiness, int adminPort,
            int meterPort) {
        this.role = role;
        this.process = process;
        this.output = output;
        this.readiness = readiness;
        this.adminPort = adminPort;
        this.meterPort = meterPort;
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
        Map<String, String> env = new HashMap<>();
        env.put("TOLLGATE_REDIS_URL", null);
        env.putAll(extraEnv);
        TollgateProcess tollgate = controlPlane("up", home, env, presetTokenKnown);
        tollgate.awaitReady(Duration.ofMinutes(5));
        return tollgate;
    }

    static TollgateProcess up(Path home) throws IOException {
        return up(home, new HashMap<>());
    }

    /**
     * Launches {@code ./tollgate server} (the control plane alone) on {@code home} with {@code env} on top
     * of the defaults, without waiting: call {@link #awaitReady} (ready when the admin API answers).
     */
    static TollgateProcess server(Path home, Map<String, String> env) throws IOException {
        return controlPlane("server", home, env, true);
    }

    /**
     * Launches {@code ./tollgate meter} on a free port with {@code env} (it needs TOLLGATE_REDIS_URL),
     * without waiting: call {@link #awaitReady} (ready when {@code GET /status} answers 200).
     */
    static TollgateProcess meter(Map<String, String> env) throws IOException {
        int meterPort = freePort();
        Map<String, String> all = new HashMap<>();
        all.put("TOLLGATE_METER_PORT", String.valueOf(meterPort));
        all.put("TOLLGATE_BIND_ADDRESS", "127.0.0.1");
        all.putAll(env);
        URI status = URI.create("http://127.0.0.1:" + meterPort + "/status");
        return launch("meter", all, () -> status, NO_PORT, meterPort);
    }

    /**
     * Launches {@code ./tollgate gateway} on free traffic and management ports with {@code env} (it needs
     * a configuration source), without waiting: call {@link #awaitReady} (ready when the management
     * port answers {@code /status/live}; {@code /status/ready} says when a configuration is loaded).
     */
    static TollgateProcess gateway(Map<String, String> env) throws IOException {
        return gateway(env, List.of());
    }

    /** {@link #gateway(Map)} with command-line arguments ({@code --mode=local --config-dir=…}). */
    static TollgateProcess gateway(Map<String, String> env, List<String> args) throws IOException {
        int trafficPort = freePort();
        int managementPort = freePort();
        Map<String, String> all = new HashMap<>();
        all.put("TOLLGATE_GATEWAY_PORT", String.valueOf(trafficPort));
        all.put("TOLLGATE_STAGING_PORT", String.valueOf(trafficPort));
        all.put("TOLLGATE_MANAGEMENT_PORT", String.valueOf(managementPort));
        all.put("TOLLGATE_BIND_ADDRESS", "127.0.0.1");
        all.put("TOLLGATE_REDIS_URL", null);
        all.putAll(env);
        URI live = URI.create("http://127.0.0.1:" + managementPort + "/status/live");
        TollgateProcess process = launch("gateway", args, all, () -> live, NO_PORT, NO_PORT);
        process.gatewayPort = trafficPort;
        process.managementPort = managementPort;
        return process;
    }

    private static TollgateProcess controlPlane(String command, Path home, Map<String, String> env,
            boolean presetTokenKnown) throws IOException {
        int adminPort = freePort();
        int gatewayApiPort = freePort();
        int meterPort = "up".equals(command) ? freePort() : NO_PORT;
        Map<String, String> all = new HashMap<>();
        all.put("TOLLGATE_HOME", home.toString());
        all.put("TOLLGATE_ADMIN_PORT", String.valueOf(adminPort));
        all.put("TOLLGATE_GATEWAY_API_PORT", String.valueOf(gatewayApiPort));
        all.put("TOLLGATE_BIND_ADDRESS", "127.0.0.1");
        all.put("TOLLGATE_ADMIN_ACCESS_TOKEN", ADMIN_TOKEN);
        all.put("TOLLGATE_MASTER_ACCESS_TOKEN", MASTER_TOKEN);
        int gatewayPort = NO_PORT;
        int stagingPort = NO_PORT;
        int managementPort = NO_PORT;
        if (meterPort != NO_PORT) {
            all.put("TOLLGATE_METER_PORT", String.valueOf(meterPort));
            // up serves the gateways too: never on the default ports another test or service may hold.
            gatewayPort = freePort();
            stagingPort = freePort();
            managementPort = freePort();
            all.put("TOLLGATE_GATEWAY_PORT", String.valueOf(gatewayPort));
            all.put("TOLLGATE_STAGING_PORT", String.valueOf(stagingPort));
            all.put("TOLLGATE_MANAGEMENT_PORT", String.valueOf(managementPort));
        }
        all.putAll(env);
        Callable<String> token = presetTokenKnown ? () -> ADMIN_TOKEN
                : () -> readEnvFile(home.resolve("credentials.env")).get("TOLLGATE_ADMIN_ACCESS_TOKEN");
        TollgateProcess process = launch(command, all, () -> URI.create("http://127.0.0.1:" + adminPort
                + "/admin/api/services.json?access_token=" + token.call()), adminPort, meterPort);
        process.gatewayPort = gatewayPort;
        process.stagingPort = stagingPort;
        process.managementPort = managementPort;
        process.gatewayApiPort = Integer.parseInt(all.get("TOLLGATE_GATEWAY_API_PORT"));
        return process;
    }

    /** Starts {@code ./tollgate <command>}; an env value of null removes the variable. */
    private static TollgateProcess launch(String command, Map<String, String> env, Callable<URI> readiness,
            int adminPort, int meterPort) throws IOException {
        return launch(command, List.of(), env, readiness, adminPort, meterPort);
    }

    private static TollgateProcess launch(String command, List<String> args, Map<String, String> env,
            Callable<URI> readiness, int adminPort, int meterPort) throws IOException {
        Path output = Files.createTempFile("tollgate-e2e-" + command, ".out");
        List<String> commandLine = new java.util.ArrayList<>(List.of(ROOT.resolve("tollgate").toString(), command));
        commandLine.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(commandLine)
                .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
        Map<String, String> processEnv = builder.environment();
        env.forEach((name, value) -> {
            if (value == null) {
                processEnv.remove(name);
            } else {
                processEnv.put(name, value);
            }
        });
        return new TollgateProcess(command, builder.start(), output, readiness, adminPort, meterPort);
    }

    /** The admin API of {@code up} and {@code server}. */
    String baseUrl() {
        requirePort(adminPort, "an admin API");
        return "http://127.0.0.1:" + adminPort;
    }

    /** The Service Management API of {@code up} and {@code meter}. */
    String meterUrl() {
        requirePort(meterPort, "a Service Management API");
        return "http://127.0.0.1:" + meterPort;
    }

    /** The production gateway of {@code up}, or the one environment of {@code gateway}. */
    String gatewayUrl() {
        requirePort(gatewayPort, "a production gateway");
        return "http://127.0.0.1:" + gatewayPort;
    }

    /** The staging gateway of {@code up}. */
    String stagingUrl() {
        requirePort(stagingPort, "a staging gateway");
        return "http://127.0.0.1:" + stagingPort;
    }

    /** The gateway management port of {@code up}. */
    String managementUrl() {
        requirePort(managementPort, "a gateway management API");
        return "http://127.0.0.1:" + managementPort;
    }

    private void requirePort(int port, String what) {
        if (port == NO_PORT) {
            throw new IllegalStateException("tollgate " + role + " serves no " + what);
        }
    }

    String output() throws IOException {
        return Files.readString(output);
    }

    /** Waits for the process to exit on its own and returns its exit code. */
    int waitForExit(Duration atMost) throws InterruptedException {
        if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("tollgate " + role + " did not exit within " + atMost);
        }
        return process.exitValue();
    }

    /** Sends SIGTERM (what Ctrl-C and `kill` do) and waits for the exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("tollgate " + role + " did not stop within 30 s of SIGTERM");
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

    /** Waits until the readiness URL answers 200; fails at once, with the output, if the process exits. */
    void awaitReady(Duration atMost) {
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("tollgate " + role + " exited with " + process.exitValue() + ":\n" + output());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(readiness.call())
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
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
