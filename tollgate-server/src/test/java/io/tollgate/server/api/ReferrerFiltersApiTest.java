package io.tollgate.server.api;

import static io.tollgate.server.testing.ApplicationFixtures.application;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.server.testing.AdminFixtures;
import io.tollgate.server.testing.ApiClient;
import io.tollgate.server.testing.ApplicationFixtures;
import io.tollgate.server.testing.DeveloperFixtures;
import io.tollgate.server.testing.PlatformTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Referrer filters of applications (3scale wire) and the products' referrer_filters_required flag. */
class ReferrerFiltersApiTest extends PlatformTest {
    private static DeveloperFixtures developers;
    private static ApplicationFixtures apps;

    @BeforeAll
    static void moreFixtures() {
        developers = new DeveloperFixtures(admin);
        apps = new ApplicationFixtures(admin);
    }

    private static String filters(long account, long app) {
        return application(account, app) + "/referrer_filters";
    }

    @Test
    void createsListsAndDeletesFiltersInTheThreescaleShape() {
        long account = developers.account();
        long app = apps.application(account, apps.plan(apps.product("2"), false), Map.of());

        ApiClient.Response created = admin.form("POST", filters(account, app) + ".json",
                "referrer_filter=*.example.com");
        ApiClient.Response second = admin.post(filters(account, app) + ".json",
                Map.of("referrer_filter", " example.org:8080 "));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        long id = created.at("/referrer_filter/id").asLong();
        assertThat(created.json().toString()).isEqualTo("{\"referrer_filter\":{\"id\":" + id
                + ",\"value\":\"*.example.com\",\"application_id\":" + app + "}}");
        assertThat(created.headers().firstValue("Location"))
                .contains(admin.baseUrl() + filters(account, app) + "/" + id);
        assertThat(admin.get(filters(account, app) + "/" + id + ".json").json()).isEqualTo(created.json());
        assertThat(second.status()).isEqualTo(201);
        long secondId = second.at("/referrer_filter/id").asLong();
        assertThat(admin.get(filters(account, app) + ".json").json().toString()).isEqualTo(
                "{\"referrer_filters\":[{\"referrer_filter\":{\"id\":" + id + ",\"value\":\"*.example.com\","
                        + "\"application_id\":" + app + "}},{\"referrer_filter\":{\"id\":" + secondId
                        + ",\"value\":\"example.org:8080\",\"application_id\":" + app + "}}]}");

        ApiClient.Response deleted = admin.delete(filters(account, app) + "/" + id + ".json");
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.text()).isEmpty();
        assertThat(admin.delete(filters(account, app) + "/" + id + ".json").status()).isEqualTo(404);
        assertThat(values(account, app)).containsExactly("example.org:8080");
    }

    @Test
    void blankInvalidDuplicateAndSixthFiltersAreRefused() {
        long account = developers.account();
        long app = apps.application(account, apps.plan(apps.product("1"), false), Map.of());
        String path = filters(account, app) + ".json";
        assertThat(admin.post(path, Map.of("referrer_filter", "a.example.com")).status()).isEqualTo(201);

        assertThat(admin.post(path, Map.of()).json().toString())
                .isEqualTo("{\"errors\":{\"referrer_filter\":[\"can't be blank\"]}}");
        for (String bad : List.of("http://example.com", "exa mple.com", "example.com/path", "x".repeat(256))) {
            ApiClient.Response invalid = admin.post(path, Map.of("referrer_filter", bad));
            assertThat(invalid.status()).as(bad).isEqualTo(422);
            assertThat(invalid.at("/errors/referrer_filter/0").asText()).as(bad).startsWith("is invalid (expected:");
        }
        ApiClient.Response duplicate = admin.post(path, Map.of("referrer_filter", "a.example.com"));
        assertThat(duplicate.status()).isEqualTo(422);
        assertThat(duplicate.json().toString())
                .isEqualTo("{\"errors\":{\"referrer_filter\":[\"has already been taken\"]}}");
        for (String value : List.of("b.example.com", "*.c.example.com", "localhost:3000", "d-1.example.com")) {
            assertThat(admin.post(path, Map.of("referrer_filter", value)).status()).as(value).isEqualTo(201);
        }
        ApiClient.Response sixth = admin.post(path, Map.of("referrer_filter", "f.example.com"));
        assertThat(sixth.status()).isEqualTo(422);
        assertThat(sixth.json().toString())
                .isEqualTo("{\"errors\":{\"referrer_filter\":[\"is over the limit of 5 referrer filters\"]}}");
        assertThat(values(account, app)).hasSize(5);
    }

    @Test
    void anotherTenantGets404AndDeletingTheApplicationDeletesItsFilters() {
        long account = developers.account();
        long app = apps.application(account, apps.plan(apps.product("1"), false), Map.of());
        long id = admin.post(filters(account, app) + ".json", Map.of("referrer_filter", "iso.example.com"))
                .at("/referrer_filter/id").asLong();
        ApiClient other = admin.withToken(OtherTenant.token(platform));

        assertThat(other.get(filters(account, app) + ".json").status()).isEqualTo(404);
        assertThat(other.post(filters(account, app) + ".json", Map.of("referrer_filter", "x.com")).status())
                .isEqualTo(404);
        assertThat(other.delete(filters(account, app) + "/" + id + ".json").status()).isEqualTo(404);
        assertThat(admin.get(filters(developers.account(), app) + ".json").status())
                .as("the application of another developer account").isEqualTo(404);
        assertThat(values(account, app)).containsExactly("iso.example.com");

        assertThat(admin.delete(application(account, app) + ".json").status()).isEqualTo(200);
        assertThat(admin.get(filters(account, app) + ".json").status()).isEqualTo(404);
        int left = platform.database().read(h -> h.createQuery("SELECT COUNT(*) FROM referrer_filters"
                + " WHERE application_id = :id").bind("id", app).mapTo(Integer.class).one());
        assertThat(left).isZero();
    }

    @Test
    void productsRequireReferrerFiltersOnlyWhenAsked() {
        ApiClient.Response plain = admin.post("/admin/api/services.json",
                Map.of("name", AdminFixtures.unique("Referrer Product")));
        ApiClient.Response required = admin.form("POST", "/admin/api/services.json",
                "service[name]=" + AdminFixtures.unique("Referrer Product").replace(' ', '+')
                        + "&service[referrer_filters_required]=1");
        long id = plain.at("/service/id").asLong();

        assertThat(plain.at("/service/referrer_filters_required").asBoolean()).isFalse();
        assertThat(required.status()).as(required.text()).isEqualTo(201);
        assertThat(required.at("/service/referrer_filters_required").isBoolean()).isTrue();
        assertThat(required.at("/service/referrer_filters_required").asBoolean()).isTrue();
        ApiClient.Response updated = admin.put("/admin/api/services/" + id + ".json",
                Map.of("service", Map.of("referrer_filters_required", true)));
        assertThat(updated.at("/service/referrer_filters_required").asBoolean()).isTrue();
        ApiClient.Response untouched = admin.put("/admin/api/services/" + id + ".json", Map.of("description", "x"));
        assertThat(untouched.at("/service/referrer_filters_required").asBoolean()).isTrue();
        ApiClient.Response invalid = admin.put("/admin/api/services/" + id + ".json",
                Map.of("referrer_filters_required", "maybe"));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().toString())
                .isEqualTo("{\"errors\":{\"referrer_filters_required\":[\"must be true or false\"]}}");
        assertThat(admin.put("/admin/api/services/" + id + ".json", Map.of("referrer_filters_required", "false"))
                .at("/service/referrer_filters_required").asBoolean()).isFalse();
    }

    private static List<String> values(long account, long app) {
        ApiClient.Response list = admin.get(filters(account, app) + ".json");
        assertThat(list.status()).isEqualTo(200);
        List<String> values = new ArrayList<>();
        list.at("/referrer_filters").forEach(f -> values.add(f.at("/referrer_filter/value").asText()));
        return values;
    }
}
