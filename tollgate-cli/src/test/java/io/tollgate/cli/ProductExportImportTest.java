package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.client.Documents;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acceptance: product export → import into another tenant → export again, and the import report. */
class ProductExportImportTest extends CliTest {
    @TempDir
    Path dir;

    /** The export without what may differ between instances: creation annotations. */
    static JsonNode comparable(String yaml) {
        JsonNode doc = Documents.parse(yaml, "export");
        for (JsonNode item : doc.path("items")) {
            ((ObjectNode) item.path("metadata")).remove("annotations");
        }
        return doc;
    }

    @Test
    void exportsTheSeedShape() {
        Fixtures.richProduct(a, "shape", "shape_backend");
        JsonNode doc = Documents.parse(ok("product", "export", "a", "shape").out(), "export");

        assertThat(doc.path("apiVersion").asText()).isEqualTo("v1");
        assertThat(doc.path("kind").asText()).isEqualTo("List");
        JsonNode product = doc.path("items").get(0);
        assertThat(product.path("apiVersion").asText()).isEqualTo("capabilities.tollgate.dev/v1beta1");
        assertThat(product.path("kind").asText()).isEqualTo("Product");
        assertThat(product.at("/metadata/name").asText()).isEqualTo("shape");
        assertThat(product.at("/metadata/annotations/tollgate_created_at").asText()).endsWith("Z");
        JsonNode spec = product.path("spec");
        assertThat(spec.properties()).extracting(java.util.Map.Entry::getKey).containsExactly("name", "systemName",
                "description", "mappingRules", "metrics", "methods", "policies", "applicationPlans", "backendUsages",
                "deployment");
        assertThat(spec.at("/mappingRules/0").toString()).isEqualTo(
                "{\"httpMethod\":\"GET\",\"pattern\":\"/v2/pets$\",\"metricMethodRef\":\"list_pets\",\"increment\":2,"
                        + "\"last\":true}");
        assertThat(spec.at("/metrics/hits/friendlyName").asText()).isEqualTo("Hits");
        assertThat(spec.at("/metrics/bytes/unit").asText()).isEqualTo("byte");
        assertThat(spec.at("/methods/list_pets/friendlyName").asText()).isEqualTo("List pets");
        assertThat(spec.at("/policies/0/name").asText()).isEqualTo("cors");
        JsonNode basic = spec.at("/applicationPlans/basic");
        assertThat(basic.path("state").asText()).isEqualTo("published");
        assertThat(basic.path("costMonth").decimalValue()).isEqualByComparingTo("10.5");
        assertThat(basic.path("trialPeriod").asInt()).isEqualTo(7);
        assertThat(basic.path("limits").toString()).contains(
                "{\"period\":\"day\",\"value\":5000,\"metricMethodRef\":{\"systemName\":\"hits\",\"backend\":\"shape_backend\"}}");
        assertThat(basic.path("pricingRules").toString()).contains("\"from\":1,\"to\":100");
        assertThat(spec.at("/backendUsages/shape_backend/path").asText()).isEqualTo("/v1");
        JsonNode auth = spec.at("/deployment/apicastHosted/authentication/userkey");
        assertThat(auth.path("authUserKey").asText()).isEqualTo("X-Api-Key");
        assertThat(auth.path("credentials").asText()).isEqualTo("headers");
        assertThat(auth.at("/security/secretToken").asText()).isEqualTo("s3cret");
        assertThat(auth.at("/gatewayResponse/errorStatusNoMatch").asInt()).isEqualTo(410);
        assertThat(spec.at("/deployment/apicastHosted/productionPublicBaseURL").asText())
                .isEqualTo("https://api.example.com:443");

        JsonNode backend = doc.path("items").get(1);
        assertThat(backend.path("kind").asText()).isEqualTo("Backend");
        assertThat(backend.at("/metadata/name").asText()).isEqualTo("shape.backend");
        assertThat(backend.at("/spec/privateBaseURL").asText()).isEqualTo("https://b1.example.com:443");
        assertThat(backend.at("/spec/mappingRules/0/metricMethodRef").asText()).isEqualTo("backend_method");
    }

    @Test
    void importIntoAnotherTenantRoundTripsAndASecondImportCreatesNothing() throws Exception {
        Fixtures.richProduct(a, "roundtrip", "roundtrip_backend");
        Path file = dir.resolve("product.yaml");
        ok("product", "export", "-f", file.toString(), "a", "roundtrip");
        String exported = Files.readString(file);

        JsonNode report = ok("product", "import", "-f", file.toString(), "b").json().path("roundtrip");
        assertThat(report.path("missing_metrics_created").asInt()).isEqualTo(1);
        assertThat(report.path("missing_methods_created").asInt()).isEqualTo(1);
        assertThat(report.path("missing_mapping_rules_created").asInt()).isEqualTo(2);
        assertThat(report.path("missing_application_plans_created").asInt()).isEqualTo(2);
        assertThat(report.at("/application_plans/basic/missing_limits_created").asInt()).isEqualTo(2);
        assertThat(report.at("/application_plans/basic/missing_pricing_rules_created").asInt()).isEqualTo(2);
        assertThat(report.at("/backends/roundtrip_backend/missing_methods_created").asInt()).isEqualTo(1);
        assertThat(report.at("/backends/roundtrip_backend/missing_mapping_rules_created").asInt()).isEqualTo(1);
        long productId = report.path("product_id").asLong();
        assertThat(b.get("/admin/api/services/" + productId + ".json").at("/service/system_name").asText())
                .isEqualTo("roundtrip");

        String reexported = ok("product", "export", "b", "roundtrip").out();
        assertThat(comparable(reexported)).isEqualTo(comparable(exported));

        JsonNode proxyBefore = b.get("/admin/api/services/" + productId + "/proxy.json").at("/proxy");
        JsonNode second = runWithStdin(exported, "product", "import", "b", "-o", "yaml").json().path("roundtrip");
        assertThat(second.findValues("missing_metrics_created")).allMatch(n -> n.asInt() == 0);
        assertThat(second.findValues("missing_methods_created")).allMatch(n -> n.asInt() == 0);
        assertThat(second.findValues("missing_mapping_rules_created")).allMatch(n -> n.asInt() == 0);
        assertThat(second.findValues("missing_limits_created")).allMatch(n -> n.asInt() == 0);
        assertThat(second.findValues("missing_pricing_rules_created")).allMatch(n -> n.asInt() == 0);
        assertThat(second.path("missing_application_plans_created").asInt()).isZero();
        assertThat(second.path("product_id").asLong()).isEqualTo(productId);
        JsonNode proxyAfter = b.get("/admin/api/services/" + productId + "/proxy.json").at("/proxy");
        assertThat(proxyAfter.path("lock_version")).isEqualTo(proxyBefore.path("lock_version"));
    }

    @Test
    void acceptsTheThreescaleApiGroupAndRejectsOthers() {
        Fixtures.richProduct(a, "group", "group_backend");
        String exported = ok("product", "export", "a", "group").out();
        String threescale = exported.replace("capabilities.tollgate.dev/v1beta1", "capabilities.3scale.net/v1beta1")
                .replace("systemName: group\n", "systemName: group_3scale\n");
        assertThat(runWithStdin(threescale, "product", "import", "a").exit()).isZero();
        assertThat(a.get("/admin/api/services.json").text()).contains("\"system_name\":\"group_3scale\"");

        Result wrong = runWithStdin(exported.replace("capabilities.tollgate.dev/v1beta1", "example.com/v1"),
                "product", "import", "a");
        assertThat(wrong.exit()).isEqualTo(1);
        assertThat(wrong.err().strip()).startsWith("tollgate: product definition: items[0].apiVersion: expected one of");
    }
}
