package io.tollgate.server.api;

import static io.tollgate.server.testing.PlanFixtures.limits;
import static io.tollgate.server.testing.PlanFixtures.withoutTimestamps;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.server.testing.ApiClient;
import io.tollgate.server.testing.PlanFixtures;
import io.tollgate.server.testing.PlatformTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Usage limits of plans on product metrics and on metrics/methods of used backends. */
class UsageLimitsApiTest extends PlatformTest {

    @Test
    void limitOnProductHitsHasTheExactShapeAndLinks() {
        long product = fixtures.product();
        long plan = new PlanFixtures(admin).plan(product);
        long hits = fixtures.hits("/admin/api/services/" + product);

        ApiClient.Response created = admin.post(limits(plan, hits) + ".json",
                Map.of("usage_limit", Map.of("period", "month", "value", 1000)));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        long id = created.at("/limit/id").asLong();
        String base = admin.baseUrl();
        String expected = "{\"id\":" + id + ",\"metric_id\":" + hits + ",\"plan_id\":" + plan
                + ",\"period\":\"month\",\"value\":1000,\"links\":[{\"rel\":\"metric\",\"href\":\"" + base
                + "/admin/api/services/" + product + "/metrics/" + hits + "\"},{\"rel\":\"self\",\"href\":\"" + base
                + limits(plan, hits) + "/" + id + "\"},{\"rel\":\"plan\",\"href\":\"" + base + "/admin/api/services/"
                + product + "/application_plans/" + plan + "\"}]}";
        assertThat(withoutTimestamps(created.json(), "limit")).isEqualTo(expected);
        assertThat(withoutTimestamps(admin.get(limits(plan, hits) + "/" + id + ".json").json(), "limit"))
                .isEqualTo(expected);
        ApiClient.Response all = admin.get("/admin/api/application_plans/" + plan + "/limits.json");
        assertThat(all.at("/limits").size()).isEqualTo(1);
        assertThat(withoutTimestamps(all.at("/limits/0"), "limit")).isEqualTo(expected);
    }

    @Test
    void limitOnBackendMethodLinksToTheBackendMetricUrl() {
        long product = fixtures.product();
        long backend = fixtures.backend();
        fixtures.usage(product, backend, "/v1");
        long method = fixtures.method("/admin/api/backend_apis/" + backend);
        long plan = new PlanFixtures(admin).plan(product);

        ApiClient.Response created = admin.post(limits(plan, method) + ".json",
                Map.of("usage_limit", Map.of("period", "minute", "value", 0)));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.at("/limit/links/0/href").asText())
                .isEqualTo(admin.baseUrl() + "/admin/api/backend_apis/" + backend + "/metrics/" + method);
        assertThat(admin.get(limits(plan, method) + ".json").at("/limits/0/limit/value").asLong()).isZero();
    }

    @Test
    void metricOfAnUnusedBackendOrAnotherProductIsNotFound() {
        long product = fixtures.product();
        long plan = new PlanFixtures(admin).plan(product);
        long unused = fixtures.hits("/admin/api/backend_apis/" + fixtures.backend());
        long foreign = fixtures.hits("/admin/api/services/" + fixtures.product());

        Map<String, Object> body = Map.of("period", "day", "value", 1);
        assertThat(admin.post(limits(plan, unused) + ".json", body).status()).isEqualTo(404);
        assertThat(admin.post(limits(plan, foreign) + ".json", body).status()).isEqualTo(404);
        assertThat(admin.get(limits(plan, foreign) + ".json").status()).isEqualTo(404);
        assertThat(admin.get(limits(999999, foreign) + ".json").status()).isEqualTo(404);
    }

    @Test
    void secondLimitForTheSamePeriodIsTakenButOtherPeriodsAreFine() {
        long product = fixtures.product();
        long plan = new PlanFixtures(admin).plan(product);
        long hits = fixtures.hits("/admin/api/services/" + product);
        assertThat(admin.post(limits(plan, hits) + ".json", Map.of("period", "day", "value", 5)).status())
                .isEqualTo(201);

        ApiClient.Response taken = admin.post(limits(plan, hits) + ".json",
                Map.of("usage_limit", Map.of("period", "day", "value", 7)));

        assertThat(taken.status()).isEqualTo(422);
        assertThat(taken.json().toString()).isEqualTo("{\"errors\":{\"period\":[\"has already been taken\"]}}");
        assertThat(admin.post(limits(plan, hits) + ".json", Map.of("period", "hour", "value", 1)).status())
                .isEqualTo(201);
        assertThat(admin.get(limits(plan, hits) + ".json").at("/limits").size()).isEqualTo(2);
    }

    @Test
    void invalidPeriodAndValueAreRejected() {
        long product = fixtures.product();
        long plan = new PlanFixtures(admin).plan(product);
        long hits = fixtures.hits("/admin/api/services/" + product);

        ApiClient.Response rejected = admin.post(limits(plan, hits) + ".json",
                Map.of("usage_limit", Map.of("period", "second", "value", -1)));
        assertThat(rejected.status()).isEqualTo(422);
        assertThat(rejected.json().toString()).isEqualTo("{\"errors\":{\"period\":[\"is not included in the list\"],"
                + "\"value\":[\"must be greater than or equal to 0\"]}}");

        ApiClient.Response blank = admin.post(limits(plan, hits) + ".json", Map.of("usage_limit", Map.of()));
        assertThat(blank.json().toString())
                .isEqualTo("{\"errors\":{\"period\":[\"can't be blank\"],\"value\":[\"can't be blank\"]}}");
        assertThat(admin.get(limits(plan, hits) + ".json").at("/limits").size()).isZero();
    }

    @Test
    void readOnlyFieldsOfACopiedLimitAreIgnored() {
        long product = fixtures.product();
        long plan = new PlanFixtures(admin).plan(product);
        long hits = fixtures.hits("/admin/api/services/" + product);

        ApiClient.Response created = admin.post(limits(plan, hits) + ".json", Map.of("usage_limit", Map.of(
                "id", 77, "plan_id", 12345, "metric_id", 54321, "created_at", "2019-01-01T00:00:00Z",
                "updated_at", "2019-01-01T00:00:00Z", "period", "eternity", "value", 10,
                "links", List.of(Map.of("rel", "metric", "href", "http://elsewhere/x")))));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.at("/limit/plan_id").asLong()).isEqualTo(plan);
        assertThat(created.at("/limit/metric_id").asLong()).isEqualTo(hits);
        assertThat(created.at("/limit/period").asText()).isEqualTo("eternity");
    }

    @Test
    void updateChangesPeriodAndValueAndRespectsUniqueness() {
        long product = fixtures.product();
        long plan = new PlanFixtures(admin).plan(product);
        long hits = fixtures.hits("/admin/api/services/" + product);
        admin.post(limits(plan, hits) + ".json", Map.of("period", "week", "value", 1));
        long id = admin.post(limits(plan, hits) + ".json", Map.of("period", "year", "value", 2)).at("/limit/id")
                .asLong();
        String path = limits(plan, hits) + "/" + id + ".json";

        ApiClient.Response updated = admin.put(path, Map.of("usage_limit", Map.of("period", "eternity", "value", 0)));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(admin.get(path).at("/limit/period").asText()).isEqualTo("eternity");
        assertThat(admin.get(path).at("/limit/value").asLong()).isZero();

        ApiClient.Response clash = admin.put(path, Map.of("usage_limit", Map.of("period", "week")));
        assertThat(clash.json().toString()).isEqualTo("{\"errors\":{\"period\":[\"has already been taken\"]}}");
        assertThat(admin.put(path, Map.of("value", 9)).at("/limit/value").asLong()).isEqualTo(9);
    }

    @Test
    void deletingTheLimitOrItsMetricRemovesIt() {
        long product = fixtures.product();
        String productPath = "/admin/api/services/" + product;
        long plan = new PlanFixtures(admin).plan(product);
        long metric = fixtures.metric(productPath);
        long hits = fixtures.hits(productPath);
        long onMetric = admin.post(limits(plan, metric) + ".json", Map.of("period", "day", "value", 1))
                .at("/limit/id").asLong();
        String onHits = limits(plan, hits) + "/" + admin.post(limits(plan, hits) + ".json",
                Map.of("period", "day", "value", 1)).at("/limit/id").asLong() + ".json";

        ApiClient.Response deleted = admin.delete(onHits);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.text()).isEmpty();
        assertThat(admin.get(onHits).status()).isEqualTo(404);

        assertThat(admin.delete(productPath + "/metrics/" + metric + ".json").status()).isEqualTo(200);
        ApiClient.Response all = admin.get("/admin/api/application_plans/" + plan + "/limits.json");
        assertThat(all.json().toString()).isEqualTo("{\"limits\":[]}");
        assertThat(admin.get(limits(plan, metric) + "/" + onMetric + ".json").status()).isEqualTo(404);
    }
}
