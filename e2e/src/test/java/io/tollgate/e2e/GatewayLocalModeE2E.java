package io.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tollgate gateway --mode=local --config-dir=DIR} as a user runs it (SPEC A1–A3): an API instance
 * {@code my-api} on a port of its own in front of a local upstream; a basic authentication binding added,
 * its password changed in the file and applied without restart; a broken file reported and ignored.
 */
class GatewayLocalModeE2E {
    private static final String HEAD = "apiVersion: gateway.tollgate.dev/v1alpha1\n";

    @TempDir
    Path home;
    private Path dir;
    private UsersUpstream upstream;
    private int apiPort;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws IOException {
        dir = Files.createDirectories(home.resolve("conf.d"));
        upstream = UsersUpstream.start();
        try (ServerSocket s = new ServerSocket(0)) {
            apiPort = s.getLocalPort();
        }
    }

    @AfterEach
    void stop() {
        upstream.close();
    }

    /** Writes {@code file} the way configuration tools do: a new file renamed over the old one. */
    private void write(String file, String content) throws IOException {
        Path tmp = dir.resolve("." + file + ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private String api() {
        return HEAD + """
                kind: ApiInstance
                metadata:
                  name: my-api
                spec:
                  address: http://127.0.0.1:%d
                  services:
                    users:
                      address: http://127.0.0.1:%d/
                """.formatted(apiPort, upstream.port());
    }

    private static String basic(String password) {
        return HEAD + """
                kind: PolicyBinding
                metadata:
                  name: my-api-basic
                spec:
                  targetRef:
                    name: my-api
                  policyRef:
                    name: http-basic-authentication
                  config:
                    username: user
                    password: %s
                """.formatted(password);
    }

    private HttpResponse<String> get(String user, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + "/users"))
                .timeout(Duration.ofSeconds(10));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private TollgateProcess gateway(Map<String, String> env) throws IOException {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("TOLLGATE_HOME", home.resolve("data").toString());
        return TollgateProcess.gateway(all, List.of("--mode=local", "--config-dir=" + dir));
    }

    @Test
    void anApiInstanceOnItsPortWithBasicAuthenticationEditedWithoutRestart() throws Exception {
        write("my-api.yaml", api());
        try (TollgateProcess gateway = gateway(Map.of("MY_API_PASSWORD", "pw"))) {
            gateway.awaitReady(Duration.ofMinutes(5));
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> get(null, null).statusCode() == 200);

            HttpResponse<String> users = get(null, null);
            assertThat(users.statusCode()).isEqualTo(200);
            assertThat(users.body()).isEqualTo("[{\"id\":1,\"name\":\"Leanne Graham\",\"path\":\"/users\"}]");

            write("my-api-basic.yaml", basic("$MY_API_PASSWORD"));
            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                    .until(() -> get(null, null).statusCode() == 401);
            assertThat(get("user", "wrong").statusCode()).isEqualTo(401);
            HttpResponse<String> ok = get("user", "pw");
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).contains("Leanne Graham");

            write("my-api-basic.yaml", basic("new-pw"));
            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                    .until(() -> get("user", "pw").statusCode() == 401);
            assertThat(get("user", "new-pw").statusCode()).isEqualTo(200);

            write("my-api-basic.yaml", basic("new-pw").replace("    password: new-pw\n", ""));
            await().atMost(Duration.ofSeconds(5)).until(() -> gateway.output().contains("rejected"));
            assertThat(get("user", "new-pw").statusCode()).as("the last good configuration keeps serving")
                    .isEqualTo(200);
            assertThat(gateway.output()).contains("local configuration " + dir + " rejected: my-api-basic.yaml: "
                    + "PolicyBinding my-api-basic: spec.config.password: missing; the last good configuration keeps "
                    + "serving");

            HttpResponse<String> info = http.send(HttpRequest.newBuilder(URI.create(gateway.managementUrl()
                    + "/status/info")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(info.body()).contains("\"listeners\":[{\"port\":" + apiPort + ",\"url\":\"http://127.0.0.1:"
                    + apiPort + "\",\"product\":").contains("\"state\":\"serving\"");
            assertThat(gateway.stop()).isZero();
            assertThat(gateway.output()).contains("Tollgate gateway (production, local mode, " + dir + ") is up: "
                    + "http://127.0.0.1:" + apiPort).doesNotContain("new-pw");
        }
    }

    @Test
    void aBrokenDirectoryAtStartIsOneLineAndExit1() throws Exception {
        write("my-api.yaml", api().replace("http://127.0.0.1:" + apiPort, "ftp://127.0.0.1:" + apiPort));
        try (TollgateProcess gateway = gateway(Map.of())) {
            assertThat(gateway.waitForExit(Duration.ofMinutes(3))).isEqualTo(1);
            assertThat(gateway.output()).contains("tollgate: --config-dir: " + dir + ": my-api.yaml: ApiInstance my-api:"
                    + " spec.address: \"ftp://127.0.0.1:" + apiPort + "\" (expected: http:// or https://)");
        }
    }

    @Test
    void connectedModeWithoutARegistrationIsRefusedWithOneLine() throws Exception {
        try (TollgateProcess gateway = TollgateProcess.gateway(Map.of("TOLLGATE_HOME", home.toString()),
                List.of("--mode=connected"))) {
            assertThat(gateway.waitForExit(Duration.ofMinutes(3))).isEqualTo(1);
            assertThat(gateway.output()).contains("tollgate: --registration: registration file "
                    + home.resolve("conf.d").resolve("registration.yaml") + " does not exist");
        }
    }
}
