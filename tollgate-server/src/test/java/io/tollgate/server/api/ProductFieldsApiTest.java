package io.tollgate.server.api;

import static io.tollgate.server.api.ProxyApiTest.keys;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.model.Product;
import io.tollgate.server.testing.PlatformTest;
import io.tollgate.server.testing.ApiClient;
import io.tollgate.store.ProductDao;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every field of product create and update, their validation, and the body forms that are equivalent. */
class ProductFieldsApiTest extends PlatformTest {
    private static final String SERVICES = "/admin/api/services";

    @Test
    void createStoresEveryFieldInTheExactShape() {
        ApiClient.Response created = admin.post(SERVICES + ".json", Map.of("service", Map.of("name", "All Fields",
                "system_name", "all-fields_v1", "description", "every field", "deployment_option", "self_managed",
                "backend_version", "oidc", "support_email", "help@example.com", "state_event", "publish",
                "annotations", Map.of("team", "core"))));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode service = created.at("/service");
        long id = service.get("id").asLong();
        assertThat(keys(service)).containsExactly("id", "account_id", "name", "state", "system_name",
                "backend_version", "deployment_option", "support_email", "description", "referrer_filters_required",
                "created_at", "updated_at", "annotations", "links");
        assertThat(service.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(service.at("/links").findValuesAsText("rel")).containsExactly("metrics", "self", "features");
        assertThat(service.at("/links/1/href").asText()).isEqualTo(admin.baseUrl() + SERVICES + "/" + id);
        Product stored = stored(id).orElseThrow();
        assertThat(stored.name()).isEqualTo("All Fields");
        assertThat(stored.systemName()).isEqualTo("all-fields_v1");
        assertThat(stored.description()).isEqualTo("every field");
        assertThat(stored.deploymentOption()).isEqualTo("self_managed");
        assertThat(stored.backendVersion()).isEqualTo("oidc");
        assertThat(stored.supportEmail()).isEqualTo("help@example.com");
        assertThat(stored.state()).isEqualTo("published");
        assertThat(stored.annotations()).containsExactly(Map.entry("team", "core"));
        assertThat(admin.get(SERVICES + "/" + id + ".json").json()).isEqualTo(created.json());
    }

    @Test
    void nameIsRequired() {
        for (Map<String, Object> body : List.<Map<String, Object>>of(Map.of(), Map.of("service", Map.of("name", "  ")),
                Map.of("description", "no name"))) {
            ApiClient.Response rejected = admin.post(SERVICES + ".json", body);
            assertThat(rejected.status()).isEqualTo(422);
            assertThat(rejected.json().toString()).isEqualTo("{\"errors\":{\"name\":[\"can't be blank\"]}}");
        }
    }

    @Test
    void listedValuesAndEmailAreValidated() {
        Map<String, String> invalid = Map.of("backend_version", "3", "deployment_option", "cloud",
                "state_event", "explode");
        for (Map.Entry<String, String> field : invalid.entrySet()) {
            ApiClient.Response rejected = admin.post(SERVICES + ".json",
                    Map.of("service", Map.of("name", "Invalid " + field.getKey(), field.getKey(), field.getValue())));
            assertThat(rejected.status()).isEqualTo(422);
            assertThat(rejected.json().toString())
                    .isEqualTo("{\"errors\":{\"" + field.getKey() + "\":[\"is not included in the list\"]}}");
        }
        ApiClient.Response email = admin.post(SERVICES + ".json", Map.of("name", "Bad Mail", "support_email", "x@"));
        assertThat(email.status()).isEqualTo(422);
        assertThat(email.json().toString())
                .isEqualTo("{\"errors\":{\"support_email\":[\"should look like an email address\"]}}");
        assertThat(admin.get(SERVICES + ".json").at("/services").findValuesAsText("name"))
                .noneMatch(n -> n.startsWith("Invalid") || n.equals("Bad Mail"));
    }

    @Test
    void duplicateSystemNameIsTakenWhetherGivenOrDerived() {
        assertThat(admin.post(SERVICES + ".json", Map.of("name", "Twin Product")).status()).isEqualTo(201);

        ApiClient.Response derived = admin.post(SERVICES + ".json", Map.of("name", "twin   product!"));
        ApiClient.Response given = admin.post(SERVICES + ".json",
                Map.of("service", Map.of("name", "Other", "system_name", "twin_product")));

        for (ApiClient.Response rejected : List.of(derived, given)) {
            assertThat(rejected.status()).isEqualTo(422);
            assertThat(rejected.json().toString())
                    .isEqualTo("{\"errors\":{\"system_name\":[\"has already been taken\"]}}");
        }
    }

    @Test
    void systemNameIsDerivedFromNameAndNeverChanges() {
        ApiClient.Response created = admin.post(SERVICES + ".json", Map.of("name", "Café Orders (v2)"));
        long id = created.at("/service/id").asLong();
        assertThat(created.at("/service/system_name").asText()).isEqualTo("cafe_orders_v2");

        ApiClient.Response updated = admin.put(SERVICES + "/" + id + ".json",
                Map.of("service", Map.of("name", "Renamed", "system_name", "something_else")));

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.at("/service/name").asText()).isEqualTo("Renamed");
        assertThat(updated.at("/service/system_name").asText()).isEqualTo("cafe_orders_v2");
        assertThat(stored(id).orElseThrow().systemName()).isEqualTo("cafe_orders_v2");
    }

    @Test
    void updateChangesOnlyTheGivenFields() {
        long id = admin.post(SERVICES + ".json", Map.of("name", "Updatable", "description", "keep me",
                "support_email", "a@example.com")).at("/service/id").asLong();

        ApiClient.Response updated = admin.put(SERVICES + "/" + id + ".json", Map.of("deployment_option",
                "service_mesh_istio", "backend_version", "2", "annotations", Map.of("k", "v")));
        ApiClient.Response cleared = admin.patch(SERVICES + "/" + id + ".json", Map.of("support_email", ""));
        ApiClient.Response invalid = admin.put(SERVICES + "/" + id + ".json", Map.of("name", "", "backend_version",
                "9"));

        assertThat(updated.status()).as(updated.text()).isEqualTo(200);
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.at("/service/support_email").isNull()).isTrue();
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().toString()).isEqualTo(
                "{\"errors\":{\"name\":[\"can't be blank\"],\"backend_version\":[\"is not included in the list\"]}}");
        Product stored = stored(id).orElseThrow();
        assertThat(stored.name()).isEqualTo("Updatable");
        assertThat(stored.description()).isEqualTo("keep me");
        assertThat(stored.deploymentOption()).isEqualTo("service_mesh_istio");
        assertThat(stored.backendVersion()).isEqualTo("2");
        assertThat(stored.supportEmail()).isNull();
        assertThat(stored.annotations()).containsEntry("k", "v");
    }

    @Test
    void stateEventsPublishAndHide() {
        long id = admin.post(SERVICES + ".json", Map.of("name", "Stateful")).at("/service/id").asLong();
        assertThat(stored(id).orElseThrow().state()).isEqualTo("incomplete");

        assertThat(admin.put(SERVICES + "/" + id + ".json", Map.of("state_event", "publish"))
                .at("/service/state").asText()).isEqualTo("published");
        assertThat(admin.put(SERVICES + "/" + id + ".json", Map.of("service", Map.of("state_event", "hide")))
                .at("/service/state").asText()).isEqualTo("hidden");
        ApiClient.Response invalid = admin.put(SERVICES + "/" + id + ".json", Map.of("state_event", "launch"));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.at("/errors/state_event/0").asText()).isEqualTo("is not included in the list");
        assertThat(stored(id).orElseThrow().state()).isEqualTo("hidden");
    }

    @Test
    void flatWrappedAndFormBodiesAreEquivalent() {
        ApiClient.Response flat = admin.post(SERVICES + ".json", Map.of("name", "Same Flat", "description", "d",
                "deployment_option", "self_managed", "backend_version", "2", "support_email", "s@example.com"));
        ApiClient.Response wrapped = admin.post(SERVICES + ".json", Map.of("service", Map.of("name", "Same Wrapped",
                "description", "d", "deployment_option", "self_managed", "backend_version", "2",
                "support_email", "s@example.com")));
        ApiClient.Response form = admin.form("POST", SERVICES + ".json", "service[name]=Same+Form&service[description]=d"
                + "&service[deployment_option]=self_managed&service[backend_version]=2"
                + "&service[support_email]=s%40example.com");
        ApiClient.Response flatForm = admin.form("POST", SERVICES + ".json", "name=Same+Flat+Form&description=d"
                + "&deployment_option=self_managed&backend_version=2&support_email=s%40example.com");

        for (ApiClient.Response r : List.of(flat, wrapped, form, flatForm)) {
            assertThat(r.status()).as(r.text()).isEqualTo(201);
            assertThat(comparable(r.at("/service"))).isEqualTo(comparable(flat.at("/service")));
        }
    }

    @Test
    void readOnlyAndForeignFieldsAreIgnoredAndThePathIdWins() {
        long target = admin.post(SERVICES + ".json", Map.of("name", "Target")).at("/service/id").asLong();
        long bystander = admin.post(SERVICES + ".json", Map.of("name", "Bystander")).at("/service/id").asLong();
        long tenant = admin.get("/admin/api/provider.json").at("/account/id").asLong();
        Product bystanderBefore = stored(bystander).orElseThrow();

        ApiClient.Response updated = admin.put(SERVICES + "/" + target + ".json", Map.of("service", Map.of(
                "id", bystander, "account_id", 1, "name", "Target Renamed", "created_at", "2001-01-01T00:00:00Z",
                "links", List.of(Map.of("rel", "self", "href", "http://elsewhere")), "state", "deleted")));
        ApiClient.Response copied = admin.post(SERVICES + ".json", Map.of("service", Map.of("id", bystander,
                "account_id", 1, "name", "Copied", "created_at", "2001-01-01T00:00:00Z")));

        assertThat(updated.status()).as(updated.text()).isEqualTo(200);
        assertThat(updated.at("/service/id").asLong()).isEqualTo(target);
        assertThat(updated.at("/service/account_id").asLong()).isEqualTo(tenant);
        assertThat(updated.at("/service/state").asText()).isEqualTo("incomplete");
        assertThat(updated.at("/service/created_at").asText()).doesNotStartWith("2001");
        assertThat(stored(target).orElseThrow().name()).isEqualTo("Target Renamed");
        assertThat(stored(bystander)).contains(bystanderBefore);
        assertThat(copied.status()).isEqualTo(201);
        assertThat(copied.at("/service/id").asLong()).isNotEqualTo(bystander);
        assertThat(stored(copied.at("/service/id").asLong()).orElseThrow().accountId()).isEqualTo(tenant);
    }

    @Test
    void scalarsAreAcceptedAsJsonNumbersOrStrings() {
        ApiClient.Response number = admin.post(SERVICES + ".json", Map.of("name", "Numeric", "backend_version", 2));
        ApiClient.Response numericName = admin.post(SERVICES + ".json", Map.of("name", 42));
        ApiClient.Response fraction = admin.post(SERVICES + ".json", Map.of("name", "Fraction", "backend_version", 2.5));
        ApiClient.Response objectName = admin.post(SERVICES + ".json", Map.of("name", Map.of("a", 1)));

        assertThat(number.status()).as(number.text()).isEqualTo(201);
        assertThat(number.at("/service/backend_version").isTextual()).isTrue();
        assertThat(stored(number.at("/service/id").asLong()).orElseThrow().backendVersion()).isEqualTo("2");
        assertThat(numericName.status()).isEqualTo(201);
        assertThat(numericName.at("/service/system_name").asText()).isEqualTo("42");
        assertThat(fraction.status()).isEqualTo(422);
        assertThat(fraction.at("/errors/backend_version/0").asText()).isEqualTo("is not included in the list");
        assertThat(objectName.status()).isEqualTo(422);
        assertThat(objectName.at("/errors/name/0").asText()).isEqualTo("can't be blank");
    }

    /** A product without what differs between two creations (id, name, system name, times, links). */
    private static JsonNode comparable(JsonNode service) {
        ObjectNode copy = service.deepCopy();
        copy.remove(List.of("id", "name", "system_name", "created_at", "updated_at", "links"));
        return copy;
    }

    private static Optional<Product> stored(long id) {
        return platform.database().read(h -> h.createQuery("SELECT * FROM services WHERE id = :id")
                .bind("id", id).map(new ProductDao.Mapper()).findOne());
    }
}
