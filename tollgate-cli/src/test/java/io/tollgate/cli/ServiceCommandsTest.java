package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class ServiceCommandsTest extends CliTest {
    @Test
    void createsAProductWithItsOptions() {
        Result created = ok("service", "create", "a", "Pet Store", "-s", "pets", "-a", "2", "-d", "self_managed",
                "--description", "All pets", "--support-email", "pets@example.com");
        assertThat(created.out()).contains("Service 'Pet Store' has been created with ID: ");

        JsonNode service = a.get("/admin/api/services.json").at("/services").findValue("service");
        JsonNode pets = null;
        for (JsonNode s : a.get("/admin/api/services.json").at("/services")) {
            if (s.at("/service/system_name").asText().equals("pets")) {
                pets = s.get("service");
            }
        }
        assertThat(service).isNotNull();
        assertThat(pets).isNotNull();
        assertThat(pets.path("name").asText()).isEqualTo("Pet Store");
        assertThat(pets.path("backend_version").asText()).isEqualTo("2");
        assertThat(pets.path("deployment_option").asText()).isEqualTo("self_managed");
        assertThat(pets.path("description").asText()).isEqualTo("All pets");
        assertThat(pets.path("support_email").asText()).isEqualTo("pets@example.com");
    }

    @Test
    void aDuplicateIsAOneLineError() {
        ok("service", "create", "a", "Twice");
        assertThat(fails("service", "create", "a", "Twice"))
                .isEqualTo("HTTP 422 on POST /admin/api/services.json: system_name: has already been taken");
    }

    @Test
    void applyCreatesThenUpdatesAndIsIdempotent() {
        ok("service", "apply", "a", "applied", "-n", "Applied API");
        JsonNode first = show("applied");
        assertThat(first.path("name").asText()).isEqualTo("Applied API");

        ok("service", "apply", "a", "applied", "--description", "now described");
        JsonNode second = show("applied");
        assertThat(second.path("id").asLong()).isEqualTo(first.path("id").asLong());
        assertThat(second.path("description").asText()).isEqualTo("now described");

        ok("service", "apply", "a", String.valueOf(first.path("id").asLong()), "--description", "by id");
        assertThat(show("applied").path("description").asText()).isEqualTo("by id");
    }

    @Test
    void listsAndShowsAsTablesOrJsonOrYaml() {
        long id = product(a, "Listed API");
        Result table = ok("service", "list", "a");
        assertThat(table.out().lines().findFirst()).hasValueSatisfying(h -> assertThat(h).startsWith("ID")
                .contains("NAME").contains("SYSTEM_NAME"));
        assertThat(table.out()).contains("listed_api");

        JsonNode json = ok("service", "list", "a", "-o", "json").json();
        assertThat(json.isArray()).isTrue();
        assertThat(json.findValuesAsText("system_name")).contains("listed_api");

        JsonNode yaml = ok("service", "show", "a", "listed_api", "-o", "yaml").json();
        assertThat(yaml.path("id").asLong()).isEqualTo(id);
        assertThat(ok("service", "show", "a", String.valueOf(id)).out()).contains("Listed API");
    }

    @Test
    void deletesAProductByReference() {
        long id = product(a, "Doomed API");
        assertThat(ok("service", "delete", "a", "doomed_api").out()).contains("Service with id: " + id + " deleted");
        assertThat(a.get("/admin/api/services/" + id + ".json").status()).isEqualTo(404);
        assertThat(fails("service", "delete", "a", "doomed_api")).startsWith("product doomed_api not found on http://");
    }

    private static JsonNode show(String ref) {
        return ok("service", "show", "a", ref, "-o", "json").json();
    }
}
