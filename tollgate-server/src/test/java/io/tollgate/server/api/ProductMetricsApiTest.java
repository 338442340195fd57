package io.tollgate.server.api;

import static io.tollgate.server.api.ProxyApiTest.keys;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.model.Metric;
import io.tollgate.model.Owner;
import io.tollgate.server.testing.PlatformTest;
import io.tollgate.server.testing.AdminFixtures;
import io.tollgate.server.testing.ApiClient;
import io.tollgate.store.MetricDao;
import io.tollgate.store.Page;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Metrics and methods of products: shapes, the shared namespace, parents, and what cannot be deleted. */
class ProductMetricsApiTest extends PlatformTest {
    private long product;
    private String owner;
    private long hits;

    @BeforeEach
    void newProduct() {
        product = fixtures.product();
        owner = "/admin/api/services/" + product;
        hits = fixtures.hits(owner);
    }

    @Test
    void metricAndMethodHaveExactKeysAndLinks() {
        ApiClient.Response metric = admin.post(owner + "/metrics.json", Map.of("metric",
                Map.of("friendly_name", "Search Results", "unit", "result", "description", "found")));
        ApiClient.Response method = admin.post(owner + "/metrics/" + hits + "/methods.json",
                Map.of("metric", Map.of("friendly_name", "Get Pet", "unit", "ignored")));

        assertThat(metric.status()).as(metric.text()).isEqualTo(201);
        JsonNode m = metric.at("/metric");
        long id = m.get("id").asLong();
        assertThat(keys(m)).containsExactly("id", "name", "system_name", "friendly_name", "description", "unit",
                "created_at", "updated_at", "links");
        assertThat(m.get("system_name").asText()).isEqualTo("search_results");
        assertThat(m.get("name").asText()).isEqualTo("search_results");
        assertThat(m.get("unit").asText()).isEqualTo("result");
        assertThat(m.get("links").toString()).isEqualTo("[{\"rel\":\"service\",\"href\":\"" + admin.baseUrl() + owner
                + "\"},{\"rel\":\"self\",\"href\":\"" + admin.baseUrl() + owner + "/metrics/" + id + "\"}]");
        assertThat(metric.headers().firstValue("Location")).hasValue(admin.baseUrl() + owner + "/metrics/" + id);

        assertThat(method.status()).as(method.text()).isEqualTo(201);
        JsonNode me = method.at("/method");
        long methodId = me.get("id").asLong();
        String methodPath = owner + "/metrics/" + hits + "/methods/" + methodId;
        assertThat(keys(me)).containsExactly("id", "name", "system_name", "friendly_name", "description", "unit",
                "parent_id", "created_at", "updated_at", "links");
        assertThat(me.get("system_name").asText()).isEqualTo("get_pet");
        assertThat(me.get("unit").asText()).isEqualTo("hit");
        assertThat(me.get("parent_id").asLong()).isEqualTo(hits);
        assertThat(me.get("links").toString()).isEqualTo("[{\"rel\":\"parent\",\"href\":\"" + admin.baseUrl() + owner
                + "/metrics/" + hits + "\"},{\"rel\":\"self\",\"href\":\"" + admin.baseUrl() + methodPath + "\"}]");
        assertThat(method.headers().firstValue("Location")).hasValue(admin.baseUrl() + methodPath);
        assertThat(admin.get(methodPath + ".json").json()).isEqualTo(method.json());
        assertThat(admin.get(owner + "/metrics/" + id + ".json").json()).isEqualTo(metric.json());
    }

    @Test
    void metricsListHoldsMetricsAndMethodsAndMethodsListOnlyMethods() {
        long metric = fixtures.metric(owner);
        long method = fixtures.method(owner);

        ApiClient.Response all = admin.get(owner + "/metrics.json");
        ApiClient.Response methods = admin.get(owner + "/metrics/" + hits + "/methods.json");
        ApiClient.Response none = admin.get(owner + "/metrics/" + metric + "/methods.json");

        assertThat(keys(all.json())).containsExactly("metrics");
        assertThat(ProvidersApiTest.ids(all.at("/metrics"), "metric")).containsExactly(hits, metric, method);
        assertThat(all.at("/metrics/0/metric/system_name").asText()).isEqualTo("hits");
        assertThat(all.at("/metrics/0/metric").has("parent_id")).isFalse();
        assertThat(all.at("/metrics/1/metric").has("parent_id")).isFalse();
        assertThat(all.at("/metrics/2/metric/parent_id").asLong()).isEqualTo(hits);
        assertThat(keys(methods.json())).containsExactly("methods");
        assertThat(ProvidersApiTest.ids(methods.at("/methods"), "method")).containsExactly(method);
        assertThat(none.json().toString()).isEqualTo("{\"methods\":[]}");
        assertThat(admin.get(owner + "/metrics.json?per_page=1&page=3").at("/metrics/0/metric/id").asLong())
                .isEqualTo(method);
    }

    @Test
    void metricNeedsFriendlyNameAndUnitInAnyBodyForm() {
        ApiClient.Response missing = admin.post(owner + "/metrics.json", Map.of("metric", Map.of("description", "x")));
        ApiClient.Response flat = admin.post(owner + "/metrics.json", Map.of("friendly_name", "Flat One", "unit", "u"));
        ApiClient.Response form = admin.form("POST", owner + "/metrics.json", "friendly_name=Form+One&unit=u");
        ApiClient.Response wrappedForm = admin.form("POST", owner + "/metrics.json",
                "metric[friendly_name]=Wrapped+Form&metric[unit]=u&metric[system_name]=wf.v1");

        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().toString())
                .isEqualTo("{\"errors\":{\"friendly_name\":[\"can't be blank\"],\"unit\":[\"can't be blank\"]}}");
        assertThat(flat.status()).isEqualTo(201);
        assertThat(flat.at("/metric/system_name").asText()).isEqualTo("flat_one");
        assertThat(form.status()).isEqualTo(201);
        assertThat(form.at("/metric/system_name").asText()).isEqualTo("form_one");
        assertThat(wrappedForm.status()).isEqualTo(201);
        assertThat(wrappedForm.at("/metric/system_name").asText()).isEqualTo("wf.v1");
        assertThat(stored()).extracting(Metric::systemName)
                .containsExactly("hits", "flat_one", "form_one", "wf.v1");
    }

    @Test
    void metricsAndMethodsShareOneNamespace() {
        admin.post(owner + "/metrics.json", Map.of("friendly_name", "Search", "unit", "u"));
        admin.post(owner + "/metrics/" + hits + "/methods.json", Map.of("method", Map.of("friendly_name", "List")));

        List<ApiClient.Response> clashes = List.of(
                admin.post(owner + "/metrics.json", Map.of("friendly_name", "search", "unit", "u")),
                admin.post(owner + "/metrics/" + hits + "/methods.json", Map.of("friendly_name", "Search")),
                admin.post(owner + "/metrics.json", Map.of("friendly_name", "X", "system_name", "list", "unit", "u")),
                admin.post(owner + "/metrics.json", Map.of("friendly_name", "Hits", "unit", "u")));
        for (ApiClient.Response clash : clashes) {
            assertThat(clash.status()).isEqualTo(422);
            assertThat(clash.json().toString())
                    .isEqualTo("{\"errors\":{\"system_name\":[\"has already been taken\"]}}");
        }
        assertThat(stored()).extracting(Metric::systemName).containsExactly("hits", "search", "list");
        long other = fixtures.product();
        assertThat(admin.post("/admin/api/services/" + other + "/metrics.json",
                Map.of("friendly_name", "Search", "unit", "u")).status()).isEqualTo(201);
    }

    @Test
    void methodsOnlyUnderHits() {
        long metric = fixtures.metric(owner);

        ApiClient.Response refused = admin.post(owner + "/metrics/" + metric + "/methods.json",
                Map.of("friendly_name", "Nested"));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().toString()).isEqualTo(
                "{\"errors\":{\"parent_id\":[\"methods can only be created under the hits metric\"]}}");
        assertThat(admin.post(owner + "/metrics/999999/methods.json", Map.of("friendly_name", "Orphan")).status())
                .isEqualTo(404);
        assertThat(stored()).hasSize(2);
    }

    @Test
    void methodUnderTheWrongParentIsNotFound() {
        long metric = fixtures.metric(owner);
        long method = fixtures.method(owner);
        String wrong = owner + "/metrics/" + metric + "/methods/" + method + ".json";
        String right = owner + "/metrics/" + hits + "/methods/" + method + ".json";

        for (ApiClient.Response r : List.of(admin.get(wrong), admin.put(wrong, Map.of("friendly_name", "Moved")),
                admin.delete(wrong), admin.get(owner + "/metrics/" + hits + "/methods/" + metric + ".json"),
                admin.delete(owner + "/metrics/" + hits + "/methods/" + hits + ".json"))) {
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.json().toString()).isEqualTo("{\"status\":\"Not found\"}");
        }
        assertThat(admin.get(right).at("/method/friendly_name").asText()).startsWith("Method");
        assertThat(stored()).hasSize(3);
    }

    @Test
    void updatesKeepSystemNameAndMethodUnit() {
        long metric = fixtures.metric(owner);
        long method = fixtures.method(owner);

        ApiClient.Response m = admin.put(owner + "/metrics/" + metric + ".json", Map.of("metric", Map.of(
                "friendly_name", "Renamed", "unit", "byte", "description", "d", "system_name", "changed",
                "id", hits, "parent_id", hits)));
        ApiClient.Response me = admin.put(owner + "/metrics/" + hits + "/methods/" + method + ".json",
                Map.of("metric", Map.of("friendly_name", "Renamed Method", "unit", "byte", "system_name", "x")));
        ApiClient.Response blank = admin.put(owner + "/metrics/" + metric + ".json", Map.of("friendly_name", ""));

        assertThat(m.status()).as(m.text()).isEqualTo(200);
        assertThat(m.at("/metric/id").asLong()).isEqualTo(metric);
        assertThat(m.at("/metric").has("parent_id")).isFalse();
        assertThat(me.status()).isEqualTo(200);
        assertThat(blank.status()).isEqualTo(422);
        assertThat(blank.at("/errors/friendly_name/0").asText()).isEqualTo("can't be blank");
        Metric storedMetric = stored().stream().filter(x -> x.id() == metric).findFirst().orElseThrow();
        assertThat(storedMetric.friendlyName()).isEqualTo("Renamed");
        assertThat(storedMetric.unit()).isEqualTo("byte");
        assertThat(storedMetric.description()).isEqualTo("d");
        assertThat(storedMetric.systemName()).startsWith("metric_");
        Metric storedMethod = stored().stream().filter(x -> x.id() == method).findFirst().orElseThrow();
        assertThat(storedMethod.friendlyName()).isEqualTo("Renamed Method");
        assertThat(storedMethod.unit()).isEqualTo("hit");
        assertThat(storedMethod.systemName()).startsWith("method_");
    }

    @Test
    void hitsCannotBeDeleted() {
        ApiClient.Response refused = admin.delete(owner + "/metrics/" + hits + ".json");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().toString())
                .isEqualTo("{\"errors\":{\"base\":[\"the hits metric cannot be deleted\"]}}");
        assertThat(stored()).extracting(Metric::id).containsExactly(hits);
    }

    @Test
    void deletingMetricsAndMethodsRemovesWhatHangsOffThem() {
        long method = fixtures.method(owner);
        long metric = fixtures.metric(owner);
        long child = platform.database().write(h -> h.attach(MetricDao.class).insert(0, Owner.product(product),
                metric, "legacy_child", "Legacy child", "hit", null, Instant.now()));
        fixtures.rule(owner + "/proxy/mapping_rules", "/m", metric, Map.of());
        fixtures.rule(owner + "/proxy/mapping_rules", "/me", method, Map.of());

        ApiClient.Response deletedMethod = admin.delete(owner + "/metrics/" + hits + "/methods/" + method + ".json");
        ApiClient.Response deletedMetric = admin.delete(owner + "/metrics/" + metric + ".json");

        for (ApiClient.Response deleted : List.of(deletedMethod, deletedMetric)) {
            assertThat(deleted.status()).isEqualTo(200);
            assertThat(deleted.text()).isEmpty();
        }
        assertThat(stored()).extracting(Metric::id).containsExactly(hits).doesNotContain(child);
        assertThat(MappingRulesApiTest.storedRules(platform, Owner.product(product))).isEmpty();
        assertThat(admin.get(owner + "/metrics/" + metric + ".json").status()).isEqualTo(404);
    }

    @Test
    void anotherTenantCannotReachTheseMetrics() {
        ApiClient other = platform.as(ProvidersApiTest.signup(platform.master(), AdminFixtures.unique("Metric Thief"))
                .at("/signup/access_token/value").asText());
        long metric = fixtures.metric(owner);

        for (ApiClient.Response r : List.of(other.get(owner + "/metrics.json"),
                other.get(owner + "/metrics/" + metric + ".json"),
                other.post(owner + "/metrics.json", Map.of("friendly_name", "Intruder", "unit", "u")),
                other.delete(owner + "/metrics/" + metric + ".json"),
                other.post(owner + "/metrics/" + hits + "/methods.json", Map.of("friendly_name", "Intruder")))) {
            assertThat(r.status()).isEqualTo(404);
        }
        assertThat(stored()).hasSize(2);
    }

    private List<Metric> stored() {
        return platform.database().read(h -> h.attach(MetricDao.class).list(Owner.product(product), Page.ALL));
    }
}
