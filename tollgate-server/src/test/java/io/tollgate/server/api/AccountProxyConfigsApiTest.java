package io.tollgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.server.testing.ApiClient;
import io.tollgate.server.testing.PlatformTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /admin/api/account/proxy_configs/:env}: one configuration per product of the tenant,
 * as gateways poll it. The products here are set up once: A has sandbox versions 1 and 2 and a
 * production version 1, B has sandbox version 1, C has none.
 */
class AccountProxyConfigsApiTest extends PlatformTest {
    private static final String BASE = "/admin/api/account/proxy_configs/";
    private static long a;
    private static long b;

    @BeforeAll
    static void products() {
        a = fixtures.product();
        b = fixtures.product();
        fixtures.product();
        // Setting the endpoints deploys sandbox version 1 of each (auto-deploy).
        endpoints(a, "https://a.example.com", "https://A-Staging.example.com:8443");
        endpoints(b, "https://b.example.com", "https://b-staging.example.com");
        assertThat(admin.post("/admin/api/services/" + a + "/proxy/configs/sandbox/1/promote.json",
                Map.of("to", "production")).status()).isEqualTo(201);
        endpoints(a, "https://a.example.com", "https://a2-staging.example.com");
    }

    @Test
    void listsTheLatestSandboxConfigurationOfEachDeployedProduct() {
        ApiClient.Response response = admin.get(BASE + "sandbox.json");

        assertThat(response.status()).isEqualTo(200);
        assertThat(entries(response)).containsExactly(a + ":2", b + ":1");
        assertThat(response.at("/proxy_configs/0/proxy_config/environment").asText()).isEqualTo("sandbox");
        assertThat(response.at("/proxy_configs/0/proxy_config/content/proxy/hosts").toString())
                .isEqualTo("[\"a.example.com\",\"a2-staging.example.com\"]");
        assertThat(entries(admin.get(BASE + "staging.json?version=latest"))).containsExactly(a + ":2", b + ":1");
    }

    @Test
    void productionHasOnlyWhatWasPromoted() {
        ApiClient.Response response = admin.get(BASE + "production.json");

        assertThat(entries(response)).containsExactly(a + ":1");
        assertThat(response.at("/proxy_configs/0/proxy_config/content/proxy/sandbox_endpoint").asText())
                .isEqualTo("https://A-Staging.example.com:8443");
    }

    @Test
    void versionSelectsExactlyThatVersionOfEachProduct() {
        assertThat(entries(admin.get(BASE + "sandbox.json?version=1"))).containsExactly(a + ":1", b + ":1");
        assertThat(entries(admin.get(BASE + "sandbox.json?version=2"))).containsExactly(a + ":2");
        assertThat(entries(admin.get(BASE + "sandbox.json?version=3"))).isEmpty();
    }

    @Test
    void hostFilterIgnoresCaseAndPortAndMatchesWholeHostsOnly() {
        assertThat(entries(admin.get(BASE + "sandbox.json?host=A.EXAMPLE.COM:443"))).containsExactly(a + ":2");
        assertThat(entries(admin.get(BASE + "sandbox.json?host=b-staging.example.com"))).containsExactly(b + ":1");
        // Version 1 of A answered for a-staging; the latest no longer does.
        assertThat(entries(admin.get(BASE + "sandbox.json?host=a-staging.example.com"))).isEmpty();
        assertThat(entries(admin.get(BASE + "sandbox.json?host=a-staging.example.com&version=1")))
                .containsExactly(a + ":1");
        assertThat(entries(admin.get(BASE + "production.json?host=a-staging.example.com:8443")))
                .containsExactly(a + ":1");
        assertThat(entries(admin.get(BASE + "sandbox.json?host=example.com"))).isEmpty();
        assertThat(entries(admin.get(BASE + "sandbox.json?host=a_example.com"))).isEmpty();
        assertThat(entries(admin.get(BASE + "sandbox.json?host=%25"))).isEmpty();
    }

    @Test
    void pagesAreInProductOrder() {
        assertThat(entries(admin.get(BASE + "sandbox.json?per_page=1&page=1"))).containsExactly(a + ":2");
        assertThat(entries(admin.get(BASE + "sandbox.json?per_page=1&page=2"))).containsExactly(b + ":1");
        assertThat(entries(admin.get(BASE + "sandbox.json?per_page=1&page=3"))).isEmpty();
    }

    @Test
    void unknownEnvironmentIsNotFoundAndABadVersionIsRefused() {
        ApiClient.Response unknown = admin.get(BASE + "preview.json");
        ApiClient.Response badVersion = admin.get(BASE + "sandbox.json?version=newest");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text()).isEqualTo("{\"status\":\"Not found\"}");
        assertThat(badVersion.status()).isEqualTo(422);
        assertThat(badVersion.text())
                .isEqualTo("{\"errors\":{\"version\":[\"must be latest or a version number\"]}}");
    }

    @Test
    void anotherTenantSeesOnlyItsOwnProducts() {
        ApiClient other = platform.as(OtherTenant.token(platform));
        ApiClient.Response created = other.post("/admin/api/services.json", Map.of("name", "Theirs"));
        long theirs = created.at("/service/id").asLong();
        assertThat(other.post("/admin/api/services/" + theirs + "/proxy/deploy.json", Map.of()).status())
                .isEqualTo(201);

        assertThat(entries(other.get(BASE + "sandbox.json"))).containsExactly(theirs + ":1");
        assertThat(entries(admin.get(BASE + "sandbox.json"))).containsExactly(a + ":2", b + ":1");
    }

    private static void endpoints(long product, String endpoint, String sandbox) {
        ApiClient.Response response = admin.patch("/admin/api/services/" + product + "/proxy.json",
                Map.of("proxy", Map.of("endpoint", endpoint, "sandbox_endpoint", sandbox)));
        assertThat(response.status()).as(response.text()).isEqualTo(200);
    }

    /** "productId:version" of each listed configuration, in order. */
    private static List<String> entries(ApiClient.Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        List<String> entries = new ArrayList<>();
        response.at("/proxy_configs").forEach(item -> entries.add(
                item.at("/proxy_config/content/id").asLong() + ":" + item.at("/proxy_config/version").asInt()));
        return entries;
    }
}
