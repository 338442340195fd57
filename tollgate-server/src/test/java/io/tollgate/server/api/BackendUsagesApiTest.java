package io.tollgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.model.BackendUsage;
import io.tollgate.server.testing.PlatformTest;
import io.tollgate.server.testing.ApiClient;
import io.tollgate.store.BackendUsageDao;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackendUsagesApiTest extends PlatformTest {
    private static String usages(long product) {
        return "/admin/api/services/" + product + "/backend_usages";
    }

    @Test
    void createsUsageWithExactShapeAndListsItAsBareArray() {
        long product = fixtures.product();
        long backend = fixtures.backend();

        ApiClient.Response created = admin.post(usages(product) + ".json",
                Map.of("backend_api_id", backend, "path", "/pets"));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode usage = created.at("/backend_usage");
        long id = usage.get("id").asLong();
        assertThat(created.headers().firstValue("Location")).hasValue(admin.baseUrl() + usages(product) + "/" + id);
        assertThat(MappingRulesApiTest.fieldNames(usage)).containsExactly("id", "path", "service_id", "backend_id",
                "links");
        assertThat(usage.get("path").asText()).isEqualTo("/pets");
        assertThat(usage.get("service_id").asLong()).isEqualTo(product);
        assertThat(usage.get("backend_id").asLong()).isEqualTo(backend);
        assertThat(usage.at("/links/0/rel").asText()).isEqualTo("service");
        assertThat(usage.at("/links/1/rel").asText()).isEqualTo("backend_api");
        assertThat(usage.at("/links/1/href").asText()).isEqualTo(admin.baseUrl() + "/admin/api/backend_apis/" + backend);

        ApiClient.Response list = admin.get(usages(product) + ".json");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().isArray()).isTrue();
        assertThat(list.json()).hasSize(1);
        assertThat(list.json().get(0)).isEqualTo(created.json());
        assertThat(admin.get(usages(product) + "/" + id + ".json").json()).isEqualTo(created.json());
        assertThat(stored(product)).singleElement().satisfies(u -> assertThat(u.backendApiId()).isEqualTo(backend));
    }

    @Test
    void defaultsPathToRootAndAcceptsWrappedAndFormBodies() {
        long product = fixtures.product();

        ApiClient.Response root = admin.post(usages(product) + ".json",
                Map.of("backend_usage", Map.of("backend_api_id", fixtures.backend())));
        ApiClient.Response form = admin.form("POST", usages(product) + ".json",
                "backend_usage[backend_api_id]=" + fixtures.backend() + "&backend_usage[path]=%2Fv2%2F");

        assertThat(root.status()).as(root.text()).isEqualTo(201);
        assertThat(root.at("/backend_usage/path").asText()).isEqualTo("/");
        assertThat(form.status()).as(form.text()).isEqualTo(201);
        assertThat(form.at("/backend_usage/path").asText()).isEqualTo("/v2");
        assertThat(stored(product)).extracting(BackendUsage::path).containsExactly("/", "/v2");
    }

    @Test
    void rejectsSecondUsageOfSameBackendOrSamePath() {
        long product = fixtures.product();
        long backend = fixtures.backend();
        fixtures.usage(product, backend, "/v1");

        ApiClient.Response sameBackend = admin.post(usages(product) + ".json",
                Map.of("backend_api_id", backend, "path", "/other"));
        ApiClient.Response samePath = admin.post(usages(product) + ".json",
                Map.of("backend_api_id", fixtures.backend(), "path", "/v1/"));

        assertThat(sameBackend.status()).isEqualTo(422);
        assertThat(sameBackend.json().toString())
                .isEqualTo("{\"errors\":{\"backend_api_id\":[\"has already been taken\"]}}");
        assertThat(samePath.status()).isEqualTo(422);
        assertThat(samePath.json().toString()).isEqualTo("{\"errors\":{\"path\":[\"has already been taken\"]}}");
        assertThat(stored(product)).hasSize(1);
    }

    @Test
    void rejectsInvalidPathAndUnknownBackend() {
        long product = fixtures.product();

        ApiClient.Response relative = admin.post(usages(product) + ".json",
                Map.of("backend_api_id", fixtures.backend(), "path", "pets"));
        ApiClient.Response query = admin.post(usages(product) + ".json",
                Map.of("backend_api_id", fixtures.backend(), "path", "/pets?x=1"));
        ApiClient.Response unknown = admin.post(usages(product) + ".json", Map.of("backend_api_id", 999999));
        ApiClient.Response missing = admin.post(usages(product) + ".json", Map.of("path", "/x"));

        assertThat(relative.status()).isEqualTo(422);
        assertThat(relative.at("/errors/path/0").asText()).isEqualTo("must start with '/'");
        assertThat(query.at("/errors/path/0").asText()).isEqualTo("has a character not allowed in a path: '?'");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.at("/errors/backend_api_id/0").asText()).isEqualTo("must be a backend of this account");
        assertThat(missing.at("/errors/backend_api_id/0").asText()).isEqualTo("can't be blank");
        assertThat(stored(product)).isEmpty();
    }

    @Test
    void updatesOnlyThePath() {
        long product = fixtures.product();
        long backend = fixtures.backend();
        long id = fixtures.usage(product, backend, "/a");
        fixtures.usage(product, fixtures.backend(), "/taken");

        ApiClient.Response updated = admin.put(usages(product) + "/" + id + ".json",
                Map.of("backend_usage", Map.of("path", "/b", "backend_api_id", fixtures.backend())));
        ApiClient.Response clash = admin.put(usages(product) + "/" + id + ".json", Map.of("path", "/taken"));

        assertThat(updated.status()).as(updated.text()).isEqualTo(200);
        assertThat(updated.at("/backend_usage/path").asText()).isEqualTo("/b");
        assertThat(updated.at("/backend_usage/backend_id").asLong()).isEqualTo(backend);
        assertThat(clash.status()).isEqualTo(422);
        assertThat(clash.at("/errors/path/0").asText()).isEqualTo("has already been taken");
        assertThat(stored(product)).filteredOn(u -> u.id() == id).singleElement()
                .satisfies(u -> assertThat(u.path()).isEqualTo("/b"));
    }

    @Test
    void deletesUsageWithEmptyBody() {
        long product = fixtures.product();
        long id = fixtures.usage(product, fixtures.backend(), "/");

        ApiClient.Response deleted = admin.delete(usages(product) + "/" + id + ".json");

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.text()).isEmpty();
        assertThat(stored(product)).isEmpty();
        assertThat(admin.get(usages(product) + "/" + id + ".json").status()).isEqualTo(404);
        assertThat(admin.get(usages(product) + ".json").text()).isEqualTo("[]");
    }

    @Test
    void answersNotFoundForAnotherProductsUsage() {
        long product = fixtures.product();
        long other = fixtures.product();
        long id = fixtures.usage(product, fixtures.backend(), "/");

        assertThat(admin.get(usages(other) + "/" + id + ".json").status()).isEqualTo(404);
        assertThat(admin.delete(usages(other) + "/" + id + ".json").status()).isEqualTo(404);
        assertThat(admin.get(usages(999999) + ".json").status()).isEqualTo(404);
        assertThat(stored(product)).hasSize(1);
    }

    private static List<BackendUsage> stored(long product) {
        return platform.database().read(h -> h.attach(BackendUsageDao.class).listByProduct(product));
    }
}
