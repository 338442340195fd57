package io.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tollgate gateway} on its own, as a user deploys it: from a local configuration file
 * (reloaded when it changes), and connected to {@code tollgate server} with the meter in Redis —
 * e2e/gateway.sh run against two standalone gateways (production, staging) — then restarted while
 * the server is down, serving its last good configuration.
 */
class GatewayStandaloneE2E {
    /** Not the shared database 0: the replica key of this control plane must not meet another's. */
    private static final String REDIS_URL = System.getProperty("tollgate.e2e.gateway.redis", "redis://127.0.0.1:6379/7");

    @TempDir
    Path home;
    private HttpServer upstream;
    private final AtomicInteger upstreamRequests = new AtomicInteger();
    private final HttpClient http = HttpClient.newHttpClient();
    private ProcessHandle echoUpstream;

    @BeforeEach
    void startUpstream() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/", exchange -> {
            upstreamRequests.incrementAndGet();
            byte[] body = ("upstream saw " + exchange.getRequestURI()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        upstream.start();
    }

    @AfterEach
    void stopUpstream() {
        upstream.stop(0);
    }

    private String file(String password) {
        return """
                {"services":[{"id":1,"name":"Files","system_name":"files",
                  "proxy":{"hosts":["files.test"],"api_backend":"http://127.0.0.1:%d",
                    "policy_chain":[{"name":"basic_auth","version":"builtin",
                                     "configuration":{"username":"user","password":"%s"}}]}}]}
                """.formatted(upstream.getAddress().getPort(), password);
    }

    @Test
    void servesALocalFileAndFollowsItsEdits() throws Exception {
        Path config = home.resolve("services.json");
        Files.writeString(config, file("pw"));
        Map<String, String> env = new HashMap<>(Map.of("TOLLGATE_CONFIG_FILE", config.toString(),
                "TOLLGATE_HOME", home.toString()));
        try (TollgateProcess gateway = TollgateProcess.gateway(env)) {
            gateway.awaitReady(Duration.ofMinutes(5));
            awaitReady(gateway);

            assertThat(send(gateway, "files.test", "/users", null, null).statusCode()).isEqualTo(401);
            assertThat(send(gateway, "files.test", "/users", "user", "wrong").statusCode()).isEqualTo(401);
            RawHttp.Response ok = send(gateway, "files.test", "/users", "user", "pw");
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).isEqualTo("upstream saw /users");
            assertThat(upstreamRequests.get()).isEqualTo(1);

            Files.writeString(config, file("new-pw"));
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    send(gateway, "files.test", "/users", "user", "pw").statusCode() == 401);
            assertThat(send(gateway, "files.test", "/users", "user", "new-pw").statusCode()).isEqualTo(200);

            Files.writeString(config, "{\"services\":[{\"id\":1,");
            Thread.sleep(2500);
            assertThat(send(gateway, "files.test", "/users", "user", "new-pw").statusCode())
                    .as("a broken edit leaves the previous configuration serving").isEqualTo(200);
            assertThat(gateway.stop()).isZero();
            assertThat(gateway.output()).contains(config.toString()).doesNotContain("new-pw");
        }
    }

    @Test
    void anInvalidFileAtStartIsOneLineAndExit1() throws Exception {
        Path config = home.resolve("services.json");
        Files.writeString(config, "{\"services\":[{\"id\":1,\"proxy\":{\"hosts\":[\"x\"],\"policy_chain\":"
                + "[{\"name\":\"no_such_policy\"}]}}]}");
        try (TollgateProcess gateway = TollgateProcess.gateway(Map.of("TOLLGATE_CONFIG_FILE", config.toString(),
                "TOLLGATE_HOME", home.toString()))) {
            assertThat(gateway.waitForExit(Duration.ofMinutes(3))).isEqualTo(1);
            assertThat(gateway.output()).contains("tollgate: TOLLGATE_CONFIG_FILE").contains("no_such_policy");
        }
    }

    @Test
    void connectedToTheControlPlaneWithTheMeterInRedisAndLastGoodConfigurationWhenTheServerIsDown()
            throws Exception {
        Path serverHome = Files.createDirectories(home.resolve("server"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path gatewayHome = Files.createDirectories(home.resolve("gateway"));
        TollgateProcess server = TollgateProcess.server(serverHome, Map.of("TOLLGATE_REDIS_URL", REDIS_URL));
        server.awaitReady(Duration.ofMinutes(5));
        String endpoint = "http://" + TollgateProcess.ADMIN_TOKEN + "@127.0.0.1:" + server.adminPort;
        Map<String, String> common = Map.of("TOLLGATE_PORTAL_ENDPOINT", endpoint, "TOLLGATE_REDIS_URL", REDIS_URL,
                "TOLLGATE_HOME", gatewayHome.toString(), "TOLLGATE_STORE_TIMEOUT_MS", "2000");
        Map<String, String> stagingEnv = new HashMap<>(common);
        stagingEnv.put("TOLLGATE_DEPLOYMENT_ENV", "staging");
        stagingEnv.put("TOLLGATE_HOME", home.resolve("staging").toString());
        TollgateProcess production = TollgateProcess.gateway(common);
        TollgateProcess staging = TollgateProcess.gateway(stagingEnv);
        try {
            production.awaitReady(Duration.ofMinutes(5));
            staging.awaitReady(Duration.ofMinutes(5));
            ProcessBuilder run = new ProcessBuilder("bash", TollgateProcess.ROOT.resolve("e2e/gateway.sh").toString())
                    .redirectErrorStream(true);
            run.environment().put("TOLLGATE_URL", server.baseUrl());
            run.environment().put("TOLLGATE_TOKEN", TollgateProcess.ADMIN_TOKEN);
            run.environment().put("TOLLGATE_GATEWAY_URL", production.gatewayUrl());
            run.environment().put("TOLLGATE_STAGING_URL", staging.gatewayUrl());
            run.environment().put("TOLLGATE_MANAGEMENT_URL", production.managementUrl());
            run.environment().put("KEEP_PRODUCT_FILE", home.resolve("product.env").toString());
            Process script = run.start();
            String output = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(script.waitFor(180, TimeUnit.SECONDS)).isTrue();
            System.out.print(output);
            assertThat(script.exitValue()).as(output).isZero();
            assertThat(output).doesNotContain("FAIL").containsPattern("(?m)^\\d{2,} checks passed$");
            Map<String, String> product = TollgateProcess.readEnvFile(home.resolve("product.env"));
            echoUpstream = ProcessHandle.of(Long.parseLong(product.get("UPSTREAM_PID"))).orElseThrow();

            // The control plane goes away; a restarted gateway serves its last good configuration.
            assertThat(server.stop()).isZero();
            assertThat(production.stop()).isZero();
            assertThat(Files.getPosixFilePermissions(gatewayHome.resolve("gateway/production.json")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            try (TollgateProcess restarted = TollgateProcess.gateway(common)) {
                restarted.awaitReady(Duration.ofMinutes(5));
                awaitReady(restarted);
                RawHttp.Response toys = send(restarted, product.get("HOST"),
                        "/toys?user_key=" + product.get("KEY"), null, null);
                assertThat(toys.statusCode()).as(toys.body()).isEqualTo(200);
                assertThat(restarted.output()).contains("last good configuration");
            }
        } finally {
            if (echoUpstream != null) {
                echoUpstream.destroy();
            }
            production.close();
            staging.close();
            server.close();
        }
    }

    private void awaitReady(TollgateProcess gateway) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gateway.managementUrl()
                    + "/status/ready")).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
        });
    }

    /** A request with a chosen Host (the JDK client cannot set Host: a raw HTTP/1.1 exchange). */
    private static RawHttp.Response send(TollgateProcess gateway, String host, String path, String user,
            String password) throws Exception {
        return RawHttp.get(gateway.gatewayPort, host, path, user == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
}
