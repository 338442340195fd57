package io.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connected gateway as an operator runs it with the built distribution (seed 001 steps 5–6, SPEC
 * G5–G7, A1–A2): registered with a token, started with {@code --mode=connected}; an API put on it with
 * {@code tollgate api create} is served on its own port; a Basic Authentication policy added and edited
 * with {@code tollgate api policy} takes effect within 2 s; the registry shows it Connected while it
 * runs and Disconnected once it stops; its traffic reaches the admin API. With a short-lived
 * certificate: the running gateway keeps serving after expiry but cannot reload, a new replica refuses
 * to serve, and a renewed file dropped in place is taken up without a restart.
 */
class ConnectedGatewayE2E {
    @TempDir
    Path home;

    @TempDir
    Path work;

    private UsersUpstream upstream;
    private Cli cli;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() {
        upstream = UsersUpstream.start();
        cli = new Cli(work);
    }

    @AfterEach
    void stopUpstream() {
        upstream.close();
    }

    private Cli.Run ok(String... args) throws Exception {
        return cli.ok(args);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Mints a token with the CLI and pastes the printed command with {@code name} and {@code dir}. */
    private Path register(String name, Path dir, String... extra) throws Exception {
        String command = ok("gateway", "token", "create", "cp").out().lines()
                .filter(l -> l.startsWith("tollgate registration create")).findFirst().orElseThrow();
        List<String> words = new ArrayList<>(Arrays.asList(command.replace("<gateway-name>", name).split(" ")));
        words.remove(0);
        words.add(words.size() - 1, "--output-directory=" + dir);
        for (String e : extra) {
            words.add(words.size() - 1, e);
        }
        ok(words.toArray(String[]::new));
        return dir.resolve("registration.yaml");
    }

    /** {@code tollgate gateway --mode=connected} with its home (the registration at the runtime location). */
    private static TollgateProcess connected(Path gatewayHome) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("TOLLGATE_HOME", gatewayHome.toString());
        env.put("TOLLGATE_GATEWAY_HEARTBEAT_INTERVAL", "1");
        TollgateProcess gateway = TollgateProcess.gateway(env, List.of("--mode=connected"));
        gateway.awaitReady(Duration.ofMinutes(5));
        return gateway;
    }

    private HttpResponse<String> users(int port, String user, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/users"))
                .timeout(Duration.ofSeconds(10));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private int status(int port, String user, String password) {
        try {
            return users(port, user, password).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static String line(String table, String name) {
        return table.lines().filter(l -> l.contains(" " + name + " ")).findFirst().orElseThrow(() ->
                new AssertionError(name + " not in\n" + table));
    }

    private static int ready(TollgateProcess gateway) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway.managementUrl()
                + "/status/ready")).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void anApiOnAConnectedGatewayWithBasicAuthenticationAndItsTraffic() throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("TOLLGATE_GATEWAY_HEARTBEAT_WINDOW", "3",
                "TOLLGATE_ADMIN_PASSWORD", "e2e-admin-password"));
        try (TollgateProcess platform = TollgateProcess.up(home.resolve("cp"), env)) {
            String host = platform.baseUrl().substring("http://".length());
            ok("remote", "add", "cp", "http://" + TollgateProcess.ADMIN_TOKEN + "@" + host);
            Path gatewayHome = work.resolve("gateway-home");
            register("my-gateway", gatewayHome.resolve("conf.d"));
            int apiPort = freePort();

            try (TollgateProcess gateway = connected(gatewayHome)) {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(line(ok("gateway", "list", "cp").out(), "my-gateway")).contains("Connected"));
                Cli.Run created = ok("api", "create", "cp", "--gateway=my-gateway", "--name=my-api",
                        "--upstream=http://127.0.0.1:" + upstream.port() + "/",
                        "--port=" + apiPort, "--scheme=http");
                assertThat(created.out()).contains("my-api").contains("my-gateway");

                await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                        .until(() -> status(apiPort, null, null) == 200);
                HttpResponse<String> listed = users(apiPort, null, null);
                assertThat(listed.body()).isEqualTo("[{\"id\":1,\"name\":\"Leanne Graham\",\"path\":\"/users\"}]");
                assertThat(status(platform.gatewayPort, null, null)).as("up's own gateway does not open it")
                        .isNotEqualTo(200);
                assertThat(line(ok("api", "list", "cp").out(), "my-api")).contains("my-gateway")
                        .contains(String.valueOf(apiPort));

                ok("api", "policy", "add", "cp", "my-api", "http-basic-authentication",
                        "--config=username=user,password=pw");
                await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                        .until(() -> status(apiPort, null, null) == 401);
                assertThat(users(apiPort, null, null).headers().firstValue("WWW-Authenticate")).isPresent();
                assertThat(status(apiPort, "user", "wrong")).isEqualTo(401);
                HttpResponse<String> allowed = users(apiPort, "user", "pw");
                assertThat(allowed.statusCode()).isEqualTo(200);
                assertThat(allowed.body()).contains("Leanne Graham");

                ok("api", "policy", "update", "cp", "my-api", "http-basic-authentication",
                        "--config=username=user,password=changed-pw");
                await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                        .until(() -> status(apiPort, "user", "pw") == 401);
                assertThat(status(apiPort, "user", "changed-pw")).isEqualTo(200);

                ok("api", "policy", "remove", "cp", "my-api", "http-basic-authentication");
                await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                        .until(() -> status(apiPort, null, null) == 200);

                long gatewayId = Http.get(platform.baseUrl(), "/admin/api/gateways.json", TollgateProcess.ADMIN_TOKEN)
                        .json().at("/gateways/0/gateway/id").asLong();
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    JsonNode traffic = Http.get(platform.baseUrl(), "/admin/api/gateways/" + gatewayId
                            + "/traffic.json", TollgateProcess.ADMIN_TOKEN).json().path("traffic");
                    long requests = 0;
                    long denied = 0;
                    for (JsonNode hour : traffic) {
                        requests += hour.path("requests").asLong();
                        denied += hour.path("status_4xx").asLong();
                    }
                    assertThat(requests).isGreaterThanOrEqualTo(7);
                    assertThat(denied).isGreaterThanOrEqualTo(3);
                });
                assertThat(line(ok("gateway", "list", "cp").out(), "my-gateway")).contains("Connected");
                assertThat(gateway.output()).doesNotContain("PRIVATE KEY").doesNotContain("changed-pw");
            }
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(line(ok("gateway", "list", "cp").out(), "my-gateway")).contains("Disconnected"));
        }
    }

    @Test
    void aLocalModeGatewayWithARegistrationReportsItsHeartbeatsAndTraffic() throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("TOLLGATE_GATEWAY_HEARTBEAT_WINDOW", "3"));
        try (TollgateProcess platform = TollgateProcess.up(home.resolve("cp"), env)) {
            String host = platform.baseUrl().substring("http://".length());
            ok("remote", "add", "cp", "http://" + TollgateProcess.ADMIN_TOKEN + "@" + host);
            Path gatewayHome = work.resolve("local-home");
            register("local-gw", gatewayHome.resolve("conf.d"), "--connected=false");
            Path dir = Files.createDirectories(work.resolve("resources"));
            int apiPort = freePort();
            Files.writeString(dir.resolve("api.yaml"), """
                    apiVersion: gateway.tollgate.dev/v1alpha1
                    kind: ApiInstance
                    metadata:
                      name: local-api
                    spec:
                      address: http://127.0.0.1:%d
                      services:
                        users:
                          address: http://127.0.0.1:%d/
                    """.formatted(apiPort, upstream.port()));
            Map<String, String> gatewayEnv = new HashMap<>();
            gatewayEnv.put("TOLLGATE_HOME", gatewayHome.toString());
            gatewayEnv.put("TOLLGATE_GATEWAY_HEARTBEAT_INTERVAL", "1");
            try (TollgateProcess gateway = TollgateProcess.gateway(gatewayEnv, List.of("--mode=local",
                    "--config-dir=" + dir))) {
                gateway.awaitReady(Duration.ofMinutes(5));
                await().atMost(Duration.ofSeconds(15)).until(() -> status(apiPort, null, null) == 200);
                assertThat(status(apiPort, null, null)).isEqualTo(200);
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                        assertThat(line(ok("gateway", "list", "cp").out(), "local-gw")).contains("Connected"));
                long gatewayId = Http.get(platform.baseUrl(), "/admin/api/gateways.json", TollgateProcess.ADMIN_TOKEN)
                        .json().at("/gateways/0/gateway/id").asLong();
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    JsonNode traffic = Http.get(platform.baseUrl(), "/admin/api/gateways/" + gatewayId
                            + "/traffic.json", TollgateProcess.ADMIN_TOKEN).json().path("traffic");
                    assertThat(traffic).isNotEmpty();
                    assertThat(traffic.get(0).path("api").asText()).isEqualTo("local-api");
                    assertThat(traffic.get(0).path("service_id").asLong()).isZero();
                    assertThat(traffic.get(0).path("status_2xx").asLong()).isGreaterThanOrEqualTo(2);
                });
            }
        }
    }

    @Test
    void anExpiredCertificateKeepsTheRunningGatewayServingStopsNewOnesAndARenewalIsTakenUp() throws Exception {
        int ttl = 20;
        Map<String, String> env = new HashMap<>(Map.of("TOLLGATE_GATEWAY_CERTIFICATE_TTL", String.valueOf(ttl),
                "TOLLGATE_GATEWAY_TOKEN_TTL", "15", "TOLLGATE_ADMIN_PASSWORD", "e2e-admin-password"));
        try (TollgateProcess platform = TollgateProcess.up(home.resolve("cp"), env)) {
            String host = platform.baseUrl().substring("http://".length());
            ok("remote", "add", "cp", "http://" + TollgateProcess.ADMIN_TOKEN + "@" + host);
            Path gatewayHome = work.resolve("gateway-home");
            Path registration = register("short-lived", gatewayHome.resolve("conf.d"));
            java.time.Instant expiry = io.tollgate.client.registration.RegistrationFile.expiration(
                    io.tollgate.client.registration.RegistrationFile.read(registration));
            String unusedToken = ok("gateway", "token", "create", "cp").out().lines()
                    .filter(l -> l.startsWith("tollgate registration create")).findFirst().orElseThrow();
            int apiPort = freePort();
            ok("api", "create", "cp", "--gateway=short-lived", "--name=short-api",
                    "--upstream=http://127.0.0.1:" + upstream.port() + "/", "--port=" + apiPort);

            try (TollgateProcess running = connected(gatewayHome)) {
                await().atMost(Duration.ofSeconds(15)).until(() -> status(apiPort, null, null) == 200);
                await().atMost(Duration.ofSeconds(ttl + 20)).pollInterval(Duration.ofMillis(500))
                        .until(() -> java.time.Instant.now().isAfter(expiry.plusSeconds(1)));

                // A change after expiry cannot reach it: it keeps serving what it has.
                ok("api", "policy", "add", "cp", "short-api", "http-basic-authentication",
                        "--config=username=user,password=pw");
                await().atMost(Duration.ofSeconds(10)).until(() -> running.output().contains(
                        "the registration certificate of gateway short-lived expired at"));
                assertThat(running.output()).contains("failed to load configuration: ");
                Thread.sleep(1500);
                assertThat(status(apiPort, null, null)).as("the last good configuration keeps serving").isEqualTo(200);

                // A new replica with the expired file serves nothing and says why.
                Path secondHome = work.resolve("second-home");
                Files.createDirectories(secondHome.resolve("conf.d"));
                Files.copy(registration, secondHome.resolve("conf.d/registration.yaml"));
                try (TollgateProcess replica = connected(secondHome)) {
                    await().atMost(Duration.ofSeconds(10)).until(() -> replica.output().contains(
                            "the registration certificate of gateway short-lived expired at"));
                    assertThat(ready(replica)).isEqualTo(503);
                    assertThat(replica.output()).contains("serves nothing");
                }

                // The token minted before the wait has expired by now (15 s): the G2 error, and no file.
                List<String> late = new ArrayList<>(Arrays.asList(unusedToken.replace("<gateway-name>", "too-late")
                        .split(" ")));
                late.remove(0);
                late.add(late.size() - 1, "--output-directory=" + work.resolve("late"));
                Cli.Run refused = cli.run(late.toArray(String[]::new));
                assertThat(refused.exit()).isEqualTo(1);
                assertThat(refused.err()).isEqualTo("[tollgate][error] registration call returned error response:"
                        + " HTTP/1.1 400 Bad Request\nno valid registration token was found\n");
                assertThat(work.resolve("late").resolve("registration.yaml")).doesNotExist();

                // Renewed by a connected app (unattended), after expiry; the new file dropped at the
                // runtime location is taken up without a restart.
                String[] app = ok("connected-app", "create", "cp", "--name=renewal").out().split("\\R");
                String clientId = app[1].substring("client id:     ".length());
                String clientSecret = app[2].substring("client secret: ".length());
                Path renewedDir = Files.createDirectories(work.resolve("renewed"));
                ok("registration", "renew", "--client-id=" + clientId, "--client-secret=" + clientSecret,
                        "--output-directory=" + renewedDir, registration.toString());
                assertThat(io.tollgate.client.registration.RegistrationFile.expiration(
                        io.tollgate.client.registration.RegistrationFile.read(renewedDir.resolve("registration.yaml"))))
                        .isAfter(expiry);
                Path staged = gatewayHome.resolve("conf.d/.registration.yaml.new");
                Files.copy(renewedDir.resolve("registration.yaml"), staged);
                Files.move(staged, registration, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                        .until(() -> status(apiPort, null, null) == 401);
                assertThat(running.output()).contains("renewed: gateway short-lived now presents a certificate valid "
                        + "until");
                assertThat(status(apiPort, "user", "pw")).isEqualTo(200);
            }
        }
    }
}
