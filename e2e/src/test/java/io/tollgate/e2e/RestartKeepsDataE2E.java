package io.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code ./tollgate up} keeps across a stop and a start, and what it never shows twice. */
class RestartKeepsDataE2E {
    @TempDir
    Path home;

    @Test
    void restartKeepsProductsBackendsAndTokens() throws Exception {
        long product;
        long backend;
        try (TollgateProcess first = TollgateProcess.up(home)) {
            Http.Response created = Http.postJson(first.baseUrl(), "/admin/api/services.json",
                    TollgateProcess.ADMIN_TOKEN, "{\"service\":{\"name\":\"Kept\"}}");
            assertThat(created.status()).isEqualTo(201);
            product = created.json().at("/service/id").asLong();
            Http.Response backendCreated = Http.postJson(first.baseUrl(), "/admin/api/backend_apis.json",
                    TollgateProcess.ADMIN_TOKEN, "{\"name\":\"Kept backend\",\"private_endpoint\":\"https://kept.example.com\"}");
            assertThat(backendCreated.status()).isEqualTo(201);
            backend = backendCreated.json().at("/backend_api/id").asLong();
            assertThat(first.stop()).isZero();
        }
        try (TollgateProcess second = TollgateProcess.up(home)) {
            Http.Response shown = Http.get(second.baseUrl(), "/admin/api/services/" + product + ".json",
                    TollgateProcess.ADMIN_TOKEN);
            assertThat(shown.status()).isEqualTo(200);
            assertThat(shown.json().at("/service/name").asText()).isEqualTo("Kept");
            assertThat(Http.get(second.baseUrl(), "/admin/api/backend_apis/" + backend + ".json",
                    TollgateProcess.ADMIN_TOKEN).json().at("/backend_api/name").asText()).isEqualTo("Kept backend");
            assertThat(Http.get(second.baseUrl(), "/admin/api/services/" + product + "/metrics.json",
                    TollgateProcess.ADMIN_TOKEN).json().at("/metrics/0/metric/system_name").asText()).isEqualTo("hits");
            assertThat(second.output()).doesNotContain("First start");
        }
    }

    @Test
    void generatedCredentialsArePrintedOnceAndSavedPrivately() throws Exception {
        Map<String, String> noPresets = new java.util.HashMap<>(Map.of(
                "TOLLGATE_ADMIN_ACCESS_TOKEN", "", "TOLLGATE_MASTER_ACCESS_TOKEN", ""));
        String adminToken;
        try (TollgateProcess first = TollgateProcess.up(home, noPresets, false)) {
            Path credentials = home.resolve("credentials.env");
            assertThat(Files.getPosixFilePermissions(credentials))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.getPosixFilePermissions(home)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
            Map<String, String> saved = TollgateProcess.readEnvFile(credentials);
            assertThat(saved).containsOnlyKeys("TOLLGATE_MASTER_ACCESS_TOKEN", "TOLLGATE_ADMIN_ACCESS_TOKEN",
                    "TOLLGATE_ADMIN_PASSWORD", "TOLLGATE_ADMIN_PROVIDER_KEY");
            adminToken = saved.get("TOLLGATE_ADMIN_ACCESS_TOKEN");
            assertThat(first.output()).contains("TOLLGATE_ADMIN_ACCESS_TOKEN=" + adminToken);
            assertThat(Http.get(first.baseUrl(), "/admin/api/services.json", adminToken).status()).isEqualTo(200);
            assertThat(Http.get(first.baseUrl(), "/admin/api/provider.json?provider_key="
                    + saved.get("TOLLGATE_ADMIN_PROVIDER_KEY"), "").status()).isEqualTo(200);
            assertThat(Http.get(first.baseUrl(), "/master/api/providers.json",
                    saved.get("TOLLGATE_MASTER_ACCESS_TOKEN")).status()).isEqualTo(200);
            assertThat(first.stop()).isZero();
        }
        try (TollgateProcess second = TollgateProcess.up(home, noPresets, false)) {
            assertThat(second.output()).doesNotContain(adminToken);
            assertThat(Http.get(second.baseUrl(), "/admin/api/services.json", adminToken).status()).isEqualTo(200);
        }
    }
}
