package io.tollgate.server.api;

import static io.tollgate.server.api.ProxyApiTest.createProduct;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.server.testing.ApiClient;
import io.tollgate.server.testing.PlatformTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActiveDocsApiTest extends PlatformTest {
    static final String OAS3 = "{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"Pets\",\"version\":\"1\"},"
            + "\"x-owner\":\"team-pets\",\"paths\":{\"/pets\":{\"get\":{\"operationId\":\"listPets\","
            + "\"responses\":{\"200\":{\"description\":\"ok\"}}}}}}";
    static final String OAS2 = "{\"swagger\":\"2.0\",\"info\":{\"title\":\"Pets\",\"version\":\"1\"},"
            + "\"paths\":{\"/pets\":{\"get\":{\"responses\":{\"200\":{\"description\":\"ok\"}}}}}}";
    static final String OAS31 = "{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"Pets\",\"version\":\"1\"},"
            + "\"paths\":{\"/pets\":{\"get\":{\"responses\":{\"200\":{\"description\":\"ok\"}}}}}}";

    private static Map<String, Object> doc(String name, String body) {
        Map<String, Object> doc = new HashMap<>();
        doc.put("name", name);
        doc.put("body", body);
        return doc;
    }

    @Test
    void createsReadsListsUpdatesAndDeletesADocument() {
        long productId = createProduct(admin, "Docs API");
        Map<String, Object> body = doc("Pets Docs", OAS3);
        // As the toolbox sends it: flat, service_id as a string.
        body.put("service_id", String.valueOf(productId));
        body.put("published", true);
        body.put("description", "All about pets");
        ApiClient.Response created = admin.post("/admin/api/active_docs.json", body);

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        long id = created.at("/api_doc/id").asLong();
        assertThat(created.at("/api_doc/system_name").asText()).isEqualTo("pets_docs");
        assertThat(created.at("/api_doc/service_id").asLong()).isEqualTo(productId);
        assertThat(created.at("/api_doc/published").asBoolean()).isTrue();
        assertThat(created.at("/api_doc/skip_swagger_validations").asBoolean()).isFalse();
        assertThat(created.at("/api_doc/body").asText()).isEqualTo(OAS3);
        assertThat(created.headers().firstValue("Location")).hasValue(admin.baseUrl() + "/admin/api/active_docs/" + id);
        assertThat(admin.get("/admin/api/active_docs/" + id + ".json").json()).isEqualTo(created.json());
        assertThat(admin.get("/admin/api/active_docs.json").at("/api_docs")).extracting(d -> d.get("api_doc"))
                .contains(created.at("/api_doc"));

        ApiClient.Response updated = admin.put("/admin/api/active_docs/" + id + ".json",
                Map.of("published", false, "system_name", "renamed", "body", OAS2));
        assertThat(updated.status()).as(updated.text()).isEqualTo(200);
        assertThat(updated.at("/api_doc/published").asBoolean()).isFalse();
        assertThat(updated.at("/api_doc/system_name").asText()).isEqualTo("pets_docs");
        assertThat(updated.at("/api_doc/body").asText()).isEqualTo(OAS2);
        assertThat(updated.at("/api_doc/description").asText()).isEqualTo("All about pets");

        assertThat(admin.delete("/admin/api/active_docs/" + id + ".json").status()).isEqualTo(200);
        assertThat(admin.get("/admin/api/active_docs/" + id + ".json").status()).isEqualTo(404);
    }

    @Test
    void acceptsOpenApi31AndSwagger2() {
        assertThat(admin.post("/admin/api/active_docs.json", doc("Thirty One", OAS31)).status()).isEqualTo(201);
        assertThat(admin.post("/admin/api/active_docs.json", doc("Two", OAS2)).status()).isEqualTo(201);
    }

    @Test
    void reportsEveryOpenApiProblemWithItsJsonPointer() {
        String broken = "{\"openapi\":\"3.0.0\",\"info\":{\"version\":\"1\"},\"paths\":{\"/pets\":{\"get\":{}}}}";
        ApiClient.Response rejected = admin.post("/admin/api/active_docs.json", doc("Broken", broken));

        assertThat(rejected.status()).isEqualTo(422);
        assertThat(rejected.at("/errors/body").toString())
                .isEqualTo("[\"/info/title: is missing\",\"/paths/~1pets/get/responses: is missing\"]");
        assertThat(admin.get("/admin/api/active_docs.json").at("/api_docs").toString()).doesNotContain("Broken");
    }

    @Test
    void rejectsWhatIsNotOpenApiUnlessValidationIsSkipped() {
        ApiClient.Response version = admin.post("/admin/api/active_docs.json", doc("Future", "{\"openapi\":\"4.0\"}"));
        assertThat(version.at("/errors/body/0").asText())
                .isEqualTo("/openapi: unsupported version '4.0' (expected: 3.0.x or 3.1.x)");
        ApiClient.Response notJson = admin.post("/admin/api/active_docs.json", doc("Yaml", "openapi: 3.0.0"));
        assertThat(notJson.status()).isEqualTo(422);
        assertThat(notJson.at("/errors/body/0").asText()).startsWith("is not valid JSON");

        Map<String, Object> skipped = doc("Anything", "{\"whatever\":true}");
        skipped.put("skip_swagger_validations", true);
        ApiClient.Response created = admin.post("/admin/api/active_docs.json", skipped);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(admin.put("/admin/api/active_docs/" + created.at("/api_doc/id").asLong() + ".json",
                Map.of("skip_swagger_validations", false)).at("/errors/body/0").asText())
                .startsWith("is not an OpenAPI document");
    }

    @Test
    void validatesNameSystemNameAndProduct() {
        ApiClient.Response blank = admin.post("/admin/api/active_docs.json", Map.of("service_id", 1));
        assertThat(blank.status()).isEqualTo(422);
        assertThat(blank.at("/errors/name/0").asText()).isEqualTo("can't be blank");
        assertThat(blank.at("/errors/body/0").asText()).isEqualTo("can't be blank");

        assertThat(admin.post("/admin/api/active_docs.json", doc("Same Name", OAS3)).status()).isEqualTo(201);
        assertThat(admin.post("/admin/api/active_docs.json", doc("Same Name", OAS3)).at("/errors/system_name/0")
                .asText()).isEqualTo("has already been taken");

        Map<String, Object> foreign = doc("Foreign", OAS3);
        foreign.put("service_id", 999_999);
        assertThat(admin.post("/admin/api/active_docs.json", foreign).at("/errors/service_id/0").asText())
                .isEqualTo("is not a product of this account (999999)");
    }

    @Test
    void anotherTenantSeesNoneOfIt() {
        long id = admin.post("/admin/api/active_docs.json", doc("Private Docs", OAS3)).at("/api_doc/id").asLong();
        ApiClient other = platform.as(OtherTenant.token(platform));

        assertThat(other.get("/admin/api/active_docs/" + id + ".json").status()).isEqualTo(404);
        assertThat(other.delete("/admin/api/active_docs/" + id + ".json").status()).isEqualTo(404);
        assertThat(other.get("/admin/api/active_docs.json").at("/api_docs").size()).isZero();
        assertThat(admin.get("/admin/api/active_docs/" + id + ".json").status()).isEqualTo(200);
    }
}
