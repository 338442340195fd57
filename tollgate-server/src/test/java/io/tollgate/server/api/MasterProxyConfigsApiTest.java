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
 * {@code GET /master/api/proxy/configs/:env}: every active tenant's configurations, for gateways
 * serving all tenants; and the process-internal token that reads it.
 */
class MasterProxyConfigsApiTest extends PlatformTest {
    private static final String BASE = "/master/api/proxy/configs/";
    private static long mine;
    private static long theirs;
    private static ApiClient other;

    @BeforeAll
    static void twoTenantsWithADeployedProductEach() {
        mine = fixtures.product();
        admin.patch("/admin/api/services/" + mine + "/proxy.json",
                Map.of("proxy", Map.of("sandbox_endpoint", "https://mine-staging.example.com")));
        other = platform.as(OtherTenant.token(platform));
        ApiClient.Response created = other.post("/admin/api/services.json", Map.of("name", "Theirs"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        theirs = created.at("/service/id").asLong();
        other.patch("/admin/api/services/" + theirs + "/proxy.json",
                Map.of("proxy", Map.of("sandbox_endpoint", "https://theirs-staging.example.com")));
    }

    @Test
    void masterSeesTheLatestConfigurationOfEveryTenant() {
        ApiClient.Response response = platform.master().get(BASE + "sandbox.json");

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(products(response)).contains(mine, theirs);
        assertThat(products(platform.master().get(BASE + "staging.json?host=theirs-staging.example.com")))
                .containsExactly(theirs);
    }

    @Test
    void theInternalTokenReadsItButCannotWrite() {
        ApiClient internal = platform.as(platform.internalToken());

        assertThat(products(internal.get(BASE + "sandbox.json"))).contains(mine, theirs);
        assertThat(internal.post("/master/api/providers.json", Map.of("org_name", "X", "username", "x",
                "email", "x@example.com", "password", "secret-pass")).status()).isEqualTo(403);
    }

    @Test
    void tenantsAreRefused() {
        assertThat(admin.get(BASE + "sandbox.json").status()).isEqualTo(403);
        assertThat(other.get(BASE + "production.json").status()).isEqualTo(403);
    }

    @Test
    void aSuspendedTenantsConfigurationsAreNotServed() {
        long otherId = other.get("/admin/api/provider.json").at("/account/id").asLong();
        assertThat(platform.master().put("/master/api/providers/" + otherId + ".json",
                Map.of("state_event", "suspend")).status()).isEqualTo(200);
        try {
            assertThat(products(platform.master().get(BASE + "sandbox.json"))).contains(mine).doesNotContain(theirs);
        } finally {
            platform.master().put("/master/api/providers/" + otherId + ".json", Map.of("state_event", "resume"));
        }
    }

    private static List<Long> products(ApiClient.Response response) {
        List<Long> ids = new ArrayList<>();
        response.json().path("proxy_configs").forEach(c -> ids.add(c.at("/proxy_config/content/id").asLong()));
        return ids;
    }
}
