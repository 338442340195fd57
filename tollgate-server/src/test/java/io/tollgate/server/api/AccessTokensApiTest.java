package io.tollgate.server.api;

import static io.tollgate.server.api.ProxyApiTest.keys;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.common.Secrets;
import io.tollgate.server.testing.PlatformTest;
import io.tollgate.server.testing.ApiClient;
import io.tollgate.store.AccessTokenDao;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccessTokensApiTest extends PlatformTest {
    private static final String TOKENS = "/admin/api/personal/access_tokens";
    private static final String ACCESS_DENIED = "{\"error\":\"Access denied\"}";

    static ApiClient.Response issue(ApiClient client, String name, String permission, List<String> scopes) {
        return client.post(TOKENS + ".json", Map.of("token", Map.of("name", name, "permission", permission,
                "scopes", scopes)));
    }

    @Test
    void createShowsTheValueOnceAndReadsNeverDo() {
        ApiClient.Response created = issue(admin, "CI pipeline", "rw", List.of("account_management", "stats"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(keys(created.json())).containsExactly("access_token");
        assertThat(keys(created.at("/access_token"))).containsExactly("id", "name", "scopes", "permission",
                "expires_at", "created_at", "value");
        assertThat(created.at("/access_token/scopes").toString()).isEqualTo("[\"account_management\",\"stats\"]");
        assertThat(created.at("/access_token/permission").asText()).isEqualTo("rw");
        assertThat(created.at("/access_token/expires_at").isNull()).isTrue();
        assertThat(created.at("/access_token/value").asText()).hasSize(64);
        long id = created.at("/access_token/id").asLong();
        assertThat(created.headers().firstValue("Location")).hasValue(admin.baseUrl() + TOKENS + "/" + id);

        ApiClient.Response read = admin.get(TOKENS + "/" + id + ".json");
        assertThat(read.status()).isEqualTo(200);
        assertThat(keys(read.at("/access_token"))).containsExactly("id", "name", "scopes", "permission",
                "expires_at", "created_at");
        assertThat(read.at("/access_token/name").asText()).isEqualTo("CI pipeline");

        ApiClient.Response list = admin.get(TOKENS + ".json?per_page=500");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.at("/access_tokens").findValues("access_token")).contains(read.at("/access_token"));
        assertThat(list.text()).doesNotContain(created.at("/access_token/value").asText()).doesNotContain("\"value\"");
    }

    @Test
    void formEncodedScopesAndFutureExpiryAreAccepted() {
        String expires = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        ApiClient.Response created = admin.form("POST", TOKENS + ".json", "name=Reports&permission=ro"
                + "&scopes%5B%5D=stats&scopes%5B%5D=finance&expires_at=" + expires);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.at("/access_token/scopes").toString()).isEqualTo("[\"stats\",\"finance\"]");
        assertThat(created.at("/access_token/permission").asText()).isEqualTo("ro");
        assertThat(created.at("/access_token/expires_at").asText()).isEqualTo(expires);
    }

    @Test
    void invalidFieldsAreRejectedPerField() {
        ApiClient.Response bad = admin.post(TOKENS + ".json", Map.of("name", "", "permission", "admin",
                "scopes", List.of("account_management", "everything"), "expires_at", "2001-01-01T00:00:00Z"));

        assertThat(bad.status()).isEqualTo(422);
        assertThat(keys(bad.at("/errors"))).containsExactlyInAnyOrder("name", "permission", "scopes", "expires_at");
        assertThat(bad.at("/errors/name/0").asText()).isEqualTo("can't be blank");
        assertThat(bad.at("/errors/permission/0").asText()).isEqualTo("is not included in the list");
        assertThat(bad.at("/errors/scopes/0").asText()).startsWith("invalid scope everything");
        assertThat(bad.at("/errors/expires_at/0").asText()).isEqualTo("must be in the future");

        ApiClient.Response empty = admin.post(TOKENS + ".json", Map.of("name", "x", "permission", "rw",
                "scopes", List.of(), "expires_at", "tomorrow"));
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.at("/errors/scopes/0").asText()).isEqualTo("can't be blank");
        assertThat(empty.at("/errors/expires_at/0").asText()).startsWith("is not an ISO-8601 date");
        assertThat(admin.post(TOKENS + ".json", Map.of("name", "x", "scopes", List.of("stats"))).at(
                "/errors/permission/0").asText()).isEqualTo("can't be blank");
    }

    @Test
    void createdTokenAuthenticatesByQueryBasicUserBasicPasswordAndBearerButNotAsProviderKey() throws Exception {
        String value = issue(admin, "Everywhere", "ro", List.of("account_management")).at("/access_token/value")
                .asText();
        String services = "/admin/api/services.json";

        assertThat(platform.anonymous().get(services + "?access_token=" + value).status()).isEqualTo(200);
        assertThat(raw(services, "Basic " + basic(value + ":")).statusCode()).isEqualTo(200);
        assertThat(raw(services, "Basic " + basic(":" + value)).statusCode()).isEqualTo(200);
        assertThat(raw(services, "Bearer " + value).statusCode()).isEqualTo(200);
        ApiClient.Response asProviderKey = platform.anonymous().get(services + "?provider_key=" + value);
        assertThat(asProviderKey.status()).isEqualTo(403);
        assertThat(asProviderKey.json().toString()).isEqualTo(ACCESS_DENIED);
    }

    @Test
    void deletedTokenNoLongerAuthenticates() {
        ApiClient.Response created = issue(admin, "Short lived", "rw", List.of("account_management"));
        ApiClient client = platform.as(created.at("/access_token/value").asText());
        long id = created.at("/access_token/id").asLong();
        assertThat(client.get("/admin/api/services.json").status()).isEqualTo(200);

        ApiClient.Response deleted = admin.delete(TOKENS + "/" + id + ".json");
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.text()).isEmpty();

        ApiClient.Response denied = client.get("/admin/api/services.json");
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.json().toString()).isEqualTo(ACCESS_DENIED);
        assertThat(admin.get(TOKENS + "/" + id + ".json").status()).isEqualTo(404);
    }

    @Test
    void expiredTokenNoLongerAuthenticates() {
        long userId = admin.get("/admin/api/provider.json").at("/account/users/0/user/id").asLong();
        long accountId = admin.get("/admin/api/provider.json").at("/account/id").asLong();
        String value = Secrets.newToken();
        Instant past = Instant.now().minus(1, ChronoUnit.MINUTES);
        platform.database().write(h -> h.attach(AccessTokenDao.class).insert(userId, accountId, "Expired",
                "account_management", "rw", Secrets.sha256(value), past, past.minus(1, ChronoUnit.DAYS)));

        ApiClient.Response denied = platform.as(value).get("/admin/api/services.json");
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.json().toString()).isEqualTo(ACCESS_DENIED);
    }

    @Test
    void tokenCanBeCreatedForAnotherUserOfTheTenantOnly() {
        long userId = admin.get("/admin/api/provider.json").at("/account/users/0/user/id").asLong();
        ApiClient.Response created = admin.post("/admin/api/users/" + userId + "/access_tokens.json",
                Map.of("token", Map.of("name", "For admin", "permission", "ro", "scopes", List.of("cms"))));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.at("/access_token/value").asText()).hasSize(64);
        long id = created.at("/access_token/id").asLong();
        assertThat(admin.get(TOKENS + "/" + id + ".json").at("/access_token/name").asText()).isEqualTo("For admin");

        assertThat(admin.post("/admin/api/users/999999/access_tokens.json", Map.of("name", "x", "permission", "ro",
                "scopes", List.of("cms"))).status()).isEqualTo(404);
    }

    private static String basic(String userAndPassword) {
        return Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    /** A GET with a hand-made Authorization header, for the forms ApiClient does not send. */
    private static HttpResponse<String> raw(String path, String authorization) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(platform.baseUrl() + path))
                .header("Authorization", authorization).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
