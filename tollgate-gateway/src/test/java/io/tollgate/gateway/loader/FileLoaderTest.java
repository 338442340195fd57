package io.tollgate.gateway.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tollgate.gateway.testing.ProductJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code TOLLGATE_CONFIG_FILE}: loaded at start, watched, applied as a whole or not at all. */
class FileLoaderTest {
    @TempDir
    Path dir;
    private Path file;
    private LoaderFixture f;

    @BeforeEach
    void start() {
        file = dir.resolve("tollgate.json");
        f = LoaderFixture.start(dir.resolve("home"));
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private ConfigSource startFile() {
        return f.start(LoaderSettings.builder(Environment.PRODUCTION).configFile(file).tuning(LoaderFixture.FAST)
                .build());
    }

    @Test
    void theFileIsLoadedAtStart() throws Exception {
        write(ProductJson.file(f.product(7, "pets.example.com"), f.product(8, "cats.example.com")));

        startFile().firstLoad().await();

        assertThat(f.get("pets.example.com", 7).status()).isEqualTo(200);
        assertThat(f.get("cats.example.com", 8).status()).isEqualTo(200);
        assertThat(f.gw.images.current().source()).isEqualTo("file " + file);
    }

    @Test
    void anInvalidFileAtStartFailsTheFirstLoadNamingTheFileAndTheProblem() throws Exception {
        write("{\"services\":[" + f.product(7, "pets.example.com").json() + ",{\"id\":8,\"proxy\":{\"hosts\":[\"x\"],"
                + "\"credentials_location\":\"cookie\"}}]}");

        ConfigSource source = startFile();
        await().atMost(Duration.ofSeconds(5)).until(() -> source.firstLoad().isComplete());

        assertThat(source.firstLoad().cause()).isInstanceOf(LoadException.class).hasMessage("TOLLGATE_CONFIG_FILE "
                + file + ": product 8 \"product-8\": proxy.credentials_location: \"cookie\" (expected: one of query, "
                + "headers, authorization)");
        assertThat(f.gw.images.current().loaded()).isFalse();
        assertThat(f.get("pets.example.com", 7).status()).isEqualTo(404);
    }

    @Test
    void aMissingFileAtStartFailsTheFirstLoad() {
        ConfigSource source = startFile();
        await().atMost(Duration.ofSeconds(5)).until(() -> source.firstLoad().isComplete());

        assertThat(source.firstLoad().cause()).hasMessage("TOLLGATE_CONFIG_FILE " + file + ": no such file");
    }

    @Test
    void anEditIsAppliedWithinAPollPeriod() throws Exception {
        write(ProductJson.file(f.product(7, "pets.example.com")));
        startFile().firstLoad().await();

        write(ProductJson.file(f.product(8, "cats.example.com")));

        await().atMost(Duration.ofSeconds(3)).until(() -> f.get("cats.example.com", 8).status() == 200);
        assertThat(f.get("pets.example.com", 7).status()).isEqualTo(404);
    }

    @Test
    void aBrokenEditIsRejectedWithOneLogLineAndThePreviousConfigurationKeepsServing() throws Exception {
        write(ProductJson.file(f.product(7, "pets.example.com")));
        startFile().firstLoad().await();
        long generation = f.gw.images.current().generation();

        write(ProductJson.file(f.product(7, "pets.example.com"), f.product(8, "cats.example.com")
                .proxy("error_status_no_match", 700)));
        await().atMost(Duration.ofSeconds(3)).until(() -> !f.logs.matching("failed to load configuration").isEmpty());
        Thread.sleep(500);

        assertThat(f.logs.matching("failed to load configuration")).singleElement().asString().isEqualTo(
                "ERROR failed to load configuration: " + file + ": product 8 \"Product 8\": "
                        + "proxy.error_status_no_match: 700 (expected: 100..599); the previous configuration keeps "
                        + "serving");
        assertThat(f.gw.images.current().generation()).isEqualTo(generation);
        assertThat(f.get("pets.example.com", 7).status()).isEqualTo(200);
        assertThat(f.get("cats.example.com", 8).status()).isEqualTo(404);

        write("{\"services\":[");
        await().atMost(Duration.ofSeconds(3)).until(() -> f.logs.matching("not valid JSON").size() == 1);
        assertThat(f.get("pets.example.com", 7).status()).isEqualTo(200);

        write(ProductJson.file(f.product(7, "pets.example.com"), f.product(8, "cats.example.com")));
        await().atMost(Duration.ofSeconds(3)).until(() -> f.get("cats.example.com", 8).status() == 200);
    }

    @Test
    void theFileTakesPrecedenceOverTheServer() throws Exception {
        write(ProductJson.file(f.product(7, "pets.example.com")));
        f.api.deploy("production", f.product(8, "cats.example.com"));

        f.start(f.settings(Environment.PRODUCTION).configFile(file).build()).firstLoad().await();

        assertThat(f.get("pets.example.com", 7).status()).isEqualTo(200);
        assertThat(f.get("cats.example.com", 8).status()).isEqualTo(404);
        assertThat(f.api.received()).isEmpty();
        assertThat(f.logs.matching("ignores TOLLGATE_PORTAL_ENDPOINT (TOLLGATE_CONFIG_FILE takes precedence)"))
                .hasSize(1);
    }

    /** Replaces the file as editors and deployment tools do: a new file renamed over the old one. */
    private void write(String content) throws IOException {
        Path temp = Files.createTempFile(dir, "edit", ".json");
        Files.writeString(temp, content);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
