package io.tollgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.model.BackendApi;
import io.tollgate.model.Metric;
import io.tollgate.model.Owner;
import io.tollgate.server.testing.PlatformTest;
import io.tollgate.server.testing.ApiClient;
import io.tollgate.store.BackendApiDao;
import io.tollgate.store.MetricDao;
import io.tollgate.store.Page;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackendApisApiTest extends PlatformTest {
    private static final String BASE = "/admin/api/backend_apis";

    @Test
    void createsBackendWithExactShapeAndHitsMetric() {
        ApiClient.Response created = admin.post(BASE + ".json", Map.of("name", "Pets Upstream",
                "description", "pets", "private_endpoint", "https://pets.internal:8443/api/v1"));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode backend = created.at("/backend_api");
        long id = backend.get("id").asLong();
        assertThat(created.headers().firstValue("Location")).hasValue(admin.baseUrl() + BASE + "/" + id);
        assertThat(MappingRulesApiTest.fieldNames(backend)).containsExactly("id", "name", "system_name",
                "description", "private_endpoint", "account_id", "created_at", "updated_at", "annotations", "links");
        assertThat(backend.get("name").asText()).isEqualTo("Pets Upstream");
        assertThat(backend.get("system_name").asText()).isEqualTo("pets_upstream");
        assertThat(backend.get("private_endpoint").asText()).isEqualTo("https://pets.internal:8443/api/v1");
        assertThat(backend.at("/links/0/rel").asText()).isEqualTo("metrics");
        assertThat(backend.at("/links/0/href").asText()).isEqualTo(admin.baseUrl() + BASE + "/" + id + "/metrics");
        assertThat(backend.at("/links/1/rel").asText()).isEqualTo("mapping_rules");
        assertThat(backend.at("/links/2/rel").asText()).isEqualTo("self");
        assertThat(backend.at("/links/2/href").asText()).isEqualTo(admin.baseUrl() + BASE + "/" + id);

        assertThat(metrics(id)).singleElement().satisfies(m -> {
            assertThat(m.systemName()).isEqualTo("hits");
            assertThat(m.friendlyName()).isEqualTo("Hits");
            assertThat(m.unit()).isEqualTo("hit");
        });
        assertThat(admin.get(BASE + "/" + id + ".json").json()).isEqualTo(created.json());
    }

    @Test
    void acceptsWrappedAndFormEncodedBodies() {
        ApiClient.Response wrapped = admin.post(BASE + ".json", Map.of("backend_api", Map.of("name", "Wrapped",
                "system_name", "wrapped-one", "private_endpoint", "ws://socket.internal", "annotations",
                Map.of("team", "a"))));
        ApiClient.Response form = admin.form("POST", BASE + ".json",
                "name=Form+Backend&private_endpoint=http%3A%2F%2Fform.internal");

        assertThat(wrapped.status()).as(wrapped.text()).isEqualTo(201);
        assertThat(wrapped.at("/backend_api/system_name").asText()).isEqualTo("wrapped-one");
        assertThat(wrapped.at("/backend_api/annotations/team").asText()).isEqualTo("a");
        assertThat(form.status()).as(form.text()).isEqualTo(201);
        assertThat(stored(form.at("/backend_api/id").asLong()))
                .hasValueSatisfying(b -> assertThat(b.privateEndpoint()).isEqualTo("http://form.internal"));
    }

    @Test
    void rejectsTakenSystemName() {
        admin.post(BASE + ".json", Map.of("name", "Taken", "private_endpoint", "https://a.internal"));

        ApiClient.Response again = admin.post(BASE + ".json", Map.of("name", "Other", "system_name", "taken",
                "private_endpoint", "https://b.internal"));

        assertThat(again.status()).isEqualTo(422);
        assertThat(again.json().toString()).isEqualTo("{\"errors\":{\"system_name\":[\"has already been taken\"]}}");
    }

    @Test
    void rejectsMissingAndInvalidFields() {
        ApiClient.Response missing = admin.post(BASE + ".json", Map.of("description", "x"));
        ApiClient.Response badScheme = admin.post(BASE + ".json", Map.of("name", "Ftp", "private_endpoint",
                "ftp://files.internal"));
        ApiClient.Response relative = admin.post(BASE + ".json", Map.of("name", "Rel", "private_endpoint", "/api"));
        ApiClient.Response badName = admin.post(BASE + ".json", Map.of("name", "Bad", "system_name", "a b",
                "private_endpoint", "https://x.internal", "annotations", "not-an-object"));

        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.at("/errors/name/0").asText()).isEqualTo("can't be blank");
        assertThat(missing.at("/errors/private_endpoint/0").asText()).isEqualTo("can't be blank");
        assertThat(badScheme.status()).isEqualTo(422);
        assertThat(badScheme.at("/errors/private_endpoint/0").asText())
                .isEqualTo("must be an absolute URL with a host (http, https, ws, wss)");
        assertThat(relative.at("/errors/private_endpoint/0").asText())
                .isEqualTo("must be an absolute URL with a host (http, https, ws, wss)");
        assertThat(badName.at("/errors/system_name/0").asText()).startsWith("invalid.");
        assertThat(badName.at("/errors/annotations/0").asText()).isEqualTo("must be an object");
    }

    @Test
    void updatesFieldsButNeverSystemName() {
        long id = fixtures.backend();
        String systemName = stored(id).orElseThrow().systemName();

        ApiClient.Response put = admin.put(BASE + "/" + id + ".json", Map.of("name", "Renamed",
                "system_name", "changed", "private_endpoint", "https://new.internal/v2"));
        ApiClient.Response patch = admin.patch(BASE + "/" + id + ".json",
                Map.of("backend_api", Map.of("description", "now described")));
        ApiClient.Response invalid = admin.put(BASE + "/" + id + ".json", Map.of("private_endpoint", "nope"));

        assertThat(put.status()).isEqualTo(200);
        assertThat(put.at("/backend_api/name").asText()).isEqualTo("Renamed");
        assertThat(put.at("/backend_api/system_name").asText()).isEqualTo(systemName);
        assertThat(patch.at("/backend_api/description").asText()).isEqualTo("now described");
        assertThat(patch.at("/backend_api/private_endpoint").asText()).isEqualTo("https://new.internal/v2");
        assertThat(invalid.status()).isEqualTo(422);
        BackendApi stored = stored(id).orElseThrow();
        assertThat(stored.systemName()).isEqualTo(systemName);
        assertThat(stored.privateEndpoint()).isEqualTo("https://new.internal/v2");
        assertThat(stored.description()).isEqualTo("now described");
    }

    @Test
    void listsBackendsWithPagination() {
        long first = fixtures.backend();
        long second = fixtures.backend();

        ApiClient.Response all = admin.get(BASE + ".json");
        ApiClient.Response page = admin.get(BASE + ".json?per_page=1&page=2");

        assertThat(all.status()).isEqualTo(200);
        assertThat(all.at("/backend_apis").findValues("id").stream().map(JsonNode::asLong).toList())
                .contains(first, second);
        assertThat(page.at("/backend_apis").size()).isEqualTo(1);
        assertThat(page.at("/backend_apis/0/backend_api/id").asLong())
                .isEqualTo(all.at("/backend_apis/1/backend_api/id").asLong());
    }

    @Test
    void servesBackendMetricsAndMethods() {
        long id = fixtures.backend();
        String owner = BASE + "/" + id;
        long hits = fixtures.hits(owner);

        ApiClient.Response metric = admin.post(owner + "/metrics.json",
                Map.of("friendly_name", "Bytes", "system_name", "bytes", "unit", "byte"));
        ApiClient.Response method = admin.post(owner + "/metrics/" + hits + "/methods.json",
                Map.of("friendly_name", "List pets", "system_name", "list_pets"));
        ApiClient.Response methods = admin.get(owner + "/metrics/" + hits + "/methods.json");

        assertThat(metric.status()).as(metric.text()).isEqualTo(201);
        assertThat(metric.at("/metric").has("name")).isFalse();
        assertThat(metric.at("/metric/links/0/rel").asText()).isEqualTo("backend_api");
        assertThat(method.status()).as(method.text()).isEqualTo(201);
        assertThat(method.at("/method/parent_id").asLong()).isEqualTo(hits);
        assertThat(methods.at("/methods/0/method/system_name").asText()).isEqualTo("list_pets");
        assertThat(admin.get(owner + "/metrics.json").at("/metrics").size()).isEqualTo(3);
    }

    @Test
    void deleteIsRefusedWhileUsedThenRemovesMetricsAndRules() {
        long backend = fixtures.backend();
        String owner = BASE + "/" + backend;
        long rule = fixtures.rule(owner + "/mapping_rules", "/pets", fixtures.hits(owner), Map.of());
        long product = fixtures.product();
        long usage = fixtures.usage(product, backend, "/pets");

        ApiClient.Response refused = admin.delete(owner + ".json");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().toString()).isEqualTo(
                "{\"errors\":{\"base\":[\"cannot be deleted because it is used by at least one Product\"]}}");
        assertThat(stored(backend)).isPresent();
        assertThat(MappingRulesApiTest.storedRules(platform, Owner.backend(backend))).hasSize(1);

        assertThat(admin.delete("/admin/api/services/" + product + "/backend_usages/" + usage + ".json").status())
                .isEqualTo(200);
        ApiClient.Response deleted = admin.delete(owner + ".json");

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.text()).isEmpty();
        assertThat(stored(backend)).isEmpty();
        assertThat(metrics(backend)).isEmpty();
        assertThat(MappingRulesApiTest.storedRules(platform, Owner.backend(backend))).isEmpty();
        assertThat(admin.get(owner + "/mapping_rules/" + rule + ".json").status()).isEqualTo(404);
        assertThat(admin.get(owner + ".json").status()).isEqualTo(404);
    }

    private static List<Metric> metrics(long backendId) {
        return platform.database().read(h -> h.attach(MetricDao.class).list(Owner.backend(backendId), Page.ALL));
    }

    private static Optional<BackendApi> stored(long id) {
        // Read by id alone, whatever the tenant, to see what is really stored.
        return platform.database().read(h -> h.createQuery("SELECT * FROM backend_apis WHERE id = :id")
                .bind("id", id).map(new BackendApiDao.Mapper()).findOne());
    }
}
