package io.tollgate.gateway.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tollgate.gateway.server.GatewayOptions;
import io.tollgate.gateway.server.ListenerManager;
import io.tollgate.gateway.testing.GatewayHarness.Response;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local mode's directory: loaded at start, watched, reloaded without restart; a broken file changes nothing. */
class LocalDirLoaderTest {
    private static final String HEAD = "apiVersion: gateway.tollgate.dev/v1alpha1\n";

    @TempDir
    Path root;
    private Path dir;
    private LoaderFixture f;
    private ListenerManager listeners;
    private int port;

    @BeforeEach
    void start() throws IOException {
        dir = Files.createDirectories(root.resolve("conf.d"));
        f = LoaderFixture.start(root.resolve("home"));
        listeners = new ListenerManager(f.gw.vertx, f.gw.images, GatewayOptions.builder().accessLog(false).build(),
                f.gw.metrics, 1).start();
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
    }

    @AfterEach
    void stop() {
        listeners.close().await();
        f.close();
    }

    private ConfigSource startDir() {
        return f.start(LoaderSettings.builder(Environment.PRODUCTION).configDir(dir).home(f.home)
                .tuning(LoaderFixture.FAST).variables(Map.of("PW", "pw")::get).build());
    }

    private void write(String file, String content) throws IOException {
        Path tmp = dir.resolve("." + file + ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, dir.resolve(file), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private String api() {
        return HEAD + """
                kind: ApiInstance
                metadata: {name: my-api}
                spec:
                  address: http://127.0.0.1:%d
                  services:
                    users: {address: "%s"}
                """.formatted(port, f.gw.upstream.url());
    }

    private static String basic(String password) {
        return HEAD + """
                kind: PolicyBinding
                metadata: {name: basic}
                spec:
                  targetRef: {name: my-api}
                  policyRef: {name: http-basic-authentication}
                  config: {username: user, password: %s}
                """.formatted(password);
    }

    private Response get(String user, String password) {
        Map<String, String> headers = user == null ? Map.of() : Map.of("Authorization", "Basic "
                + Base64.getEncoder().encodeToString((user + ":" + password).getBytes()));
        return f.gw.send(port, HttpMethod.GET, "localhost", "/users", headers, null);
    }

    private void awaitStatus(String user, String password, int status) {
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                .until(() -> get(user, password).status() == status);
    }

    @Test
    void theDirectoryIsServedAndEditsAreAppliedWithoutRestart() throws Exception {
        write("api.yaml", api());
        startDir().firstLoad().await();
        listeners.settled().await();

        Response open = get(null, null);
        assertThat(open.status()).as("no authentication by default").isEqualTo(200);
        assertThat(open.body()).isEqualTo("{\"upstream\":\"ok\",\"path\":\"/users\"}");
        assertThat(f.gw.images.current().source()).isEqualTo("directory " + dir);

        write("basic.yaml", basic("$PW"));
        awaitStatus(null, null, 401);
        assertThat(get("user", "wrong").status()).isEqualTo(401);
        assertThat(get("user", "pw").status()).isEqualTo(200);

        write("basic.yaml", basic("new-pw"));
        awaitStatus("user", "pw", 401);
        assertThat(get("user", "new-pw").status()).isEqualTo(200);

        Files.delete(dir.resolve("basic.yaml"));
        awaitStatus(null, null, 200);
        assertThat(f.logs.matching("local configuration " + dir + " applied")).isNotEmpty();
    }

    @Test
    void aBrokenFileIsOneLogLineNamingFileResourceAndFieldAndTheLastGoodConfigurationKeepsServing() throws Exception {
        write("api.yaml", api());
        write("basic.yaml", basic("pw"));
        startDir().firstLoad().await();
        listeners.settled().await();

        write("basic.yaml", basic("pw").replace(", password: pw", ""));
        await().atMost(Duration.ofSeconds(3)).until(() -> !f.logs.matching("rejected").isEmpty());
        Thread.sleep(600); // several polls: still one line

        assertThat(f.logs.matching("rejected")).singleElement().asString().isEqualTo("ERROR local configuration " + dir
                + " rejected: basic.yaml: PolicyBinding basic: spec.config.password: missing; the last good "
                + "configuration keeps serving");
        assertThat(get(null, null).status()).isEqualTo(401);
        assertThat(get("user", "pw").status()).isEqualTo(200);

        write("basic.yaml", basic("fixed"));
        awaitStatus("user", "fixed", 200);
    }

    @Test
    void anInvalidDirectoryAtStartFailsTheFirstLoadAndServesNothing() throws Exception {
        write("api.yaml", api());
        write("basic.yaml", basic("$UNDEFINED_PASSWORD"));

        ConfigSource source = startDir();
        await().atMost(Duration.ofSeconds(5)).until(() -> source.firstLoad().isComplete());

        assertThat(source.firstLoad().cause()).isInstanceOf(LoadException.class).hasMessage(dir + ": basic.yaml: "
                + "PolicyBinding basic: spec.config.password: environment variable UNDEFINED_PASSWORD is not defined");
        assertThat(f.gw.images.current().loaded()).isFalse();
        assertThat(listeners.status()).isEmpty();

        write("basic.yaml", basic("$PW"));
        await().atMost(Duration.ofSeconds(3)).until(() -> f.gw.images.current().loaded());
        listeners.settled().await();
        awaitStatus("user", "pw", 200);
    }

    @Test
    void aMissingDirectoryIsReported() {
        dir = root.resolve("nowhere");
        ConfigSource source = startDir();
        await().atMost(Duration.ofSeconds(5)).until(() -> source.firstLoad().isComplete());

        assertThat(source.firstLoad().cause()).hasMessage(dir + ": not a directory");
    }
}
