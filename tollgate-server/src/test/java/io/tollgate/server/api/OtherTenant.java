package io.tollgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.server.testing.ApiClient;
import io.tollgate.server.testing.TestPlatform;
import java.util.Map;

/** Signs up a second tenant for isolation tests. */
final class OtherTenant {
    private OtherTenant() {
    }

    /** Signs up the tenant "Other" on {@code platform} (once per platform) and returns its access token. */
    static String token(TestPlatform platform) {
        ApiClient.Response signup = platform.master().post("/master/api/providers.json", Map.of("org_name", "Other",
                "username", "other", "email", "o@example.com", "password", "secret-pass"));
        assertThat(signup.status()).as(signup.text()).isEqualTo(201);
        return signup.at("/signup/access_token/value").asText();
    }
}
