package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.client.registration.Pem;
import io.tollgate.client.registration.Registration;
import io.tollgate.client.registration.RegistrationFile;
import io.tollgate.client.registration.RegistrationTls;
import io.tollgate.server.testing.ApiClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code tollgate registration create|renew|inspect} and {@code tollgate gateway token create|list}
 * against a real control plane (SPEC G1–G4, G7): files, their mode, messages and exit codes.
 */
class RegistrationCommandsTest extends CliTest {

    @Test
    void registersAGatewayAndWritesAPrivateRegistrationFile() throws Exception {
        Path dir = Files.createTempDirectory(home, "reg");
        String name = unique("edge");
        String[] command = registerCommand(token("a"), name, dir);

        Result result = ok(command);

        assertThat(result.out()).isEqualTo("Starting registration, please be patient." + System.lineSeparator()
                + "Registration completed, the configuration files were written in directory \"" + dir.toRealPath()
                + "\". For security, modify the file permissions to restrict production scenario access to the user"
                + " running the gateway." + System.lineSeparator());
        Path file = dir.resolve("registration.yaml");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        Registration registration = RegistrationFile.read(file);
        assertThat(registration.name()).isEqualTo(name);
        assertThat(registration.environment()).isEqualTo("production");
        assertThat(registration.connected()).isTrue();
        assertThat(registration.controlPlaneUrl()).isEqualTo(platform.baseUrl());
        X509Certificate certificate = Pem.certificates(registration.certificate()).get(0);
        certificate.verify(Pem.certificates(registration.caBundle()).get(0).getPublicKey());
        RegistrationTls tls = RegistrationTls.of(registration);
        assertThat(tls.keyStore().getCertificate("gateway")).isEqualTo(certificate);
        assertThat(tls.sslContext().getProtocol()).isEqualTo("TLS");
        assertThat(Files.readString(file)).contains("BEGIN PRIVATE KEY");
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString()).toList()).containsExactly("registration.yaml");
        }
    }

    @Test
    void showsTheRefusalReasonsOfTheControlPlaneAndWritesNothing() throws Exception {
        String token = token("a");
        String name = unique("twice");
        ok(registerCommand(token, name, Files.createTempDirectory(home, "first")));

        Path reused = Files.createTempDirectory(home, "reused");
        Result reusedToken = run(registerCommand(token, unique("other"), reused));
        assertThat(reusedToken.exit()).isEqualTo(1);
        assertThat(reusedToken.err()).isEqualTo("[tollgate][error] registration call returned error response:"
                + " HTTP/1.1 400 Bad Request" + System.lineSeparator() + "no valid registration token was found"
                + System.lineSeparator());
        assertThat(reused.resolve("registration.yaml")).doesNotExist();

        Path duplicate = Files.createTempDirectory(home, "duplicate");
        Result sameName = run(registerCommand(token("a"), name, duplicate));
        assertThat(sameName.exit()).isEqualTo(1);
        assertThat(sameName.err()).contains("HTTP/1.1 400 Bad Request" + System.lineSeparator()
                + "an active target with the same name already exists in this organization and environment");
        try (var listing = Files.list(duplicate)) {
            assertThat(listing).isEmpty();
        }
    }

    @Test
    void neverReplacesAnExistingRegistrationFile() throws Exception {
        Path dir = Files.createTempDirectory(home, "occupied");
        Files.writeString(dir.resolve("registration.yaml"), "keep me");

        String message = fails(registerCommand(token("a"), unique("kept"), dir));

        assertThat(message).contains("registration.yaml already exists");
        assertThat(Files.readString(dir.resolve("registration.yaml"))).isEqualTo("keep me");
    }

    @Test
    void inspectsTheExpiryInTheDocumentedFormatAtTheDefaultLocation() throws Exception {
        Path tollgateHome = Files.createTempDirectory(home, "home");
        Path confD = tollgateHome.resolve("conf.d");
        ok(registerCommand(token("a"), unique("inspected"), confD));
        X509Certificate certificate = Pem.certificates(RegistrationFile.read(confD.resolve("registration.yaml"))
                .certificate()).get(0);
        String expected = "{\"expiration_date\": \"" + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .withZone(ZoneOffset.UTC).format(certificate.getNotAfter().toInstant()) + " +0000 UTC\"}";

        Map<String, String> env = new HashMap<>(ENV);
        env.put("TOLLGATE_HOME", tollgateHome.toString());
        Result byDefault = runWith(env, "", "registration", "inspect");
        Result byFile = ok("registration", "inspect", "--file=" + confD.resolve("registration.yaml"));

        assertThat(byDefault.exit()).isZero();
        assertThat(byDefault.out()).isEqualTo(expected + System.lineSeparator());
        assertThat(byFile.out()).isEqualTo(byDefault.out());
        assertThat(byFile.out()).matches("\\{\"expiration_date\": \"\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\+0000 UTC\"}\\R");
        assertThat(fails("registration", "inspect", "--file=" + home.resolve("none.yaml")))
                .isEqualTo("registration file " + home.resolve("none.yaml") + " does not exist");
    }

    @Test
    void renewsWithUserCredentialsAndWithAConnectedAppIntoANewFile() throws Exception {
        Path dir = Files.createTempDirectory(home, "renewed");
        ok(registerCommand(token("a"), unique("renewable"), dir));
        Path original = dir.resolve("registration.yaml");
        Registration before = RegistrationFile.read(original);
        Path byUser = Files.createTempDirectory(home, "by-user");

        Result renewed = ok("registration", "renew", "--username=admin", "--password=admin-password",
                "--output-directory=" + byUser, original.toString());

        assertThat(renewed.out()).isEqualTo("Registration renewal completed" + System.lineSeparator());
        Registration after = RegistrationFile.read(byUser.resolve("registration.yaml"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(byUser.resolve("registration.yaml"))))
                .isEqualTo("rw-------");
        assertThat(after.name()).isEqualTo(before.name());
        assertThat(after.privateKey()).isNotEqualTo(before.privateKey());
        assertThat(RegistrationFile.expiration(after)).isAfterOrEqualTo(RegistrationFile.expiration(before));
        assertThat(Pem.certificates(after.certificate()).get(0).getSerialNumber())
                .isNotEqualTo(Pem.certificates(before.certificate()).get(0).getSerialNumber());
        assertThat(RegistrationFile.read(original)).isEqualTo(before);

        JsonNode app = a.post("/admin/api/connected_apps.json", Map.of("name", unique("ci"), "scopes",
                List.of("read_servers", "manage_servers", "view_organization"))).at("/connected_app");
        Result byApp = ok("registration", "renew", "--client-id=" + app.path("client_id").asText(),
                "--client-secret=" + app.path("client_secret").asText(), "--output-directory=" + dir,
                original.toString());
        assertThat(byApp.out()).isEqualTo("Registration renewal completed" + System.lineSeparator());
        assertThat(RegistrationFile.read(original).privateKey()).isNotEqualTo(before.privateKey());
    }

    @Test
    void refusesRenewalWithBadCredentialsOrMissingScopes() throws Exception {
        Path dir = Files.createTempDirectory(home, "refused");
        ok(registerCommand(token("a"), unique("refused"), dir));
        String file = dir.resolve("registration.yaml").toString();
        Path out = Files.createTempDirectory(home, "refused-out");

        assertThat(fails("registration", "renew", "--username=admin", "--password=wrong",
                "--output-directory=" + out, file)).contains("HTTP 401").contains("username or password is wrong");
        JsonNode app = a.post("/admin/api/connected_apps.json", Map.of("name", unique("weak"), "scopes",
                "read_servers")).at("/connected_app");
        assertThat(fails("registration", "renew", "--client-id=" + app.path("client_id").asText(),
                "--client-secret=" + app.path("client_secret").asText(), "--output-directory=" + out, file))
                .contains("HTTP 403").contains("lacks the scopes Manage Servers, View Organization");
        try (var listing = Files.list(out)) {
            assertThat(listing).isEmpty();
        }
        Result both = run("registration", "renew", "--username=admin", "--password=x", "--client-id=y",
                "--client-secret=z", file);
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
        Files.writeString(out.resolve("registration.yaml"), "other");
        assertThat(fails("registration", "renew", "--username=admin", "--password=admin-password",
                "--output-directory=" + out, file)).contains("already exists and is not the registration being renewed");
    }

    @Test
    void mintsTokensAndListsGatewaysUnderTheGatewayCommand() throws Exception {
        Result minted = ok("gateway", "token", "create", "a", "--environment", "staging");
        assertThat(minted.out()).contains("(staging), valid until").contains("tollgate registration create"
                + " --organization=").contains("--control-plane=" + platform.baseUrl() + " <gateway-name>");
        String command = minted.out().lines().filter(l -> l.startsWith("tollgate registration create")).findFirst()
                .orElseThrow();
        String token = command.replaceAll(".*--token=(\\S+).*", "$1");
        String name = unique("listed");
        ok(registerCommand(token, name, Files.createTempDirectory(home, "listed")));

        Result listed = ok("gateway", "list", "a", "--environment=staging");
        assertThat(listed.out()).startsWith("ID").contains("STATUS").contains("CERTIFICATE_EXPIRES_AT");
        assertThat(listed.out().lines().filter(l -> l.contains(name)).findFirst().orElseThrow())
                .contains("staging").contains("Disconnected");
        assertThat(ok("gateway", "list", "b").out()).doesNotContain(name);
        JsonNode json = ok("gateway", "list", "a", "-o", "json").json();
        assertThat(json.findValuesAsText("name")).contains(name);

        assertThat(ok("gateway").out()).isEqualTo("gateway would run" + System.lineSeparator());
        assertThat(ok("gateway", "list", "--help").out()).contains("Connected/Disconnected");
        assertThat(ok("registration", "renew", "--help").out()).contains("--client-secret").contains("--username");
        assertThat(ok("registration", "inspect", "--help").out()).contains("--file");
        assertThat(ok("registration", "create", "--help").out()).contains("--control-plane").contains("--connected");
    }

    @Test
    void needsTheControlPlaneUrl() {
        String message = fails("registration", "create", "--organization=1", "--token=x", "no-url");
        assertThat(message).startsWith("--control-plane: missing");
        Map<String, String> env = new HashMap<>(ENV);
        env.put("TOLLGATE_CONTROL_PLANE", "ftp://nowhere");
        Result fromEnv = runWith(env, "", "registration", "create", "--organization=1", "--token=x", "bad-url");
        assertThat(fromEnv.err().strip()).isEqualTo("tollgate: --control-plane: ftp://nowhere (expected: http[s]://host[:port])");
    }

    private static String[] registerCommand(String token, String name, Path dir) {
        return new String[] {"registration", "create", "--organization=" + organization(), "--token=" + token,
                "--control-plane=" + platform.baseUrl(), "--output-directory=" + dir, name};
    }

    private static long organization() {
        return a.get("/admin/api/provider.json").at("/account/id").asLong();
    }

    private static String token(String remote) {
        ApiClient client = remote.equals("a") ? a : b;
        ApiClient.Response minted = client.post("/admin/api/gateway/registration_tokens.json", Map.of());
        assertThat(minted.status()).as(minted.text()).isEqualTo(201);
        return minted.at("/registration_token/token").asText();
    }
}
