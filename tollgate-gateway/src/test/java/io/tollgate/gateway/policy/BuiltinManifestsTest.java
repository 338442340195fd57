package io.tollgate.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tollgate.gateway.config.ConfigException;
import io.tollgate.gateway.config.ProductConfig;
import io.tollgate.gateway.config.ProductConfigParser;
import io.tollgate.gateway.testing.ProductJson;
import io.tollgate.gateway.testing.TestClock;
import io.tollgate.gateway.testing.TestMeter;
import io.tollgate.model.BuiltinPolicies;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.Validator;
import io.vertx.redis.client.Redis;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The manifests {@code /admin/api/policies.json} publishes describe what the factories accept: every
 * example in a manifest's configuration schema is valid by the schema and accepted by the factory,
 * and invalid configurations are refused by both, the factory naming the field.
 */
class BuiltinManifestsTest {
    private static Vertx vertx;
    private static PolicyContext context;
    private static final PolicyRegistry REGISTRY = PolicyRegistry.builtin();

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        TestClock clock = new TestClock(Instant.parse("2026-06-10T10:15:30Z"));
        context = new PolicyContext(vertx, clock, new TestMeter(clock).gatewayMeter(),
                url -> Redis.createClient(vertx, url), new SimpleMeterRegistry());
    }

    @AfterAll
    static void stop() {
        vertx.close().await();
    }

    private static ProductConfig product() {
        return ProductConfigParser.parse(ProductJson.product(7, "pets.example.com").json());
    }

    private static Validator validator(String policy) {
        ObjectNode schema = BuiltinPolicies.manifests().get(policy).with("configuration");
        return Validator.create(JsonSchema.of(new JsonObject(schema.toString())),
                new JsonSchemaOptions().setDraft(Draft.DRAFT7).setBaseUri("https://tollgate.io/policies/" + policy));
    }

    private static Policy create(String policy, JsonNode configuration) {
        return REGISTRY.find(policy).orElseThrow().create((ObjectNode) configuration, product(), context);
    }

    @Test
    void everyGatewayPolicyHasAFactoryAndEveryFactoryAManifest() {
        assertThat(BuiltinPolicies.GATEWAY).allSatisfy(name -> assertThat(REGISTRY.find(name)).as(name).isPresent());
        assertThat(REGISTRY.names()).allSatisfy(name -> assertThat(BuiltinPolicies.GATEWAY.contains(name)
                || name.equals("routing")).as(name + " has a manifest").isTrue());
    }

    static Stream<Arguments> examples() {
        return BuiltinPolicies.manifests().entrySet().stream().flatMap(e -> {
            JsonNode examples = e.getValue().path("configuration").path("examples");
            return java.util.stream.StreamSupport.stream(examples.spliterator(), false)
                    .map(example -> Arguments.of(e.getKey(), example));
        });
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("examples")
    void everyDocumentedExampleIsValidByTheSchemaAndAcceptedByTheFactory(String policy, JsonNode example) {
        assertThat(validator(policy).validate(new JsonObject(example.toString())).getValid()).as("schema").isTrue();
        create(policy, example).close();
    }

    @Test
    void everyGatewayPolicyButApicastDocumentsAnExample() {
        assertThat(BuiltinPolicies.manifests()).allSatisfy((name, manifest) -> assertThat(
                manifest.path("configuration").path("examples").size() > 0 || name.equals("apicast")).as(name).isTrue());
    }

    static Stream<Arguments> invalid() {
        Map<String, String[]> cases = new java.util.LinkedHashMap<>();
        cases.put("default_credentials/1", new String[] {"{\"auth_type\":\"user_key\"}", "user_key"});
        cases.put("default_credentials/2", new String[] {"{\"auth_type\":\"cookie\",\"user_key\":\"k\"}", "auth_type"});
        cases.put("basic_auth/1", new String[] {"{\"username\":\"a:b\",\"password\":\"p\"}", "username"});
        cases.put("basic_auth/2", new String[] {"{\"username\":\"a\"}", "password"});
        cases.put("headers/1", new String[] {"{\"request\":[{\"op\":\"replace\",\"header\":\"X\"}]}", "request[0].op"});
        cases.put("headers/2", new String[] {"{\"response\":[{\"op\":\"set\",\"header\":\"Transfer-Encoding\","
                + "\"value\":\"x\"}]}", "response[0].header"});
        cases.put("cors/1", new String[] {"{\"allow_methods\":[\"FETCH\"]}", "allow_methods[0]"});
        cases.put("cors/2", new String[] {"{\"max_age\":-5}", "max_age"});
        cases.put("ip_check/1", new String[] {"{\"check_type\":\"whitelist\"}", "ips"});
        cases.put("ip_check/2", new String[] {"{\"check_type\":\"graylist\",\"ips\":[]}", "check_type"});
        cases.put("ip_check/3", new String[] {"{\"check_type\":\"whitelist\",\"ips\":[],\"client_ip_sources\":[]}",
                "client_ip_sources"});
        cases.put("url_rewriting/1", new String[] {"{\"commands\":[{\"op\":\"sub\",\"regex\":\"a\"}]}",
                "commands[0].replace"});
        cases.put("url_rewriting/2", new String[] {"{\"query_args_commands\":[{\"op\":\"push\",\"arg\":\"a\"}]}",
                "query_args_commands[0].value"});
        cases.put("upstream/1", new String[] {"{\"rules\":[{\"regex\":\"/\",\"url\":\"ftp://x\"}]}", "rules[0].url"});
        cases.put("rate_limit/1", new String[] {"{\"fixed_window_limiters\":[{\"key\":{\"name\":\"a\"},\"count\":0}]}",
                "fixed_window_limiters[0].count"});
        cases.put("rate_limit/2", new String[] {"{\"leaky_bucket_limiters\":[{\"key\":{\"name\":\"a\"}}]}",
                "leaky_bucket_limiters[0].rate"});
        cases.put("rate_limit/3", new String[] {"{\"limits_exceeded_error\":{\"error_handling\":\"ignore\"}}",
                "limits_exceeded_error.error_handling"});
        cases.put("rate_limit/4", new String[] {"{\"on_redis_failure\":\"allow\"}", "on_redis_failure"});
        cases.put("maintenance_mode/1", new String[] {"{\"status\":700}", "status"});
        cases.put("payload_limits/1", new String[] {"{\"request\":-1}", "request"});
        cases.put("caching/1", new String[] {"{\"caching_type\":\"lazy\"}", "caching_type"});
        cases.put("caching/2", new String[] {"{}", "caching_type"});
        return cases.entrySet().stream().map(e -> Arguments.of(e.getKey().substring(0, e.getKey().indexOf('/')),
                e.getValue()[0], e.getValue()[1]));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("invalid")
    void invalidConfigurationsAreRefusedByTheSchemaAndByTheFactoryNamingTheField(String policy, String json,
            String field) throws Exception {
        JsonNode configuration = ProductJson.JSON.readTree(json);

        assertThat(validator(policy).validate(new JsonObject(json)).getValid()).as("schema").isFalse();
        assertThatThrownBy(() -> create(policy, configuration)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(field + ": ");
    }
}
