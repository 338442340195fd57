package io.tollgate.server.api;

import static io.tollgate.server.api.ProxyApiTest.keys;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.server.testing.PlatformTest;
import io.tollgate.server.testing.ApiClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderApiTest extends PlatformTest {
    @Test
    void showsTheCallingTenantsAccountWithItsUsers() {
        ApiClient.Response provider = admin.get("/admin/api/provider.json");

        assertThat(provider.status()).isEqualTo(200);
        assertThat(keys(provider.json())).containsExactly("account");
        // Another test renames the tenant; the subdomain-derived names stay.
        assertThat(provider.at("/account/org_name").asText()).isNotBlank();
        assertThat(provider.at("/account/state").asText()).isEqualTo("approved");
        assertThat(provider.at("/account/admin_domain").asText()).isEqualTo("default-admin.localhost");
        assertThat(provider.at("/account/users/0/user/username").asText()).isEqualTo("admin");
        assertThat(provider.at("/account/users/0/user/role").asText()).isEqualTo("admin");
    }

    @Test
    void updatesNameAndContactFieldsButNotTheState() {
        ApiClient.Response updated = admin.put("/admin/api/provider.json", Map.of("org_name", "Acme",
                "support_email", "support@acme.example", "finance_support_email", "billing@acme.example",
                "from_email", "noreply@acme.example", "site_access_code", "open-sesame", "state_event", "suspend"));

        assertThat(updated.status()).isEqualTo(200);
        ApiClient.Response read = admin.get("/admin/api/provider.json");
        assertThat(read.at("/account/org_name").asText()).isEqualTo("Acme");
        assertThat(read.at("/account/support_email").asText()).isEqualTo("support@acme.example");
        assertThat(read.at("/account/finance_support_email").asText()).isEqualTo("billing@acme.example");
        assertThat(read.at("/account/from_email").asText()).isEqualTo("noreply@acme.example");
        assertThat(read.at("/account/site_access_code").asText()).isEqualTo("open-sesame");
        assertThat(read.at("/account/state").asText()).isEqualTo("approved");
        assertThat(updated.at("/account")).isEqualTo(read.at("/account"));
    }

    @Test
    void invalidEmailIsRejectedAndNothingChanges() {
        String before = admin.get("/admin/api/provider.json").at("/account/org_name").asText();
        ApiClient.Response rejected = admin.put("/admin/api/provider.json",
                Map.of("account", Map.of("org_name", "Renamed", "from_email", "not-an-email")));

        assertThat(rejected.status()).isEqualTo(422);
        assertThat(rejected.at("/errors/from_email/0").asText()).isEqualTo("should look like an email address");
        assertThat(admin.get("/admin/api/provider.json").at("/account/org_name").asText()).isEqualTo(before);
    }
}
