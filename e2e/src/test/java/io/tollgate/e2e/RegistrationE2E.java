package io.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.client.registration.Registration;
import io.tollgate.client.registration.RegistrationFile;
import io.tollgate.client.registration.RegistrationTls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gateway registration as an operator does it with the built distribution (SPEC G1–G4, G7): an
 * admin mints a token with {@code tollgate gateway token create} and pastes the printed command; the
 * gateway's registration file (0600) drives a heartbeat over mTLS, so {@code tollgate gateway list}
 * shows it Connected, then Disconnected; the token does not work twice, the name is never given
 * again; the short-lived certificate expires and {@code tollgate registration renew} still renews it.
 */
class RegistrationE2E {
    private static final int CERTIFICATE_SECONDS = 25;

    @TempDir
    Path home;

    @TempDir
    Path work;

    private Cli.Run tollgate(Map<String, String> env, String... args) throws Exception {
        return new Cli(work).run(env, args);
    }

    private Cli.Run ok(String... args) throws Exception {
        return new Cli(work).ok(args);
    }

    @Test
    void registersReportsHeartbeatsAndRenewsAfterExpiry() throws Exception {
        Map<String, String> env = Map.of("TOLLGATE_GATEWAY_CERTIFICATE_TTL", String.valueOf(CERTIFICATE_SECONDS),
                "TOLLGATE_GATEWAY_HEARTBEAT_WINDOW", "5", "TOLLGATE_SECRET_KEY", "e2e-installation-secret-0123",
                "TOLLGATE_ADMIN_PASSWORD", "e2e-admin-password");
        try (TollgateProcess platform = TollgateProcess.up(home, new java.util.HashMap<>(env))) {
            String host = platform.baseUrl().substring("http://".length());
            ok("remote", "add", "first", "http://" + TollgateProcess.ADMIN_TOKEN + "@" + host);

            Cli.Run minted = ok("gateway", "token", "create", "first");
            String command = minted.out().lines().filter(l -> l.startsWith("tollgate registration create"))
                    .findFirst().orElseThrow();
            Path dir = work.resolve("gateway");
            Cli.Run registered = ok(pasted(command, "e2e-gw", dir));
            assertThat(registered.out()).startsWith("Starting registration, please be patient.")
                    .contains("Registration completed, the configuration files were written in directory \"" + dir);
            Path file = dir.resolve("registration.yaml");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            Registration registration = RegistrationFile.read(file);
            assertThat(registration.gatewayApiUrl()).isEqualTo("https://127.0.0.1:" + platform.gatewayApiPort);

            Cli.Run again = tollgate(Map.of(), pasted(command, "e2e-other", work.resolve("again")));
            assertThat(again.exit()).isEqualTo(1);
            assertThat(again.err()).isEqualTo("[tollgate][error] registration call returned error response:"
                    + " HTTP/1.1 400 Bad Request\nno valid registration token was found\n");
            assertThat(work.resolve("again").resolve("registration.yaml")).doesNotExist();
            String second = ok("gateway", "token", "create", "first").out().lines()
                    .filter(l -> l.startsWith("tollgate registration create")).findFirst().orElseThrow();
            Cli.Run duplicate = tollgate(Map.of(), pasted(second, "e2e-gw", work.resolve("duplicate")));
            assertThat(duplicate.exit()).isEqualTo(1);
            assertThat(duplicate.err()).endsWith("\nan active target with the same name already exists in this"
                    + " organization and environment\n");

            HttpResponse<String> beat = heartbeat(registration, "9.9.9-e2e");
            assertThat(beat.statusCode()).as(beat.body()).isEqualTo(200);
            // Right after the heartbeat, well inside the 5 s window.
            JsonNode fleet = Http.get(platform.baseUrl(), "/admin/api/gateways.json", TollgateProcess.ADMIN_TOKEN).json();
            assertThat(fleet.at("/gateways/0/gateway/name").asText()).isEqualTo("e2e-gw");
            assertThat(fleet.at("/gateways/0/gateway/status").asText()).isEqualTo("Connected");
            assertThat(line(ok("gateway", "list", "first").out(), "e2e-gw")).contains("production").contains("9.9.9-e2e");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(line(ok("gateway", "list", "first").out(), "e2e-gw")).contains("Disconnected"));

            String inspected = ok("registration", "inspect", "--file=" + file).out();
            assertThat(inspected).matches("\\{\"expiration_date\": \"\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"
                    + " \\+0000 UTC\"}\\n");
            Instant expiry = RegistrationFile.expiration(registration);
            await().atMost(Duration.ofSeconds(CERTIFICATE_SECONDS + 30)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> Instant.now().isAfter(expiry.plusSeconds(1)));

            // The expired certificate no longer completes the handshake.
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> heartbeat(registration, "9.9.9-e2e"))
                    .isInstanceOf(java.io.IOException.class);
            Path renewedDir = Files.createDirectories(work.resolve("renewed"));
            Cli.Run renewed = ok("registration", "renew", "--username=admin", "--password=e2e-admin-password",
                    "--output-directory=" + renewedDir, file.toString());
            assertThat(renewed.out()).isEqualTo("Registration renewal completed\n");
            Registration fresh = RegistrationFile.read(renewedDir.resolve("registration.yaml"));
            assertThat(RegistrationFile.expiration(fresh)).isAfter(expiry);
            assertThat(heartbeat(fresh, "9.9.10").statusCode()).isEqualTo(200);
            assertThat(ok("registration", "inspect", "--file=" + renewedDir.resolve("registration.yaml")).out())
                    .isNotEqualTo(inspected);

            Cli.Run wrong = tollgate(Map.of(), "registration", "renew", "--username=admin", "--password=nope",
                    "--output-directory=" + work.resolve("wrong"), file.toString());
            assertThat(wrong.exit()).isEqualTo(1);
            assertThat(wrong.err().strip()).startsWith("tollgate: HTTP 401").contains("username or password is wrong")
                    .doesNotContain("\n");
        }
    }

    /** The command the token answer printed, with the gateway's name and an output directory. */
    private static String[] pasted(String command, String name, Path dir) {
        List<String> words = new ArrayList<>(Arrays.asList(command.replace("<gateway-name>", name).split(" ")));
        words.remove(0);
        words.add(words.size() - 1, "--output-directory=" + dir);
        return words.toArray(String[]::new);
    }

    private static String line(String table, String name) {
        return table.lines().filter(l -> l.contains(" " + name + " ")).findFirst().orElseThrow(() ->
                new AssertionError(name + " not in\n" + table));
    }

    /** What a connected gateway does: POST the heartbeat over mTLS with its registration's material. */
    private static HttpResponse<String> heartbeat(Registration registration, String version) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(RegistrationTls.of(registration).sslContext()).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(registration.gatewayApiUrl() + "/gateway/api/heartbeat"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"version\":\"" + version + "\"}")).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
