package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.client.Documents;
import org.junit.jupiter.api.Test;

class ActiveDocsCommandsTest extends CliTest {
    private static JsonNode doc(String systemName) {
        return a.get("/admin/api/active_docs.json").at("/api_docs").findParents("system_name").stream()
                .filter(d -> d.path("system_name").asText().equals(systemName)).findFirst().orElse(null);
    }

    @Test
    void createsFromAYamlFileAsJsonLinkedToAProduct() {
        long id = product(a, "Docs Product");
        ok("activedocs", "create", "a", "Pet docs", ImportOpenApiTest.resource("petstore-v3-open.yaml"), "-i",
                "docs_product", "-p", "-s", "pet_docs", "-d", "The pets");
        JsonNode doc = doc("pet_docs");
        assertThat(doc.path("name").asText()).isEqualTo("Pet docs");
        assertThat(doc.path("service_id").asLong()).isEqualTo(id);
        assertThat(doc.path("published").asBoolean()).isTrue();
        assertThat(doc.path("description").asText()).isEqualTo("The pets");
        assertThat(Documents.parse(doc.path("body").asText(), "body").at("/info/title").asText()).isEqualTo("Open Petstore");

        assertThat(fails("activedocs", "create", "a", "Broken", ImportOpenApiTest.resource("broken-v3.yaml")))
                .contains("body: /info/title: is missing");
        assertThat(doc("broken")).isNull();
    }

    @Test
    void appliesCreatingThenUpdatingWithoutValidationByDefault() {
        assertThat(fails("activedocs", "apply", "a", "applied_docs")).contains("give --openapi-spec");
        ok("activedocs", "apply", "a", "applied_docs", "--openapi-spec", ImportOpenApiTest.resource("broken-v3.yaml"),
                "-s", "Applied docs");
        JsonNode created = doc("applied_docs");
        assertThat(created.path("skip_swagger_validations").asBoolean()).isTrue();
        assertThat(created.path("published").asBoolean()).isFalse();

        ok("activedocs", "apply", "a", String.valueOf(created.path("id").asLong()), "--publish", "-d", "now described");
        JsonNode updated = doc("applied_docs");
        assertThat(updated.path("published").asBoolean()).isTrue();
        assertThat(updated.path("description").asText()).isEqualTo("now described");
        assertThat(fails("activedocs", "apply", "a", "applied_docs", "--skip-swagger-validations=false"))
                .contains("/info/title: is missing");
    }

    @Test
    void listsByProductAndDeletes() {
        long id = product(a, "Listed Docs");
        ok("activedocs", "create", "a", "Listed docs", ImportOpenApiTest.resource("petstore-v3-open.yaml"), "-i",
                String.valueOf(id));
        ok("activedocs", "create", "a", "Unlinked docs", ImportOpenApiTest.resource("petstore-v3-open.yaml"));
        JsonNode listed = ok("activedocs", "list", "a", "-s", "listed_docs", "-o", "json").json();
        assertThat(listed.findValuesAsText("system_name")).containsExactly("listed_docs");
        assertThat(ok("activedocs", "list", "a").out()).contains("listed_docs").contains("unlinked_docs");

        ok("activedocs", "delete", "a", "unlinked_docs");
        assertThat(doc("unlinked_docs")).isNull();
        assertThat(doc("listed_docs")).isNotNull();
    }
}
