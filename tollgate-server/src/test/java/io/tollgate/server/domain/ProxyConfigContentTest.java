package io.tollgate.server.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.model.BackendApi;
import io.tollgate.model.BackendUsage;
import io.tollgate.model.Json;
import io.tollgate.model.MappingRule;
import io.tollgate.model.OidcConfiguration;
import io.tollgate.model.Owner;
import io.tollgate.model.PolicyConfig;
import io.tollgate.model.Product;
import io.tollgate.model.Proxy;
import io.tollgate.model.ProxySettings;
import io.tollgate.server.domain.ProxyConfigContent.Inputs;
import io.tollgate.server.domain.ProxyConfigContent.UsedBackend;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxyConfigContentTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void buildsTheExactConfigurationOfAProductWithRulesAndTwoBackends() throws Exception {
        String expected = """
                {"id":7,"account_id":2,"name":"Pets","system_name":"pets","backend_version":"1",
                 "backend_authentication_type":"service_token","backend_authentication_value":"st-0ldest",
                 "proxy":{"id":11,"service_id":7,"endpoint":"https://API.Example.com:8443",
                  "sandbox_endpoint":"https://api-staging.example.com",
                  "hosts":["api.example.com","api-staging.example.com"],
                  "api_backend":null,"credentials_location":"query","auth_app_key":"app_key",
                  "auth_app_id":"app_id","auth_user_key":"user_key",
                  "error_auth_failed":"Authentication failed","error_status_auth_failed":403,
                  "error_headers_auth_failed":"text/plain; charset=us-ascii",
                  "error_auth_missing":"Authentication parameters missing","error_status_auth_missing":403,
                  "error_headers_auth_missing":"text/plain; charset=us-ascii",
                  "error_no_match":"No Mapping Rule matched","error_status_no_match":404,
                  "error_headers_no_match":"text/plain; charset=us-ascii",
                  "error_limits_exceeded":"Usage limit exceeded","error_status_limits_exceeded":429,
                  "error_headers_limits_exceeded":"text/plain; charset=us-ascii",
                  "secret_token":"s3cret","hostname_rewrite":null,"oidc_issuer_endpoint":null,
                  "oidc_issuer_type":"keycloak","jwt_claim_with_client_id":null,"jwt_claim_with_client_id_type":"plain",
                  "policy_chain":[
                   {"name":"headers","version":"builtin","configuration":{"x":1}},
                   {"name":"routing","version":"builtin","configuration":{"rules":[
                    {"url":"http://v1.internal:8080",
                     "condition":{"operations":[{"match":"path","op":"matches","value":"^(/v1/.*|/v1/?)"}]},
                     "replace_path":"{{uri | remove_first: '/v1'}}","owner_id":32,"owner_type":"BackendApi"},
                    {"url":"https://root.internal",
                     "condition":{"operations":[{"match":"path","op":"matches","value":"^(/.*|/?)"}]},
                     "owner_id":31,"owner_type":"BackendApi"}]}},
                   {"name":"apicast","version":"builtin","configuration":{}},
                   {"name":"logging","version":"builtin","configuration":{}}],
                  "proxy_rules":[
                   {"id":100,"http_method":"GET","pattern":"/pets?type={type}&limit=10","metric_system_name":"list_pets",
                    "delta":1,"last":false,"position":1,"owner_id":7,"owner_type":"Service",
                    "querystring_parameters":{"type":"{type}","limit":"10"}},
                   {"id":101,"http_method":"POST","pattern":"/orders","metric_system_name":"hits",
                    "delta":1,"last":false,"position":2,"owner_id":7,"owner_type":"Service","querystring_parameters":{}},
                   {"id":300,"http_method":"GET","pattern":"/v1/pets","metric_system_name":"hits.32",
                    "delta":1,"last":true,"position":1,"owner_id":32,"owner_type":"BackendApi","querystring_parameters":{}},
                   {"id":301,"http_method":"GET","pattern":"/v1/pets/{id}?x","metric_system_name":"get_pet.32",
                    "delta":2,"last":false,"position":2,"owner_id":32,"owner_type":"BackendApi",
                    "querystring_parameters":{"x":null}},
                   {"id":200,"http_method":"GET","pattern":"/","metric_system_name":"hits.31",
                    "delta":1,"last":false,"position":1,"owner_id":31,"owner_type":"BackendApi",
                    "querystring_parameters":{}}]}}
                """;

        String text = ProxyConfigContent.text(inputs());

        assertThat(text).isEqualTo(Json.write(Json.MAPPER.readTree(expected)));
    }

    @Test
    void sameInputsGiveByteIdenticalTextWhateverTheInputOrder() {
        Inputs in = inputs();
        Inputs shuffled = new Inputs(in.product(), in.proxy(), List.of(in.rules().get(1), in.rules().get(0)),
                in.metricNames(), List.of(in.backends().get(1), in.backends().get(0)), in.serviceToken());

        assertThat(ProxyConfigContent.text(in)).isEqualTo(ProxyConfigContent.text(inputs()))
                .isEqualTo(ProxyConfigContent.text(shuffled));
    }

    @Test
    void routingPolicyGoesAtTheEndWhenTheChainHasNoApicastAndIsAbsentWithoutBackends() {
        Inputs in = inputs();
        Proxy noApicast = proxy(List.of(policy("headers", true)));
        JsonNode withBackends = ProxyConfigContent.build(new Inputs(in.product(), noApicast, in.rules(),
                in.metricNames(), in.backends(), in.serviceToken()));
        JsonNode withoutBackends = ProxyConfigContent.build(new Inputs(in.product(), in.proxy(), in.rules(),
                in.metricNames(), List.of(), in.serviceToken()));

        assertThat(withBackends.at("/proxy/policy_chain").findValuesAsText("name")).containsExactly("headers",
                "routing");
        assertThat(withoutBackends.at("/proxy/policy_chain").findValuesAsText("name")).containsExactly("headers",
                "apicast", "logging");
        assertThat(withoutBackends.at("/proxy/proxy_rules")).hasSize(2);
    }

    @Test
    void aPlacedProductNamesItsGatewayAndListenerAfterTheRulesAndOthersAreUnchanged() {
        Inputs in = inputs();
        String unplaced = ProxyConfigContent.text(in);
        Inputs http = new Inputs(in.product(), in.proxy(), in.rules(), in.metricNames(), in.backends(),
                in.serviceToken(), new ProxyConfigContent.Placement(5, "edge", 8081, "http", null, null));
        Inputs https = new Inputs(in.product(), in.proxy(), in.rules(), in.metricNames(), in.backends(),
                in.serviceToken(), new ProxyConfigContent.Placement(5, "edge", 8443, "https", "CERT PEM", "KEY PEM"));

        ObjectNode placed = ProxyConfigContent.build(http);
        assertThat(placed.at("/proxy/gateway").toString()).isEqualTo("{\"id\":5,\"name\":\"edge\"}");
        assertThat(placed.at("/proxy/listener").toString()).isEqualTo("{\"port\":8081,\"scheme\":\"http\"}");
        assertThat(Json.write(ProxyConfigContent.build(https).at("/proxy/listener"))).isEqualTo(
                "{\"port\":8443,\"scheme\":\"https\",\"certificate_pem\":\"CERT PEM\",\"key_pem\":\"KEY PEM\"}");
        List<String> keys = new ArrayList<>();
        placed.get("proxy").fieldNames().forEachRemaining(keys::add);
        assertThat(keys.subList(keys.size() - 3, keys.size())).containsExactly("proxy_rules", "gateway", "listener");
        ((ObjectNode) placed.get("proxy")).remove(List.of("gateway", "listener"));
        assertThat(Json.write(placed)).isEqualTo(unplaced);
        assertThat(unplaced).doesNotContain("\"listener\"").doesNotContain("\"gateway\"");
    }

    @Test
    void aProductWithoutServiceTokenHasANullAuthenticationValue() {
        Inputs in = inputs();
        JsonNode content = ProxyConfigContent.build(new Inputs(in.product(), in.proxy(), in.rules(),
                in.metricNames(), in.backends(), null));

        assertThat(content.get("backend_authentication_value").isNull()).isTrue();
        assertThat(content.get("backend_authentication_type").asText()).isEqualTo("service_token");
    }

    @Test
    void backendRulesNameTheirMetricWithTheBackendIdAndProductRulesDoNot() {
        JsonNode rules = ProxyConfigContent.build(inputs()).at("/proxy/proxy_rules");

        assertThat(rules.findValuesAsText("metric_system_name"))
                .containsExactly("list_pets", "hits", "hits.32", "get_pet.32", "hits.31");
        assertThat(GatewayRules.backendMetricName("hits", 42)).isEqualTo("hits.42");
    }

    @Test
    void querystringParametersAreDecodedAndTheLastRepeatWins() {
        assertThat(GatewayRules.querystringParameters("/a?x=1&x=2&name=a%20b&flag"))
                .isEqualTo(Json.MAPPER.createObjectNode().put("x", "2").put("name", "a b").putNull("flag"));
        assertThat(GatewayRules.querystringParameters("/a")).isEmpty();
    }

    @Test
    void routingConditionQuotesRegexCharactersOfThePath() {
        BackendUsage usage = new BackendUsage(1, 2, 7, 40, "/v1.0", T, T);
        BackendApi backend = new BackendApi(40, 2, "B", "b", null, "https://b.internal", Map.of(), T, T);
        ObjectNode policy = GatewayRules.routingPolicy(List.of(new UsedBackend(usage, backend, List.of(), Map.of())));

        assertThat(policy.at("/configuration/rules/0/condition/operations/0/value").asText())
                .isEqualTo("^(/v1\\.0/.*|/v1\\.0/?)");
        assertThat(policy.at("/configuration/rules/0/replace_path").asText())
                .isEqualTo("{{uri | remove_first: '/v1.0'}}");
    }

    @Test
    void tooLongCountsUtf8BytesAgainstTwoMegabytes() {
        assertThat(ProxyConfigContent.tooLong("a".repeat(ProxyConfigContent.MAX_BYTES))).isFalse();
        assertThat(ProxyConfigContent.tooLong("a".repeat(ProxyConfigContent.MAX_BYTES + 1))).isTrue();
        assertThat(ProxyConfigContent.tooLong("é".repeat(ProxyConfigContent.MAX_BYTES / 2 + 1))).isTrue();
    }

    private static Inputs inputs() {
        Product product = new Product(7, 2, "Pets", "pets", null, "incomplete", "1", "hosted", null, Map.of(), T, T);
        List<MappingRule> rules = List.of(
                rule(101, Owner.product(7), 1, "POST", "/orders", 1, 2, false),
                rule(100, Owner.product(7), 2, "GET", "/pets?type={type}&limit=10", 1, 1, false));
        UsedBackend root = new UsedBackend(new BackendUsage(21, 2, 7, 31, "/", T, T),
                new BackendApi(31, 2, "Root", "root", null, "https://root.internal", Map.of(), T, T),
                List.of(rule(200, Owner.backend(31), 50, "GET", "/", 1, 1, false)), Map.of(50L, "hits"));
        UsedBackend v1 = new UsedBackend(new BackendUsage(22, 2, 7, 32, "/v1", T, T),
                new BackendApi(32, 2, "V1", "v1", null, "http://v1.internal:8080", Map.of(), T, T),
                List.of(rule(301, Owner.backend(32), 61, "GET", "/pets/{id}?x", 2, 2, false),
                        rule(300, Owner.backend(32), 60, "GET", "/pets", 1, 1, true)),
                Map.of(60L, "hits", 61L, "get_pet"));
        Proxy proxy = proxy(List.of(policy("headers", true), policy("cors", false), policy("apicast", true),
                policy("logging", true)));
        return new Inputs(product, proxy, rules, Map.of(1L, "hits", 2L, "list_pets"), List.of(root, v1),
                "st-0ldest");
    }

    private static Proxy proxy(List<PolicyConfig> chain) {
        ProxySettings settings = new ProxySettings("https://API.Example.com:8443", "https://api-staging.example.com",
                null, ProxySettings.Credentials.DEFAULT, ProxySettings.GatewayResponses.DEFAULT, "s3cret", null, "/",
                ProxySettings.OidcIssuer.DEFAULT);
        return new Proxy(11, 2, 7, settings, chain, OidcConfiguration.DEFAULT, 3, T, T);
    }

    private static PolicyConfig policy(String name, boolean enabled) {
        ObjectNode configuration = Json.MAPPER.createObjectNode();
        if (name.equals("headers")) {
            configuration.put("x", 1);
        }
        return new PolicyConfig(name, "builtin", configuration, enabled);
    }

    private static MappingRule rule(long id, Owner owner, long metricId, String method, String pattern, long delta,
            int position, boolean last) {
        return new MappingRule(id, 2, owner, metricId, method, pattern, delta, position, last, null, T, T);
    }
}
