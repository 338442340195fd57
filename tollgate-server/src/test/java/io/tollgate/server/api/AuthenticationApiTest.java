package io.tollgate.server.api;

import static io.tollgate.server.api.ConventionsApiTest.basic;
import static io.tollgate.server.api.ProvidersApiTest.ACCESS_DENIED;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.common.Secrets;
import io.tollgate.server.testing.ApiClient;
import io.tollgate.server.testing.TestPlatform;
import io.tollgate.store.AccountDao;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every way 3scale clients present credentials, and what happens without valid ones. */
class AuthenticationApiTest {
    private static final String TOKEN = TestPlatform.ADMIN_TOKEN;
    private static final String SERVICES = "/admin/api/services.json";

    private static TestPlatform platform;
    private static ApiClient anonymous;
    private static long tenantId;

    @BeforeAll
    static void start() {
        platform = TestPlatform.start();
        anonymous = platform.anonymous();
        tenantId = platform.admin().get("/admin/api/provider.json").at("/account/id").asLong();
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void tokenIsAcceptedFromQueryHeaderAndBody() throws Exception {
        for (String authorization : List.of("Basic " + basic(":" + TOKEN), "Basic " + basic(TOKEN + ":"),
                "Basic " + basic(TOKEN), "Bearer " + TOKEN, "bearer " + TOKEN)) {
            HttpResponse<String> r = raw(SERVICES, authorization);
            assertThat(r.statusCode()).as(authorization).isEqualTo(200);
        }
        assertThat(anonymous.get(SERVICES + "?access_token=" + TOKEN).status()).isEqualTo(200);

        ApiClient.Response json = anonymous.post(SERVICES, Map.of("access_token", TOKEN, "name", "Json Auth"));
        ApiClient.Response form = anonymous.form("POST", SERVICES, "access_token=" + TOKEN + "&name=Form+Auth");

        assertThat(json.status()).as(json.text()).isEqualTo(201);
        assertThat(form.status()).as(form.text()).isEqualTo(201);
        assertThat(json.at("/service/account_id").asLong()).isEqualTo(tenantId);
        assertThat(json.at("/service").has("access_token")).isFalse();
        assertThat(platform.admin().get(SERVICES).at("/services").findValuesAsText("name"))
                .contains("Json Auth", "Form Auth");
    }

    @Test
    void providerKeyAuthenticatesItsTenant() {
        platform.database().write(h -> h.attach(AccountDao.class)
                .setProviderKeyHash(tenantId, Secrets.sha256("known-provider-key"), Instant.now()));

        ApiClient.Response read = anonymous.get("/admin/api/provider.json?provider_key=known-provider-key");
        ApiClient.Response created = anonymous.form("POST", SERVICES, "provider_key=known-provider-key&name=By+Key");
        ApiClient.Response wrong = anonymous.get(SERVICES + "?provider_key=unknown-provider-key");

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.at("/account/id").asLong()).isEqualTo(tenantId);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.at("/service/account_id").asLong()).isEqualTo(tenantId);
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.json().toString()).isEqualTo(ACCESS_DENIED);
    }

    @Test
    void suspendedTenantsProviderKeyIsDenied() {
        ApiClient.Response signup = ProvidersApiTest.signup(platform.master(), "Keyed Tenant");
        long id = signup.at("/signup/account/id").asLong();
        platform.database().write(h -> h.attach(AccountDao.class)
                .setProviderKeyHash(id, Secrets.sha256("keyed-tenant-key"), Instant.now()));
        assertThat(anonymous.get(SERVICES + "?provider_key=keyed-tenant-key").status()).isEqualTo(200);

        platform.master().put("/master/api/providers/" + id + ".json", Map.of("state_event", "suspend"));

        ApiClient.Response denied = anonymous.get(SERVICES + "?provider_key=keyed-tenant-key");
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.json().toString()).isEqualTo(ACCESS_DENIED);
    }

    @Test
    void missingOrInvalidCredentialsAreDenied() throws Exception {
        List<ApiClient.Response> denied = List.of(
                anonymous.get(SERVICES),
                anonymous.get(SERVICES + "?access_token="),
                anonymous.get(SERVICES + "?access_token=not-a-token"),
                platform.as("not-a-token").get(SERVICES),
                anonymous.post(SERVICES, Map.of("name", "Anonymous")),
                anonymous.post(SERVICES, Map.of("access_token", "not-a-token", "name", "Wrong")),
                anonymous.get(SERVICES + "?access_token=not-a-token&provider_key=also-wrong"));
        for (ApiClient.Response r : denied) {
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
            assertThat(r.json().toString()).isEqualTo(ACCESS_DENIED);
        }
        for (String authorization : List.of("Basic !!!not-base64!!!", "Basic " + basic(":"), "Bearer ",
                "Token " + TOKEN, TOKEN, "Basic " + basic("wrong:" + TOKEN))) {
            HttpResponse<String> r = raw(SERVICES, authorization);
            assertThat(r.statusCode()).as(authorization).isEqualTo(403);
            assertThat(r.body()).isEqualTo(ACCESS_DENIED);
        }
        assertThat(platform.admin().get(SERVICES).at("/services").findValuesAsText("name"))
                .doesNotContain("Anonymous", "Wrong");
    }

    @Test
    void validTokenInTheQueryIsNotOverriddenByAWrongHeader() throws Exception {
        HttpResponse<String> r = raw(SERVICES + "?access_token=" + TOKEN, "Bearer not-a-token");

        assertThat(r.statusCode()).isEqualTo(200);
    }

    /** A GET with a hand-made Authorization header, for the forms ApiClient does not send. */
    private static HttpResponse<String> raw(String path, String authorization) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(platform.baseUrl() + path))
                .header("Authorization", authorization).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
