package io.tollgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.server.testing.ApiClient;
import io.tollgate.server.testing.GatewayFixtures;
import io.tollgate.server.testing.PlatformTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /admin/api/gateway_apis}: an API instance is a product placed on a registered gateway and a
 * listener port (SPEC A1, A2). Creating one builds the product, backend, usage and an unmetered chain,
 * and deploys it where the gateway loads its configuration; policies change the deployed chain.
 */
class GatewayApisApiTest extends PlatformTest {
    private static final String BASE = "/admin/api/gateway_apis";
    private static final String UPSTREAM = "https://jsonplaceholder.typicode.com/";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static String production;
    private static long productionId;
    private static String staging;
    private static ApiClient otherTenant;

    @BeforeAll
    static void gateways() {
        production = name("edge");
        productionId = GatewayFixtures.register(admin, production, "production");
        staging = name("stage");
        GatewayFixtures.register(admin, staging, "staging");
        otherTenant = admin.withToken(OtherTenant.token(platform));
    }

    @Test
    void createsTheProductBackendUsageUnmeteredChainAndPlacementAndDeploysToProduction() {
        String api = name("my-api");

        ApiClient.Response created = create(Map.of("gateway", production, "name", api, "upstream", UPSTREAM));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode body = created.at("/gateway_api");
        assertThat(fieldNames(body)).containsExactly("id", "name", "service_id", "backend_api_id", "gateway_id",
                "gateway", "environment", "port", "scheme", "upstream", "policies", "proxy_config_version",
                "created_at", "updated_at");
        assertThat(body.get("name").asText()).isEqualTo(api);
        assertThat(body.get("gateway").asText()).isEqualTo(production);
        assertThat(body.get("gateway_id").asLong()).isEqualTo(productionId);
        assertThat(body.get("environment").asText()).isEqualTo("production");
        assertThat(body.get("port").asInt()).isEqualTo(8081);
        assertThat(body.get("scheme").asText()).isEqualTo("http");
        assertThat(body.get("upstream").asText()).isEqualTo(UPSTREAM);
        assertThat(body.get("policies")).isEmpty();
        assertThat(body.get("proxy_config_version").asInt()).isEqualTo(1);
        assertThat(created.headers().firstValue("Location")).hasValue(admin.baseUrl() + BASE + "/"
                + body.get("id").asLong());

        long service = body.get("service_id").asLong();
        String product = "/admin/api/services/" + service;
        assertThat(admin.get(product + ".json").at("/service/system_name").asText()).isEqualTo(api);
        assertThat(admin.get("/admin/api/backend_apis/" + body.get("backend_api_id").asLong() + ".json")
                .at("/backend_api/private_endpoint").asText()).isEqualTo(UPSTREAM);
        JsonNode usages = admin.get(product + "/backend_usages.json").json();
        assertThat(usages).hasSize(1);
        assertThat(usages.at("/0/backend_usage/path").asText()).isEqualTo("/");
        assertThat(usages.at("/0/backend_usage/backend_id").asLong()).isEqualTo(body.get("backend_api_id").asLong());
        assertThat(admin.get(product + "/proxy/policies.json").at("/policies_config")).isEmpty();

        JsonNode content = latest(service, "production").at("/proxy_config/content");
        assertThat(content.at("/proxy/gateway").toString()).isEqualTo("{\"id\":" + productionId + ",\"name\":\""
                + production + "\"}");
        assertThat(content.at("/proxy/listener").toString()).isEqualTo("{\"port\":8081,\"scheme\":\"http\"}");
        assertThat(content.at("/proxy/policy_chain").findValuesAsText("name")).containsExactly("routing");
        assertThat(content.at("/proxy/policy_chain/0/configuration/rules/0/url").asText()).isEqualTo(UPSTREAM);
        assertThat(latest(service, "sandbox").at("/proxy_config/content")).isEqualTo(content);
        JsonNode listing = admin.get("/admin/api/account/proxy_configs/production.json").json();
        assertThat(listing.findValues("content").stream().filter(c -> c.get("id").asLong() == service)).hasSize(1);
    }

    @Test
    void aStagingGatewaysApiIsDeployedToSandboxOnly() {
        JsonNode body = created(Map.of("gateway", staging, "name", name("staged"), "upstream", UPSTREAM,
                "port", 9001));

        assertThat(body.get("environment").asText()).isEqualTo("staging");
        long service = body.get("service_id").asLong();
        assertThat(latest(service, "sandbox").at("/proxy_config/content/proxy/listener/port").asInt()).isEqualTo(9001);
        assertThat(latest(service, "production").status()).isEqualTo(404);
    }

    @Test
    void aWaitingGatewaySeesTheNewApi() throws Exception {
        String changes = "/admin/api/account/proxy_configs/production/changes.json";
        String token = admin.get(changes).at("/token").asText();
        CompletableFuture<ApiClient.Response> waiting = CompletableFuture.supplyAsync(
                () -> admin.get(changes + "?since=" + token + "&wait=20"));

        created(Map.of("gateway", production, "name", name("noticed"), "upstream", UPSTREAM, "port", 9002));

        ApiClient.Response answer = waiting.get(10, TimeUnit.SECONDS);
        assertThat(answer.at("/changed").asBoolean()).as(answer.text()).isTrue();
        assertThat(answer.at("/token").asText()).isNotEqualTo(token);
    }

    @Test
    void refusesATakenPortOrNameAndLeavesNothingBehind() {
        String api = name("first");
        created(Map.of("gateway", production, "name", api, "upstream", UPSTREAM, "port", 9010));
        String other = name("second");

        ApiClient.Response samePort = create(Map.of("gateway", production, "name", other, "upstream", UPSTREAM,
                "port", 9010));
        ApiClient.Response sameName = create(Map.of("gateway", production, "name", api, "upstream", UPSTREAM,
                "port", 9011));
        ApiClient.Response productTaken = create(Map.of("gateway", production, "name", other, "upstream", UPSTREAM,
                "port", 9011));

        assertThat(samePort.status()).isEqualTo(422);
        assertThat(samePort.at("/errors/port/0").asText()).isEqualTo("9010 is already used by API " + api
                + " on gateway " + production);
        assertThat(sameName.status()).isEqualTo(422);
        assertThat(sameName.at("/errors").toString()).isEqualTo("{\"system_name\":[\"has already been taken\"]}");
        assertThat(admin.post("/admin/api/services.json", Map.of("name", "Dup", "system_name", api))
                .at("/errors").toString()).isEqualTo(sameName.at("/errors").toString());
        // The refused creations left no product or backend: the name is still free.
        assertThat(productTaken.status()).as(productTaken.text()).isEqualTo(201);
        assertThat(created(Map.of("gateway", staging, "name", name("other-gw"), "upstream", UPSTREAM, "port", 9010))
                .get("port").asInt()).isEqualTo(9010);
    }

    @Test
    void refusesMissingFieldsAndGatewaysThatAreUnknownDeletedOrAnotherTenants() {
        ApiClient.Response empty = create(Map.of());
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.at("/errors/gateway/0").asText()).isEqualTo("can't be blank");
        assertThat(empty.at("/errors/name/0").asText()).isEqualTo("can't be blank");
        assertThat(empty.at("/errors/upstream/0").asText()).isEqualTo("can't be blank");

        ApiClient.Response unknown = create(Map.of("gateway", "nowhere", "name", name("x"), "upstream", UPSTREAM));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.at("/errors/gateway/0").asText()).isEqualTo(
                "'nowhere' is not a registered gateway of this account");

        String doomed = name("doomed");
        long doomedId = GatewayFixtures.register(admin, doomed, "production");
        assertThat(admin.delete("/admin/api/gateways/" + doomedId + ".json").status()).isEqualTo(200);
        for (String ref : List.of(doomed, String.valueOf(doomedId))) {
            ApiClient.Response deleted = create(Map.of("gateway", ref, "name", name("x"), "upstream", UPSTREAM));
            assertThat(deleted.status()).isEqualTo(422);
            assertThat(deleted.at("/errors/gateway/0").asText()).isEqualTo("'" + ref + "' was deleted (expected: a"
                    + " registered gateway)");
        }

        ApiClient other = otherTenant;
        String theirs = name("theirs");
        long theirsId = GatewayFixtures.register(other, theirs, "production");
        for (String ref : List.of(theirs, String.valueOf(theirsId))) {
            ApiClient.Response foreign = create(Map.of("gateway", ref, "name", name("x"), "upstream", UPSTREAM));
            assertThat(foreign.status()).isEqualTo(422);
            assertThat(foreign.at("/errors/gateway/0").asText()).contains("is not a registered gateway");
        }

        Map<String, Object> bad = new HashMap<>(Map.of("gateway", production, "name", "My API", "upstream",
                "ftp://files", "port", 70000, "scheme", "gopher"));
        ApiClient.Response invalid = create(bad);
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.at("/errors/name/0").asText()).startsWith("invalid.");
        assertThat(invalid.at("/errors/upstream/0").asText()).startsWith("must be an absolute URL");
        assertThat(invalid.at("/errors/port/0").asText()).isEqualTo("70000 is out of range (expected: 1..65535)");
        assertThat(invalid.at("/errors/scheme/0").asText()).contains("expected: http or https");
    }

    @Test
    void httpsNeedsAParseableCertificateAndItsKeyAndNeverShowsTheKey() {
        GatewayFixtures.Pems pems = GatewayFixtures.selfSigned("api.example.com");
        GatewayFixtures.Pems unrelated = GatewayFixtures.selfSigned("other.example.com");
        Map<String, Object> https = Map.of("gateway", production, "name", name("tls"), "upstream", UPSTREAM,
                "port", 9443, "scheme", "https");

        ApiClient.Response missing = create(https);
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.at("/errors/certificate/0").asText()).isEqualTo("can't be blank (required with scheme https)");
        assertThat(missing.at("/errors/private_key/0").asText()).isEqualTo("can't be blank (required with scheme https)");
        ApiClient.Response garbage = create(with(https, "certificate", "not a pem", "private_key", pems.certificate()));
        assertThat(garbage.at("/errors/certificate/0").asText()).startsWith("has no PEM certificate");
        assertThat(garbage.at("/errors/private_key/0").asText()).startsWith("is not an unencrypted private key");
        ApiClient.Response mismatch = create(with(https, "certificate", pems.certificate(), "private_key",
                unrelated.key()));
        assertThat(mismatch.at("/errors/private_key/0").asText()).startsWith("does not belong to the certificate");
        ApiClient.Response httpWithPem = create(Map.of("gateway", production, "name", name("plain"), "upstream",
                UPSTREAM, "certificate", pems.certificate()));
        assertThat(httpWithPem.at("/errors/certificate/0").asText()).isEqualTo("is only allowed with scheme https");

        ApiClient.Response created = create(with(https, "certificate", pems.certificate(), "private_key", pems.key()));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.text()).doesNotContain("PRIVATE KEY");
        assertThat(created.at("/gateway_api/scheme").asText()).isEqualTo("https");
        long service = created.at("/gateway_api/service_id").asLong();
        JsonNode listener = latest(service, "production").at("/proxy_config/content/proxy/listener");
        assertThat(listener.get("port").asInt()).isEqualTo(9443);
        assertThat(listener.get("scheme").asText()).isEqualTo("https");
        assertThat(listener.get("certificate_pem").asText()).isEqualTo(pems.certificate());
        assertThat(listener.get("key_pem").asText()).isEqualTo(pems.key());
        assertThat(admin.get(BASE + ".json").text()).doesNotContain("PRIVATE KEY");
        long tenant = admin.get("/admin/api/provider.json").at("/account/id").asLong();
        io.tollgate.model.Audit audit = platform.database().read(h -> h.attach(io.tollgate.store.AuditDao.class)
                .list(tenant, 1, 0)).get(0);
        assertThat(audit.path()).isEqualTo(BASE);
        assertThat(audit.changes()).contains("\"private_key\":\"[redacted]\"").doesNotContain("PRIVATE KEY");

        String path = BASE + "/" + created.at("/gateway_api/id").asLong() + ".json";
        ApiClient.Response plain = admin.put(path, Map.of("scheme", "http"));
        assertThat(plain.status()).as(plain.text()).isEqualTo(200);
        assertThat(latest(service, "production").at("/proxy_config/content/proxy/listener").toString())
                .isEqualTo("{\"port\":9443,\"scheme\":\"http\"}");
    }

    @Test
    void policiesChangeTheDeployedChainAndReadBackAsSet() {
        JsonNode api = created(Map.of("gateway", production, "name", name("guarded"), "upstream", UPSTREAM,
                "port", 9020));
        long service = api.get("service_id").asLong();
        String policies = BASE + "/" + api.get("name").asText() + "/policies";

        ApiClient.Response added = admin.post(policies + ".json", Map.of("policy", "http-basic-authentication",
                "configuration", Map.of("username", "user", "password", "pw")));

        assertThat(added.status()).as(added.text()).isEqualTo(201);
        assertThat(added.at("/gateway_api/policies").toString()).isEqualTo("[{\"policy\":\"http-basic-authentication\","
                + "\"configuration\":{\"username\":\"user\",\"password\":\"pw\"},\"enabled\":true}]");
        assertThat(added.at("/gateway_api/proxy_config_version").asInt()).isEqualTo(2);
        JsonNode chain = latest(service, "production").at("/proxy_config/content/proxy/policy_chain");
        assertThat(chain.findValuesAsText("name")).containsExactly("basic_auth", "routing");
        assertThat(chain.at("/0/configuration").toString()).isEqualTo("{\"username\":\"user\",\"password\":\"pw\"}");
        assertThat(admin.post(policies + ".json", Map.of("policy", "http-basic-authentication", "configuration",
                Map.of("username", "u", "password", "p"))).at("/errors/policy/0").asText())
                .startsWith("http-basic-authentication is already on this API");

        ApiClient.Response updated = admin.put(policies + "/http-basic-authentication.json", Map.of("configuration",
                Map.of("username", "user", "password", "new-pw", "realm", "Pets")));
        assertThat(updated.status()).as(updated.text()).isEqualTo(200);
        assertThat(latest(service, "production").at("/proxy_config/content/proxy/policy_chain/0/configuration")
                .toString()).isEqualTo("{\"username\":\"user\",\"password\":\"new-pw\",\"realm\":\"Pets\"}");
        assertThat(admin.put(policies + "/cors.json", Map.of("configuration", Map.of())).status()).isEqualTo(404);

        ApiClient.Response headers = admin.form("POST", policies + ".json", "policy=headers&configuration="
                + java.net.URLEncoder.encode("{\"request\":[{\"op\":\"set\",\"header\":\"X-A\",\"value\":\"1\"}]}",
                        java.nio.charset.StandardCharsets.UTF_8));
        assertThat(headers.status()).as(headers.text()).isEqualTo(201);
        assertThat(latest(service, "production").at("/proxy_config/content/proxy/policy_chain")
                .findValuesAsText("name")).containsExactly("basic_auth", "headers", "routing");

        ApiClient.Response removed = admin.delete(policies + "/http-basic-authentication.json");
        assertThat(removed.status()).as(removed.text()).isEqualTo(200);
        assertThat(removed.at("/gateway_api/policies").findValuesAsText("policy")).containsExactly("headers");
        assertThat(latest(service, "production").at("/proxy_config/content/proxy/policy_chain")
                .findValuesAsText("name")).containsExactly("headers", "routing");
        assertThat(admin.delete(policies + "/http-basic-authentication.json").status()).isEqualTo(404);
        assertThat(admin.get("/admin/api/services/" + service + "/proxy/policies.json")
                .at("/policies_config/0/name").asText()).isEqualTo("headers");
    }

    @Test
    void refusesPoliciesAnApiCannotRunAndBadBasicAuthentication() {
        JsonNode api = created(Map.of("gateway", production, "name", name("strict"), "upstream", UPSTREAM,
                "port", 9021));
        String policies = BASE + "/" + api.get("id").asLong() + "/policies.json";

        assertThat(admin.post(policies, Map.of("policy", "apicast")).at("/errors/policy/0").asText())
                .startsWith("apicast is not available on an API instance");
        assertThat(admin.post(policies, Map.of("policy", "teleport")).at("/errors/policy/0").asText())
                .startsWith("'teleport' is not a policy (expected: one of ");
        assertThat(admin.post(policies, Map.of()).at("/errors/policy/0").asText()).isEqualTo("can't be blank");
        assertThat(admin.post(policies, Map.of("policy", "http-basic-authentication", "configuration",
                Map.of("username", "u"))).at("/errors/configuration/0").asText()).isEqualTo("password: can't be blank");
        assertThat(admin.post(policies, Map.of("policy", "http-basic-authentication", "configuration",
                Map.of("username", "a:b", "password", "p"))).at("/errors/configuration/0").asText())
                .startsWith("username: contains ':'");
        assertThat(admin.post(policies, Map.of("policy", "http-basic-authentication", "configuration",
                Map.of("username", "u", "password", "p", "hash", "x"))).at("/errors/configuration/0").asText())
                .startsWith("hash: unknown field");

        ApiClient.Response form = admin.form("POST", policies,
                "policy=http-basic-authentication&configuration[username]=u&configuration[password]=p");
        assertThat(form.status()).as(form.text()).isEqualTo(201);
        assertThat(form.at("/gateway_api/policies/0/configuration/password").asText()).isEqualTo("p");
        assertThat(admin.get(BASE + "/" + api.get("id").asLong() + ".json").at("/gateway_api/policies/0/policy")
                .asText()).isEqualTo("http-basic-authentication");
    }

    @Test
    void updatingChangesTheUpstreamAndPortAndRedeploys() {
        JsonNode api = created(Map.of("gateway", production, "name", name("moving"), "upstream", UPSTREAM,
                "port", 9030));
        created(Map.of("gateway", production, "name", name("neighbour"), "upstream", UPSTREAM, "port", 9031));
        String path = BASE + "/" + api.get("name").asText() + ".json";

        ApiClient.Response updated = admin.put(path, Map.of("upstream", "http://pets.internal:8080", "port", 9032));

        assertThat(updated.status()).as(updated.text()).isEqualTo(200);
        assertThat(updated.at("/gateway_api/upstream").asText()).isEqualTo("http://pets.internal:8080");
        assertThat(updated.at("/gateway_api/port").asInt()).isEqualTo(9032);
        assertThat(updated.at("/gateway_api/proxy_config_version").asInt()).isEqualTo(2);
        JsonNode proxy = latest(api.get("service_id").asLong(), "production").at("/proxy_config/content/proxy");
        assertThat(proxy.at("/listener/port").asInt()).isEqualTo(9032);
        assertThat(proxy.at("/policy_chain/0/configuration/rules/0/url").asText()).isEqualTo("http://pets.internal:8080");
        assertThat(admin.get("/admin/api/backend_apis/" + api.get("backend_api_id").asLong() + ".json")
                .at("/backend_api/private_endpoint").asText()).isEqualTo("http://pets.internal:8080");

        assertThat(admin.put(path, Map.of("port", 9031)).at("/errors/port/0").asText()).startsWith("9031 is already used");
        assertThat(admin.put(path, Map.of("gateway", staging)).at("/errors/gateway/0").asText())
                .startsWith("can't be changed");
        assertThat(admin.put(path, Map.of("upstream", "")).at("/errors/upstream/0").asText()).isEqualTo("can't be blank");
        assertThat(admin.put(path, Map.of("port", 9032)).status()).isEqualTo(200);
    }

    @Test
    void listsShowsAndDeletesOnlyTheTenantsOwnApis() {
        String other = name("elsewhere");
        GatewayFixtures.register(admin, other, "production");
        JsonNode here = created(Map.of("gateway", other, "name", name("listed"), "upstream", UPSTREAM));
        JsonNode there = created(Map.of("gateway", production, "name", name("also"), "upstream", UPSTREAM,
                "port", 9040));

        JsonNode filtered = admin.get(BASE + ".json?gateway=" + other).json();
        assertThat(filtered.at("/gateway_apis").findValuesAsText("name")).containsExactly(here.get("name").asText());
        assertThat(admin.get(BASE + ".json").at("/gateway_apis").findValuesAsText("name"))
                .contains(here.get("name").asText(), there.get("name").asText());
        assertThat(admin.get(BASE + ".json?gateway=nowhere").status()).isEqualTo(422);
        assertThat(admin.get(BASE + "/" + here.get("id").asLong() + ".json").at("/gateway_api"))
                .isEqualTo(admin.get(BASE + "/" + here.get("name").asText() + ".json").at("/gateway_api"));

        ApiClient tenant = otherTenant;
        String byId = BASE + "/" + here.get("id").asLong() + ".json";
        assertThat(tenant.get(BASE + ".json").at("/gateway_apis")).isEmpty();
        assertThat(tenant.get(byId).status()).isEqualTo(404);
        assertThat(tenant.get(BASE + "/" + here.get("name").asText() + ".json").status()).isEqualTo(404);
        assertThat(tenant.put(byId, Map.of("port", 1)).status()).isEqualTo(404);
        assertThat(tenant.post(BASE + "/" + here.get("id").asLong() + "/policies.json", Map.of("policy", "cors"))
                .status()).isEqualTo(404);
        assertThat(tenant.delete(byId).status()).isEqualTo(404);
        assertThat(admin.get(byId).status()).isEqualTo(200);

        long service = here.get("service_id").asLong();
        assertThat(admin.delete(byId).status()).isEqualTo(200);

        assertThat(admin.get(byId).status()).isEqualTo(404);
        assertThat(admin.get("/admin/api/services/" + service + ".json").status()).isEqualTo(404);
        assertThat(admin.get("/admin/api/backend_apis/" + here.get("backend_api_id").asLong() + ".json").status())
                .isEqualTo(404);
        assertThat(admin.get("/admin/api/account/proxy_configs/production.json").json().findValues("content")
                .stream().filter(c -> c.get("id").asLong() == service)).isEmpty();
        // The name is free again: nothing of the deleted API is left.
        assertThat(create(Map.of("gateway", other, "name", here.get("name").asText(), "upstream", UPSTREAM))
                .status()).isEqualTo(201);
    }

    private static ApiClient.Response create(Map<String, Object> fields) {
        return admin.post(BASE + ".json", fields);
    }

    private static JsonNode created(Map<String, Object> fields) {
        ApiClient.Response response = create(fields);
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.at("/gateway_api");
    }

    private static ApiClient.Response latest(long service, String environment) {
        return admin.get("/admin/api/services/" + service + "/proxy/configs/" + environment + "/latest.json");
    }

    private static Map<String, Object> with(Map<String, Object> fields, String k1, Object v1, String k2, Object v2) {
        Map<String, Object> all = new HashMap<>(fields);
        all.put(k1, v1);
        all.put(k2, v2);
        return all;
    }

    private static String name(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
