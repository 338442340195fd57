package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricAndMethodCommandsTest extends CliTest {
    private static JsonNode metric(long id, String systemName) {
        for (JsonNode m : a.get("/admin/api/services/" + id + "/metrics.json").at("/metrics")) {
            if (m.at("/metric/system_name").asText().equals(systemName)) {
                return m.get("metric");
            }
        }
        return null;
    }

    private static long zeroLimits(long planId, long metricId) {
        long n = 0;
        for (JsonNode l : a.get("/admin/api/application_plans/" + planId + "/limits.json").at("/limits")) {
            if (l.at("/limit/metric_id").asLong() == metricId && l.at("/limit/period").asText().equals("eternity")
                    && l.at("/limit/value").asLong() == 0) {
                n++;
            }
        }
        return n;
    }

    @Test
    void metricsAreCreatedDisabledEnabledListedAndDeleted() {
        long id = product(a, unique("Metrics "));
        long plan = Fixtures.id(a.post("/admin/api/services/" + id + "/application_plans.json", Map.of("name", "P")),
                "/application_plan/id");
        String service = String.valueOf(id);
        ok("metric", "create", "a", service, "Bytes out", "-t", "bytes_out", "--unit", "byte", "--description", "size",
                "--disabled");
        JsonNode bytes = metric(id, "bytes_out");
        assertThat(bytes.path("unit").asText()).isEqualTo("byte");
        assertThat(bytes.path("friendly_name").asText()).isEqualTo("Bytes out");
        assertThat(zeroLimits(plan, bytes.path("id").asLong())).isEqualTo(1);

        ok("metric", "apply", "a", service, "bytes_out", "-n", "Bytes", "--enabled");
        assertThat(metric(id, "bytes_out").path("friendly_name").asText()).isEqualTo("Bytes");
        assertThat(zeroLimits(plan, bytes.path("id").asLong())).isZero();
        ok("metric", "apply", "a", service, "calls");
        assertThat(metric(id, "calls").path("unit").asText()).isEqualTo("hit");

        assertThat(ok("metric", "list", "a", service, "-o", "json").json().findValuesAsText("system_name"))
                .containsExactly("hits", "bytes_out", "calls");
        ok("metric", "delete", "a", service, "calls");
        assertThat(metric(id, "calls")).isNull();
        assertThat(fails("metric", "create", "a", service, "Bytes out", "-t", "bytes_out"))
                .contains("system_name: has already been taken");
    }

    @Test
    void methodsLiveUnderHits() {
        long id = product(a, unique("Methods "));
        long plan = Fixtures.id(a.post("/admin/api/services/" + id + "/application_plans.json", Map.of("name", "P")),
                "/application_plan/id");
        String service = String.valueOf(id);
        ok("method", "create", "a", service, "List pets", "-t", "list_pets", "--disabled");
        JsonNode method = metric(id, "list_pets");
        assertThat(method.path("parent_id").asLong()).isEqualTo(metric(id, "hits").path("id").asLong());
        assertThat(zeroLimits(plan, method.path("id").asLong())).isEqualTo(1);

        ok("method", "apply", "a", service, "list_pets", "--description", "all of them", "--enabled");
        assertThat(metric(id, "list_pets").path("description").asText()).isEqualTo("all of them");
        assertThat(zeroLimits(plan, method.path("id").asLong())).isZero();
        ok("method", "apply", "a", service, "get_pet", "-n", "Get pet");
        assertThat(ok("method", "list", "a", service).out()).contains("list_pets").contains("get_pet").doesNotContain("hits");

        ok("method", "delete", "a", service, "get_pet");
        assertThat(metric(id, "get_pet")).isNull();
        assertThat(fails("method", "delete", "a", service, "get_pet")).startsWith("method get_pet not found");
    }
}
