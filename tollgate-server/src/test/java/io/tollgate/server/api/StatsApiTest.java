package io.tollgate.server.api;

import static io.tollgate.server.testing.ApplicationFixtures.application;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.server.testing.ApiClient;
import io.tollgate.server.testing.ApplicationFixtures;
import io.tollgate.server.testing.DeveloperFixtures;
import io.tollgate.server.testing.PlatformTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The 3scale Analytics API's application usage: shape, periods, backend metrics, validation, isolation. */
class StatsApiTest extends PlatformTest {
    private static long product;
    private static long backend;
    private static long hits;
    private static long backendHits;
    private static long account;
    private static long plan;
    private static long app;

    @BeforeAll
    static void createApplication() {
        ApplicationFixtures apps = new ApplicationFixtures(admin);
        product = apps.product("1");
        backend = fixtures.backend();
        fixtures.usage(product, backend, "/v1");
        hits = fixtures.hits("/admin/api/services/" + product);
        backendHits = fixtures.hits("/admin/api/backend_apis/" + backend);
        account = new DeveloperFixtures(admin).account();
        plan = apps.plan(product, false);
        app = apps.application(account, plan, Map.of());
    }

    private static String usage(long appId, String query) {
        return "/stats/applications/" + appId + "/usage.json?" + query;
    }

    private static void record(long metricId, String at, long value) {
        platform.usageStats().record(product, app, Map.of(metricId, value), Instant.parse(at));
    }

    @Test
    void hourlyUsageOfARangeInTheThreescaleShape() {
        record(hits, "2026-11-01T05:30:00Z", 3);
        record(hits, "2026-11-02T23:10:00Z", 2);

        ApiClient.Response response = admin.get(usage(app,
                "metric_name=hits&since=2026-11-01&until=2026-11-02&granularity=hour"));

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        List<Long> values = new ArrayList<>(Collections.nCopies(48, 0L));
        values.set(5, 3L);
        values.set(47, 2L);
        String planName = admin.get("/admin/api/services/" + product + "/application_plans/" + plan + ".json")
                .at("/application_plan/name").asText();
        JsonNode appJson = admin.get(application(account, app) + ".json").at("/application");
        String orgName = admin.get("/admin/api/accounts/" + account + ".json").at("/account/org_name").asText();
        assertThat(response.json().toString()).isEqualTo("{\"metric\":{\"id\":" + hits + ",\"name\":\"Hits\","
                + "\"system_name\":\"hits\",\"unit\":\"hit\"},\"period\":{\"name\":null,"
                + "\"since\":\"2026-11-01T00:00:00Z\",\"until\":\"2026-11-02T23:59:59Z\",\"timezone\":\"Etc/UTC\","
                + "\"granularity\":\"hour\"},\"total\":5,\"values\":" + values.toString().replace(" ", "")
                + ",\"application\":{\"id\":" + app + ",\"name\":\"" + appJson.get("name").asText()
                + "\",\"state\":\"live\",\"plan\":{\"id\":" + plan + ",\"name\":\"" + planName + "\"},"
                + "\"account\":{\"id\":" + account + ",\"name\":\"" + orgName + "\"}}}");
    }

    @Test
    void periodsPickTheirRangeAndGranularity() {
        record(hits, "2025-03-10T08:00:00Z", 4);
        record(hits, "2025-03-11T09:00:00Z", 1);
        record(hits, "2025-07-01T00:00:00Z", 6);

        JsonNode day = ok(usage(app, "metric_name=hits&since=2025-03-10&period=day"));
        JsonNode week = ok(usage(app, "metric_name=hits&since=2025-03-10&period=week&timezone=UTC"));
        JsonNode month = ok(usage(app, "metric_name=hits&since=2025-02-01&period=month"));
        JsonNode year = ok(usage(app, "metric_name=hits&since=2025-01-01&period=year&timezone=Etc/UTC"));
        JsonNode days = ok(usage(app, "metric_name=hits&since=2025-03-09T12:00:00Z&until=2025-03-11T01:00:00"
                + "&granularity=day"));

        assertThat(day.at("/period").toString()).isEqualTo("{\"name\":\"day\",\"since\":\"2025-03-10T00:00:00Z\","
                + "\"until\":\"2025-03-10T23:59:59Z\",\"timezone\":\"Etc/UTC\",\"granularity\":\"hour\"}");
        assertThat(day.at("/values")).hasSize(24);
        assertThat(day.at("/values/8").asLong()).isEqualTo(4);
        assertThat(day.at("/total").asLong()).isEqualTo(4);
        assertThat(week.at("/period/granularity").asText()).isEqualTo("day");
        assertThat(week.at("/period/until").asText()).isEqualTo("2025-03-16T23:59:59Z");
        assertThat(longs(week.at("/values"))).containsExactly(4L, 1L, 0L, 0L, 0L, 0L, 0L);
        assertThat(month.at("/values")).hasSize(28);
        assertThat(month.at("/total").asLong()).isZero();
        assertThat(longs(month.at("/values"))).containsOnly(0L);
        assertThat(year.at("/period/granularity").asText()).isEqualTo("month");
        assertThat(longs(year.at("/values"))).containsExactly(0L, 0L, 5L, 0L, 0L, 0L, 6L, 0L, 0L, 0L, 0L, 0L);
        assertThat(year.at("/total").asLong()).isEqualTo(11);
        assertThat(days.at("/period/since").asText()).isEqualTo("2025-03-09T12:00:00Z");
        assertThat(longs(days.at("/values"))).containsExactly(0L, 4L, 1L);
    }

    @Test
    void backendMetricsAreNamedWithTheBackendId() {
        record(backendHits, "2024-05-05T10:00:00Z", 7);

        JsonNode body = ok(usage(app, "metric_name=hits." + backend + "&since=2024-05-05&period=day"));

        assertThat(body.at("/metric/id").asLong()).isEqualTo(backendHits);
        assertThat(body.at("/metric/system_name").asText()).isEqualTo("hits." + backend);
        assertThat(body.at("/total").asLong()).isEqualTo(7);
        long unused = fixtures.backend();
        for (String name : List.of("hits." + unused, "hits.", "nope", "hits.x" + backend)) {
            ApiClient.Response refused = admin.get(usage(app, "metric_name=" + name + "&since=2024-05-05&period=day"));
            assertThat(refused.status()).as(name).isEqualTo(422);
            assertThat(refused.at("/errors/metric_name/0").asText()).as(name).isEqualTo("'" + name
                    + "' is not a metric of the application's product or of a backend it uses"
                    + " (backend metrics are named <system_name>.<backend_id>)");
        }
    }

    @Test
    void invalidParametersAreNamed() {
        assertThat(errors(usage(app, "granularity=hour&until=2026-01-01")))
                .isEqualTo("{\"metric_name\":[\"can't be blank\"],\"since\":[\"can't be blank\"]}");
        assertThat(errors(usage(app, "metric_name=hits&since=2026-01-01")))
                .isEqualTo("{\"until\":[\"can't be blank unless period is given\"],"
                        + "\"granularity\":[\"can't be blank unless period is given\"]}");
        assertThat(errors(usage(app, "metric_name=hits&since=2026-01-01&period=day&timezone=Europe/Madrid")))
                .isEqualTo("{\"timezone\":[\"'Europe/Madrid' is not supported (expected: UTC or Etc/UTC)\"]}");
        assertThat(errors(usage(app, "metric_name=hits&since=yesterday&period=day")))
                .isEqualTo("{\"since\":[\"'yesterday' is not a date (expected: YYYY-MM-DD or"
                        + " YYYY-MM-DDThh:mm:ss[Z])\"]}");
        assertThat(errors(usage(app, "metric_name=hits&since=2026-01-02&until=2026-01-01&granularity=day")))
                .isEqualTo("{\"until\":[\"must not be before since\"]}");
        assertThat(errors(usage(app, "metric_name=hits&since=2026-01-01&period=decade")))
                .isEqualTo("{\"period\":[\"is not included in the list (expected: day, week, month or year)\"]}");
        assertThat(errors(usage(app, "metric_name=hits&since=2026-01-01&period=day&until=2026-01-02")))
                .isEqualTo("{\"until\":[\"cannot be combined with period\"]}");
        assertThat(errors(usage(app, "metric_name=hits&since=2026-01-01&until=2026-01-02&granularity=minute")))
                .isEqualTo("{\"granularity\":[\"is not included in the list (expected: hour, day or month)\"]}");
        assertThat(errors(usage(app, "metric_name=hits&since=2020-01-01&until=2021-02-20&granularity=hour")))
                .isEqualTo("{\"granularity\":[\"hour gives 10008 values for this range (maximum is 10000);"
                        + " use a coarser granularity or a shorter range\"]}");
        assertThat(ok(usage(app, "metric_name=hits&since=2020-01-01&until=2021-02-20T15:00:00Z&granularity=hour"))
                .at("/values")).hasSize(10_000);
    }

    @Test
    void onlyTheTenantsOwnApplicationsWithAStatsOrAccountManagementCredential() {
        String query = "metric_name=hits&since=2026-01-01&period=day";
        ApiClient statsOnly = platform.as(AccessTokensApiTest.issue(admin, "stats", "ro", List.of("stats"))
                .at("/access_token/value").asText());
        ApiClient cmsOnly = platform.as(AccessTokensApiTest.issue(admin, "cms", "rw", List.of("cms"))
                .at("/access_token/value").asText());
        ApiClient other = admin.withToken(OtherTenant.token(platform));

        assertThat(statsOnly.get(usage(app, query)).status()).isEqualTo(200);
        assertThat(cmsOnly.get(usage(app, query)).status()).isEqualTo(403);
        assertThat(platform.anonymous().get(usage(app, query)).status()).isEqualTo(403);
        ApiClient.Response foreign = other.get(usage(app, query));
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.json().toString()).isEqualTo("{\"status\":\"Not found\"}");
        assertThat(other.get(usage(app, "")).status()).as("404 before validation").isEqualTo(404);
        assertThat(admin.get(usage(app + 1_000_000, query)).status()).isEqualTo(404);
        assertThat(admin.get("/stats/applications/abc/usage.json?" + query).status()).isEqualTo(404);
    }

    private static JsonNode ok(String path) {
        ApiClient.Response response = admin.get(path);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json();
    }

    private static String errors(String path) {
        ApiClient.Response response = admin.get(path);
        assertThat(response.status()).as(response.text()).isEqualTo(422);
        return response.at("/errors").toString();
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asLong()));
        return values;
    }
}
