package io.tollgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.model.MappingRule;
import io.tollgate.model.Owner;
import io.tollgate.server.testing.PlatformTest;
import io.tollgate.server.testing.ApiClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** acts_as_list semantics of rule positions, checked through the API and in the stored rows. */
class MappingRulePositionsApiTest extends PlatformTest {
    @Test
    void appendsNewRulesAtTheBottom() {
        long product = fixtures.product();
        String rules = "/admin/api/services/" + product + "/proxy/mapping_rules";
        long hits = fixtures.hits("/admin/api/services/" + product);

        fixtures.rule(rules, "/a", hits, Map.of());
        fixtures.rule(rules, "/b", hits, Map.of());
        fixtures.rule(rules, "/c", hits, Map.of("position", 42));

        assertThat(listed(rules)).containsExactly("1 /a", "2 /b", "3 /c");
        assertThat(stored(Owner.product(product))).containsExactly("1 /a", "2 /b", "3 /c");
    }

    @Test
    void insertAtPositionOneShiftsOthersDown() {
        long backend = fixtures.backend();
        String rules = "/admin/api/backend_apis/" + backend + "/mapping_rules";
        long hits = fixtures.hits("/admin/api/backend_apis/" + backend);
        fixtures.rule(rules, "/a", hits, Map.of());
        fixtures.rule(rules, "/b", hits, Map.of());

        ApiClient.Response first = admin.post(rules + ".json", Map.of("http_method", "GET", "pattern", "/first",
                "delta", 1, "metric_id", hits, "position", 1));
        fixtures.rule(rules, "/middle", hits, Map.of("position", "3"));

        assertThat(first.at("/mapping_rule/position").asInt()).isEqualTo(1);
        assertThat(listed(rules)).containsExactly("1 /first", "2 /a", "3 /middle", "4 /b");
        assertThat(stored(Owner.backend(backend))).containsExactly("1 /first", "2 /a", "3 /middle", "4 /b");
    }

    @Test
    void updatingPositionMovesTheRule() {
        long product = fixtures.product();
        String rules = "/admin/api/services/" + product + "/proxy/mapping_rules";
        long hits = fixtures.hits("/admin/api/services/" + product);
        long a = fixtures.rule(rules, "/a", hits, Map.of());
        fixtures.rule(rules, "/b", hits, Map.of());
        fixtures.rule(rules, "/c", hits, Map.of());
        long d = fixtures.rule(rules, "/d", hits, Map.of());

        ApiClient.Response down = admin.put(rules + "/" + a + ".json", Map.of("mapping_rule", Map.of("position", 3)));
        assertThat(down.status()).isEqualTo(200);
        assertThat(down.at("/mapping_rule/position").asInt()).isEqualTo(3);
        assertThat(listed(rules)).containsExactly("1 /b", "2 /c", "3 /a", "4 /d");

        admin.patch(rules + "/" + d + ".json", Map.of("mapping_rule", Map.of("position", 1)));
        assertThat(listed(rules)).containsExactly("1 /d", "2 /b", "3 /c", "4 /a");

        // A position past the end moves the rule to the bottom, not into a gap.
        admin.put(rules + "/" + d + ".json", Map.of("position", 99));
        assertThat(stored(Owner.product(product))).containsExactly("1 /b", "2 /c", "3 /a", "4 /d");
    }

    @Test
    void deleteClosesTheGap() {
        long product = fixtures.product();
        String rules = "/admin/api/services/" + product + "/proxy/mapping_rules";
        long hits = fixtures.hits("/admin/api/services/" + product);
        fixtures.rule(rules, "/a", hits, Map.of());
        long b = fixtures.rule(rules, "/b", hits, Map.of());
        fixtures.rule(rules, "/c", hits, Map.of());

        assertThat(admin.delete(rules + "/" + b + ".json").status()).isEqualTo(200);

        assertThat(stored(Owner.product(product))).containsExactly("1 /a", "2 /c");
        fixtures.rule(rules, "/d", hits, Map.of());
        assertThat(listed(rules)).containsExactly("1 /a", "2 /c", "3 /d");
    }

    @Test
    void rejectsPositionBelowOne() {
        long product = fixtures.product();
        String rules = "/admin/api/services/" + product + "/proxy/mapping_rules";
        ApiClient.Response response = admin.post(rules + ".json", Map.of("mapping_rule", Map.of("http_method", "GET",
                "pattern", "/", "delta", 1, "metric_id", fixtures.hits("/admin/api/services/" + product),
                "position", 0)));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.at("/errors/position/0").asText()).isEqualTo("must be greater than 0");
    }

    @Test
    void deletingMetricRemovesItsRulesAndCompactsPositions() {
        long product = fixtures.product();
        String owner = "/admin/api/services/" + product;
        String rules = owner + "/proxy/mapping_rules";
        long hits = fixtures.hits(owner);
        long metric = fixtures.metric(owner);
        long method = fixtures.method(owner);
        fixtures.rule(rules, "/a", hits, Map.of());
        fixtures.rule(rules, "/metric", metric, Map.of());
        fixtures.rule(rules, "/method", method, Map.of());
        fixtures.rule(rules, "/b", hits, Map.of());

        assertThat(admin.delete(owner + "/metrics/" + metric + ".json").status()).isEqualTo(200);
        assertThat(stored(Owner.product(product))).containsExactly("1 /a", "2 /method", "3 /b");

        assertThat(admin.delete(owner + "/metrics/" + hits + "/methods/" + method + ".json").status())
                .isEqualTo(200);
        assertThat(listed(rules)).containsExactly("1 /a", "2 /b");
    }

    @Test
    void paginatesInPositionOrder() {
        long product = fixtures.product();
        String rules = "/admin/api/services/" + product + "/proxy/mapping_rules";
        long hits = fixtures.hits("/admin/api/services/" + product);
        for (String pattern : List.of("/a", "/b", "/c")) {
            fixtures.rule(rules, pattern, hits, Map.of());
        }
        fixtures.rule(rules, "/top", hits, Map.of("position", 1));

        assertThat(listed(rules + ".json?per_page=3&page=1")).containsExactly("1 /top", "2 /a", "3 /b");
        assertThat(listed(rules + ".json?per_page=3&page=2")).containsExactly("4 /c");
        assertThat(listed(rules + ".json?per_page=0")).hasSize(4);
    }

    private static List<String> listed(String path) {
        ApiClient.Response response = admin.get(path.contains(".json") ? path : path + ".json");
        assertThat(response.status()).isEqualTo(200);
        List<String> rules = new ArrayList<>();
        for (JsonNode item : response.at("/mapping_rules")) {
            rules.add(item.at("/mapping_rule/position").asInt() + " " + item.at("/mapping_rule/pattern").asText());
        }
        return rules;
    }

    private static List<String> stored(Owner owner) {
        return MappingRulesApiTest.storedRules(platform, owner).stream()
                .map((MappingRule r) -> r.position() + " " + r.pattern()).toList();
    }
}
