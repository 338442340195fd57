package io.tollgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.model.MappingRule;
import io.tollgate.model.Owner;
import io.tollgate.server.testing.PlatformTest;
import io.tollgate.server.testing.ApiClient;
import io.tollgate.server.testing.TestPlatform;
import io.tollgate.store.MappingRuleDao;
import io.tollgate.store.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MappingRulesApiTest extends PlatformTest {
    @Test
    void createsProductRuleWithExactShape() {
        long product = fixtures.product();
        String owner = "/admin/api/services/" + product;
        long hits = fixtures.hits(owner);

        ApiClient.Response created = admin.post(owner + "/proxy/mapping_rules.json", Map.of("mapping_rule",
                Map.of("http_method", "get", "pattern", "/pets/{id}?kind={kind}", "delta", 2, "metric_id", hits)));

        assertThat(created.status()).isEqualTo(201);
        JsonNode rule = created.at("/mapping_rule");
        long id = rule.get("id").asLong();
        assertThat(created.headers().firstValue("Location"))
                .hasValue(admin.baseUrl() + owner + "/proxy/mapping_rules/" + id);
        assertThat(fieldNames(rule)).containsExactly("id", "metric_id", "pattern", "http_method", "delta",
                "position", "last", "redirect_url", "owner_id", "owner_type", "created_at", "updated_at", "links");
        assertThat(rule.get("metric_id").asLong()).isEqualTo(hits);
        assertThat(rule.get("pattern").asText()).isEqualTo("/pets/{id}?kind={kind}");
        assertThat(rule.get("http_method").asText()).isEqualTo("GET");
        assertThat(rule.get("delta").asLong()).isEqualTo(2);
        assertThat(rule.get("position").asInt()).isEqualTo(1);
        assertThat(rule.get("last").asBoolean()).isFalse();
        assertThat(rule.get("redirect_url").isNull()).isTrue();
        assertThat(rule.get("owner_id").asLong()).isEqualTo(product);
        assertThat(rule.get("owner_type").asText()).isEqualTo("Service");
        assertThat(rule.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(rule.at("/links/0/rel").asText()).isEqualTo("self");
        assertThat(rule.at("/links/0/href").asText()).isEqualTo(admin.baseUrl() + owner + "/proxy/mapping_rules/" + id);
        assertThat(rule.at("/links/1/rel").asText()).isEqualTo("service");
        assertThat(rule.at("/links/1/href").asText()).isEqualTo(admin.baseUrl() + owner);

        assertThat(stored(Owner.product(product), id)).hasValueSatisfying(r -> {
            assertThat(r.httpMethod()).isEqualTo("GET");
            assertThat(r.delta()).isEqualTo(2);
        });
        ApiClient.Response fetched = admin.get(owner + "/proxy/mapping_rules/" + id + ".json");
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.json()).isEqualTo(created.json());
    }

    @Test
    void acceptsFormEncodedBody() {
        long product = fixtures.product();
        String owner = "/admin/api/services/" + product;
        long hits = fixtures.hits(owner);

        ApiClient.Response created = admin.form("POST", owner + "/proxy/mapping_rules.json",
                "mapping_rule[http_method]=post&mapping_rule[pattern]=%2Forders%24&mapping_rule[delta]=3"
                        + "&mapping_rule[metric_id]=" + hits + "&mapping_rule[last]=true");

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.at("/mapping_rule/http_method").asText()).isEqualTo("POST");
        assertThat(created.at("/mapping_rule/pattern").asText()).isEqualTo("/orders$");
        assertThat(created.at("/mapping_rule/delta").asLong()).isEqualTo(3);
        assertThat(created.at("/mapping_rule/last").asBoolean()).isTrue();
        assertThat(stored(Owner.product(product), created.at("/mapping_rule/id").asLong()))
                .hasValueSatisfying(r -> assertThat(r.last()).isTrue());
    }

    @Test
    void acceptsFlatBodyForBackendRules() {
        long backend = fixtures.backend();
        String owner = "/admin/api/backend_apis/" + backend;
        long hits = fixtures.hits(owner);

        ApiClient.Response created = admin.post(owner + "/mapping_rules.json",
                Map.of("http_method", "DELETE", "pattern", "/pets/{id}$", "delta", 1, "metric_id", hits));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        long id = created.at("/mapping_rule/id").asLong();
        assertThat(created.at("/mapping_rule/owner_type").asText()).isEqualTo("BackendApi");
        assertThat(created.at("/mapping_rule/owner_id").asLong()).isEqualTo(backend);
        assertThat(created.at("/mapping_rule/links/0/href").asText())
                .isEqualTo(admin.baseUrl() + owner + "/mapping_rules/" + id);
        assertThat(created.at("/mapping_rule/links/1/rel").asText()).isEqualTo("backend_api");
        assertThat(created.headers().firstValue("Location")).hasValue(admin.baseUrl() + owner + "/mapping_rules/" + id);
        ApiClient.Response list = admin.get(owner + "/mapping_rules.json");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.at("/mapping_rules/0/mapping_rule/id").asLong()).isEqualTo(id);
        assertThat(list.at("/mapping_rules").size()).isEqualTo(1);
    }

    @Test
    void updatesWithPutPatchAndThePathWithoutProxy() {
        long product = fixtures.product();
        String owner = "/admin/api/services/" + product;
        long hits = fixtures.hits(owner);
        long method = fixtures.method(owner);
        long id = fixtures.rule(owner + "/proxy/mapping_rules", "/a", hits, Map.of());

        ApiClient.Response put = admin.put(owner + "/proxy/mapping_rules/" + id + ".json",
                Map.of("mapping_rule", Map.of("pattern", "/b", "metric_id", method, "redirect_url", "https://x.io")));
        assertThat(put.status()).as(put.text()).isEqualTo(200);
        assertThat(put.at("/mapping_rule/pattern").asText()).isEqualTo("/b");
        assertThat(put.at("/mapping_rule/metric_id").asLong()).isEqualTo(method);
        assertThat(put.at("/mapping_rule/http_method").asText()).isEqualTo("GET");
        assertThat(put.at("/mapping_rule/redirect_url").asText()).isEqualTo("https://x.io");

        // The 3scale Ruby client's update_mapping_rule PATCHes the path without /proxy.
        ApiClient.Response patch = admin.patch(owner + "/mapping_rules/" + id + ".json",
                Map.of("mapping_rule", Map.of("delta", 5, "last", true)));
        assertThat(patch.status()).as(patch.text()).isEqualTo(200);
        assertThat(patch.at("/mapping_rule/delta").asLong()).isEqualTo(5);
        assertThat(patch.at("/mapping_rule/pattern").asText()).isEqualTo("/b");
        assertThat(admin.get(owner + "/mapping_rules/" + id + ".json").at("/mapping_rule/last").asBoolean()).isTrue();

        MappingRule stored = stored(Owner.product(product), id).orElseThrow();
        assertThat(stored.pattern()).isEqualTo("/b");
        assertThat(stored.delta()).isEqualTo(5);
        assertThat(stored.metricId()).isEqualTo(method);
    }

    @Test
    void deletesRuleWithEmptyBody() {
        long product = fixtures.product();
        String owner = "/admin/api/services/" + product;
        long id = fixtures.rule(owner + "/proxy/mapping_rules", "/a", fixtures.hits(owner), Map.of());

        ApiClient.Response deleted = admin.delete(owner + "/proxy/mapping_rules/" + id + ".json");

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.text()).isEmpty();
        assertThat(stored(Owner.product(product), id)).isEmpty();
        ApiClient.Response again = admin.get(owner + "/proxy/mapping_rules/" + id + ".json");
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.at("/status").asText()).isEqualTo("Not found");
    }

    @Test
    void rejectsMissingFieldsNamingEachField() {
        String owner = "/admin/api/services/" + fixtures.product();

        ApiClient.Response response = admin.post(owner + "/proxy/mapping_rules.json", Map.of("mapping_rule", Map.of()));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.at("/errors/http_method/0").asText()).isEqualTo("can't be blank");
        assertThat(response.at("/errors/pattern/0").asText()).isEqualTo("can't be blank");
        assertThat(response.at("/errors/delta/0").asText()).isEqualTo("can't be blank");
        assertThat(response.at("/errors/metric_id/0").asText()).isEqualTo("can't be blank");
    }

    @Test
    void rejectsInvalidMethodDeltaAndPattern() {
        long product = fixtures.product();
        String owner = "/admin/api/services/" + product;

        ApiClient.Response response = admin.post(owner + "/proxy/mapping_rules.json", Map.of("mapping_rule",
                Map.of("http_method", "FETCH", "pattern", "/pets?kind=dog&kind=cat", "delta", 0,
                        "metric_id", fixtures.hits(owner), "last", "maybe")));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.at("/errors/http_method/0").asText()).isEqualTo("is not included in the list");
        assertThat(response.at("/errors/pattern/0").asText()).isEqualTo("has a repeated query parameter: kind");
        assertThat(response.at("/errors/delta/0").asText()).isEqualTo("must be greater than 0");
        assertThat(response.at("/errors/last/0").asText()).isEqualTo("must be true or false");
        assertThat(admin.get(owner + "/proxy/mapping_rules.json").at("/mapping_rules").size()).isZero();
    }

    @Test
    void rejectsPatternWithRepeatedQueryParameter() {
        String owner = "/admin/api/backend_apis/" + fixtures.backend();

        ApiClient.Response response = admin.post(owner + "/mapping_rules.json", Map.of("http_method", "GET",
                "pattern", "/a?x=1&x={x}", "delta", 1, "metric_id", fixtures.hits(owner)));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().toString())
                .isEqualTo("{\"errors\":{\"pattern\":[\"has a repeated query parameter: x\"]}}");
    }

    @Test
    void rejectsMetricOfAnotherOwner() {
        String product = "/admin/api/services/" + fixtures.product();
        String backend = "/admin/api/backend_apis/" + fixtures.backend();
        Map<String, Object> rule = Map.of("http_method", "GET", "pattern", "/", "delta", 1);

        ApiClient.Response productRule = admin.post(product + "/proxy/mapping_rules.json",
                Map.of("mapping_rule", with(rule, "metric_id", fixtures.hits(backend))));
        ApiClient.Response backendRule = admin.post(backend + "/mapping_rules.json",
                with(rule, "metric_id", fixtures.metric(product)));
        ApiClient.Response unknown = admin.post(backend + "/mapping_rules.json", with(rule, "metric_id", 999999));

        assertThat(productRule.status()).isEqualTo(422);
        assertThat(productRule.at("/errors/metric_id/0").asText()).isEqualTo("must be a metric or method of this product");
        assertThat(backendRule.status()).isEqualTo(422);
        assertThat(backendRule.at("/errors/metric_id/0").asText()).isEqualTo("must be a metric or method of this backend");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.at("/errors/metric_id/0").asText()).isEqualTo("must be a metric or method of this backend");
    }

    @Test
    void answersNotFoundForUnknownOwnerOrRule() {
        String owner = "/admin/api/services/" + fixtures.product();
        assertThat(admin.get("/admin/api/services/999999/proxy/mapping_rules.json").status()).isEqualTo(404);
        assertThat(admin.get("/admin/api/backend_apis/999999/mapping_rules.json").status()).isEqualTo(404);
        assertThat(admin.get(owner + "/proxy/mapping_rules/999999.json").status()).isEqualTo(404);
        assertThat(admin.delete(owner + "/proxy/mapping_rules/999999.json").status()).isEqualTo(404);
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> copy = new java.util.HashMap<>(base);
        copy.put(key, value);
        return copy;
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Optional<MappingRule> stored(Owner owner, long id) {
        return platform.database().read(h -> h.attach(MappingRuleDao.class).find(owner, id));
    }

    static List<MappingRule> storedRules(TestPlatform platform, Owner owner) {
        return platform.database().read(h -> h.attach(MappingRuleDao.class).list(owner, Page.ALL));
    }
}
