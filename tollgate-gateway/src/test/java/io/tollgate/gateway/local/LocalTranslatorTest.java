package io.tollgate.gateway.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tollgate.gateway.config.ProductConfig;
import io.tollgate.gateway.config.ProductConfigParser;
import io.tollgate.gateway.image.ImageBuilder;
import io.tollgate.gateway.image.ProductSource;
import io.tollgate.gateway.meter.NoMeter;
import io.tollgate.gateway.policy.PolicyContext;
import io.tollgate.gateway.policy.PolicyRegistry;
import io.tollgate.gateway.testing.TestCertificates;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local mode's resources → product configurations: every kind, every field, every error naming file and field. */
class LocalTranslatorTest {
    private static final String HEAD = "apiVersion: gateway.tollgate.dev/v1alpha1\n";
    private static Vertx vertx;
    private static ImageBuilder builder;

    @TempDir
    Path dir;
    private Map<String, String> env = Map.of("API_USER", "partner", "API_PASSWORD", "s3cret", "UPSTREAM_PORT", "9000");

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
        builder = new ImageBuilder(PolicyRegistry.builtin(), new PolicyContext(vertx, Clock.systemUTC(),
                NoMeter.INSTANCE, url -> Redis.createClient(vertx, url), new PrometheusMeterRegistry(
                PrometheusConfig.DEFAULT)));
    }

    @AfterAll
    static void stopVertx() {
        vertx.close().await();
    }

    private List<ProductSource> translate() {
        return new LocalTranslator(env::get, builder::check).translate(dir);
    }

    private JsonNode only() {
        List<ProductSource> products = translate();
        assertThat(products).hasSize(1);
        return products.get(0).content();
    }

    private void write(String file, String... resources) throws IOException {
        StringBuilder b = new StringBuilder();
        for (String r : resources) {
            b.append("---\n").append(HEAD).append(r.stripIndent()).append('\n');
        }
        Files.writeString(dir.resolve(file), b.toString());
    }

    private static String instance(String name, String address, String upstream) {
        return """
                kind: ApiInstance
                metadata: {name: %s}
                spec:
                  address: %s
                  services:
                    users: {address: "%s"}
                """.formatted(name, address, upstream);
    }

    private static String binding(String name, String target, String policy, String config) {
        return """
                kind: PolicyBinding
                metadata: {name: %s}
                spec:
                  targetRef: {name: %s}
                  policyRef: {name: %s}
                  config: %s
                """.formatted(name, target, policy, config);
    }

    private void assertRejected(String message) {
        assertThatThrownBy(this::translate).isInstanceOf(LocalConfigException.class).hasMessage(message);
    }

    // ---- ApiInstance, Service ---------------------------------------------------------------------------

    @Test
    void anApiInstanceIsAProductOnItsOwnListenerWithItsServiceAsUpstreamAndNoMetering() throws IOException {
        write("apis.yaml", instance("my-api", "http://0.0.0.0:8081", "http://127.0.0.1:9000"));

        JsonNode product = only();

        assertThat(product.path("name").asText()).isEqualTo("my-api");
        assertThat(product.path("proxy").path("listener").toString())
                .isEqualTo("{\"port\":8081,\"scheme\":\"http\",\"address\":\"0.0.0.0\"}");
        assertThat(product.path("proxy").path("api_backend").asText()).isEqualTo("http://127.0.0.1:9000");
        assertThat(product.path("proxy").path("hostname_rewrite").asText()).isEqualTo("127.0.0.1:9000");
        assertThat(product.path("proxy").path("hosts").size()).isZero();
        ProductConfig config = ProductConfigParser.parse(product);
        assertThat(config.policyChain()).as("not metered: no apicast").isEmpty();
        assertThat(config.listener()).isEqualTo(new ProductConfig.Listener("0.0.0.0", 8081, null, null));
    }

    @Test
    void theIdIsStableAcrossReloadsAndDiffersBetweenInstances() throws IOException {
        write("apis.yaml", instance("a", "http://0.0.0.0:8081", "http://u:1"), instance("b", "http://0.0.0.0:8082",
                "http://u:1"));
        long a = translate().get(0).content().path("id").asLong();
        long b = translate().get(1).content().path("id").asLong();

        assertThat(translate().get(0).content().path("id").asLong()).isEqualTo(a);
        assertThat(a).isNotEqualTo(b).isPositive();
    }

    @Test
    void anAddressWithoutPortListensOn8081AndIpv6AddressesAreUnbracketed() throws IOException {
        write("apis.yaml", instance("a", "http://127.0.0.1", "http://u:1"), instance("b", "\"http://[::1]:9001\"",
                "http://u:1"));

        List<ProductSource> products = translate();

        assertThat(products.get(0).content().path("proxy").path("listener").path("port").asInt()).isEqualTo(8081);
        assertThat(products.get(1).content().path("proxy").path("listener").path("address").asText()).isEqualTo("::1");
    }

    @Test
    void aServiceResourceGivesTheAddressOfAServiceEntryWithout() throws IOException {
        write("apis.yaml", """
                kind: ApiInstance
                metadata: {name: orders}
                spec:
                  address: http://0.0.0.0:8081
                  services:
                    orders-svc: {}
                """, """
                kind: Service
                metadata: {name: orders-svc}
                spec: {address: "https://orders.internal/v1"}
                """);

        assertThat(only().path("proxy").path("api_backend").asText()).isEqualTo("https://orders.internal/v1");
    }

    @Test
    void routesBecomeUpstreamEntriesGuardedByTheirRulesAfterThePolicies() throws IOException {
        write("apis.yaml", """
                kind: ApiInstance
                metadata: {name: shop}
                spec:
                  address: http://0.0.0.0:8081
                  services:
                    catalog: {address: "http://catalog:8080"}
                    orders:
                      address: "http://orders:8080/"
                      routes:
                        - rules: [{path: "/orders(/.*)?", methods: [GET, post]}]
                          config: {destinationPath: /api}
                        - rules: [{methods: "PUT|DELETE"}]
                  policies:
                    - policyRef: {name: http-basic-authentication}
                      config: {username: u, password: p}
                """);

        JsonNode chain = only().path("proxy").path("policy_chain");

        assertThat(chain.get(0).path("name").asText()).isEqualTo("basic_auth");
        assertThat(chain.get(1).toString()).isEqualTo("{\"name\":\"upstream\",\"version\":\"builtin\",\"configuration\":"
                + "{\"rules\":[{\"regex\":\"^/\",\"url\":\"http://orders:8080/api\"}]},\"rules\":[{\"methods\":[\"GET\","
                + "\"POST\"],\"path\":\"/orders(/.*)?\"}]}");
        assertThat(chain.get(2).path("rules").toString()).isEqualTo("[{\"methods\":[\"PUT\",\"DELETE\"]}]");
        assertThat(only().path("proxy").path("api_backend").asText()).isEqualTo("http://catalog:8080");
    }

    @Test
    void severalResourcesPerFileAndSeveralFilesInNameOrderHiddenAndOtherFilesIgnored() throws IOException {
        write("b.yml", binding("basic", "my-api", "http-basic-authentication", "{username: u, password: p}"));
        write("a.yaml", instance("my-api", "http://0.0.0.0:8081", "http://u:1"));
        Files.writeString(dir.resolve(".#a.yaml"), "not: [yaml");
        Files.writeString(dir.resolve("notes.txt"), "not: [yaml");

        assertThat(only().path("proxy").path("policy_chain").get(0).path("name").asText()).isEqualTo("basic_auth");
    }

    // ---- PolicyBinding ------------------------------------------------------------------------------------

    @Test
    void bindingsRunByOrderThenFileOrderWithInlinePoliciesFirstOnTies() throws IOException {
        write("apis.yaml", """
                kind: ApiInstance
                metadata: {name: my-api}
                spec:
                  address: http://0.0.0.0:8081
                  services: {u: {address: "http://u:1"}}
                  policies:
                    - policyRef: {name: header-removal}
                      config: {inboundHeaders: [X-Inline]}
                """,
                binding("late", "my-api", "header-injection", "{outboundHeaders: [{key: X-Late, value: '1'}]}")
                        + "  order: 90\n",
                binding("early", "my-api", "ip-blocklist", "{ips: [203.0.113.7], message: go away}") + "  order: 1\n",
                binding("default-order", "my-api", "header-injection", "{inboundHeaders: [{key: X-Default, value: d}]}"));

        JsonNode chain = only().path("proxy").path("policy_chain");

        assertThat(chain.get(0).toString()).isEqualTo("{\"name\":\"ip_check\",\"version\":\"builtin\",\"configuration\":"
                + "{\"check_type\":\"blacklist\",\"ips\":[\"203.0.113.7\"],\"error_msg\":\"go away\"}}");
        assertThat(chain.get(1).path("configuration").toString())
                .isEqualTo("{\"request\":[{\"op\":\"delete\",\"header\":\"X-Inline\"}],\"response\":[]}");
        assertThat(chain.get(2).path("configuration").toString())
                .isEqualTo("{\"request\":[{\"op\":\"set\",\"header\":\"X-Default\",\"value\":\"d\"}],\"response\":[]}");
        assertThat(chain.get(3).path("configuration").toString())
                .isEqualTo("{\"request\":[],\"response\":[{\"op\":\"set\",\"header\":\"X-Late\",\"value\":\"1\"}]}");
    }

    @Test
    void basicAuthenticationWithEnvironmentVariablesAndRules() throws IOException {
        write("apis.yaml", instance("my-api", "http://0.0.0.0:8081", "http://127.0.0.1:${UPSTREAM_PORT}"),
                binding("basic", "my-api", "http-basic-authentication",
                        "{username: $API_USER, password: \"${API_PASSWORD}$$\", realm: Users}")
                        + "  rules: [{path: \"/admin/.*\"}]\n");

        JsonNode product = only();
        JsonNode entry = product.path("proxy").path("policy_chain").get(0);

        assertThat(product.path("proxy").path("api_backend").asText()).isEqualTo("http://127.0.0.1:9000");
        assertThat(entry.path("configuration").toString())
                .isEqualTo("{\"username\":\"partner\",\"password\":\"s3cret$\",\"realm\":\"Users\"}");
        assertThat(entry.path("rules").toString()).isEqualTo("[{\"path\":\"/admin/.*\"}]");
    }

    @Test
    void rateLimitingCountsInTheSharedStorageOfTheConfiguration() throws IOException {
        write("apis.yaml", instance("my-api", "http://0.0.0.0:8081", "http://u:1"),
                binding("limit", "my-api", "rate-limiting", """
                        {rateLimits: [{maximumRequests: 3, timePeriodInMilliseconds: 60000}, \
                        {maximumRequests: 100, timePeriodInMilliseconds: 3600000}], keySelector: "{{ remote_addr }}"}"""),
                binding("local-limit", "my-api", "rate-limiting", """
                        {rateLimits: [{maximumRequests: 5, timePeriodInMilliseconds: 1000}], clusterizable: false}"""),
                """
                kind: Configuration
                metadata: {name: shared-storage}
                spec:
                  sharedStorage:
                    redis: {address: "redis:6379", username: gw, password: "p@ss", db: 2}
                """);

        JsonNode chain = only().path("proxy").path("policy_chain");

        assertThat(chain.get(0).path("configuration").toString()).isEqualTo("{\"fixed_window_limiters\":["
                + "{\"count\":3,\"window\":60,\"key\":{\"name\":\"{{ remote_addr }}#0\",\"name_type\":\"liquid\","
                + "\"scope\":\"service\"}},{\"count\":100,\"window\":3600,\"key\":{\"name\":\"{{ remote_addr }}#1\","
                + "\"name_type\":\"liquid\",\"scope\":\"service\"}}],\"redis_url\":\"redis://gw:p%40ss@redis:6379/2\"}");
        assertThat(chain.get(1).path("configuration").toString()).isEqualTo("{\"fixed_window_limiters\":["
                + "{\"count\":5,\"window\":1,\"key\":{\"name\":\"instance#0\",\"name_type\":\"plain\","
                + "\"scope\":\"service\"}}]}");
    }

    @Test
    void ipAllowlistCorsAndBuiltinNamesPassTheirConfiguration() throws IOException {
        write("apis.yaml", instance("my-api", "http://0.0.0.0:8081", "http://u:1"),
                binding("allow", "my-api", "ip-allowlist", "{ips: [10.0.0.0/8, \"::1\"]}") + "  order: 1\n",
                binding("cors", "my-api", "cors", "{allow_origin: \"https://app.example.com\", max_age: 60}")
                        + "  order: 2\n",
                binding("rewrite", "my-api", "url_rewriting", "{commands: [{op: sub, regex: ^/v1/, replace: /v2/}]}")
                        + "  order: 3\n");

        JsonNode chain = only().path("proxy").path("policy_chain");

        assertThat(chain.get(0).path("configuration").toString())
                .isEqualTo("{\"check_type\":\"whitelist\",\"ips\":[\"10.0.0.0/8\",\"::1\"]}");
        assertThat(chain.get(1).path("name").asText()).isEqualTo("cors");
        assertThat(chain.get(1).path("configuration").path("max_age").asInt()).isEqualTo(60);
        assertThat(chain.get(2).path("name").asText()).isEqualTo("url_rewriting");
    }

    @Test
    void clientIdEnforcementMetersTheInstanceAsTheControlPlaneProduct() throws IOException {
        write("apis.yaml", instance("my-api", "http://0.0.0.0:8081", "http://u:1"),
                binding("keys", "my-api", "client-id-enforcement",
                        "{productId: 42, credentials: app_id, location: headers, appIdName: X-App, appKeyName: X-Key}"));

        JsonNode product = only();

        assertThat(product.path("id").asLong()).isEqualTo(42);
        assertThat(product.path("backend_version").asText()).isEqualTo("2");
        assertThat(product.path("proxy").path("credentials_location").asText()).isEqualTo("headers");
        assertThat(product.path("proxy").path("auth_app_id").asText()).isEqualTo("X-App");
        assertThat(product.path("proxy").path("auth_app_key").asText()).isEqualTo("X-Key");
        assertThat(product.path("proxy").path("proxy_rules").toString()).isEqualTo("[{\"http_method\":\"ANY\","
                + "\"pattern\":\"/\",\"metric_system_name\":\"hits\",\"delta\":1}]");
        assertThat(product.path("proxy").path("policy_chain").get(0).path("name").asText()).isEqualTo("apicast");
    }

    @Test
    void tlsGivesAnHttpsListenerItsCertificate() throws IOException {
        TestCertificates.Pem pem = TestCertificates.in(Files.createDirectories(dir.resolve("tls"))).server("localhost");
        write("apis.yaml", instance("my-api", "https://0.0.0.0:8443", "http://u:1"), binding("tls", "my-api", "tls",
                "{certificate: " + pem.certificate() + ", key: " + pem.key() + "}"));

        ProductConfig config = ProductConfigParser.parse(only());

        assertThat(config.listener()).isEqualTo(new ProductConfig.Listener("0.0.0.0", 8443, pem.certificate(),
                pem.key()));
        assertThat(config.policyChain()).as("tls is the listener's, not a chain entry").isEmpty();
    }

    @Test
    void aBindingInAnotherNamespaceTargetsByNamespace() throws IOException {
        write("apis.yaml", """
                kind: ApiInstance
                metadata: {name: my-api, namespace: team-a}
                spec: {address: "http://0.0.0.0:8081", services: {u: {address: "http://u:1"}}}
                """, binding("basic", "my-api", "http-basic-authentication", "{username: u, password: p}")
                .replace("targetRef: {name: my-api}", "targetRef: {name: my-api, namespace: team-a}"));

        assertThat(only().path("name").asText()).isEqualTo("team-a/my-api");
    }

    // ---- errors: file, resource, field -----------------------------------------------------------------

    @Test
    void invalidYamlNamesTheFileLineAndColumn() throws IOException {
        Files.writeString(dir.resolve("apis.yaml"), HEAD + "kind: ApiInstance\nmetadata: {name: [x\n");

        assertThatThrownBy(this::translate).isInstanceOf(LocalConfigException.class)
                .hasMessageStartingWith("apis.yaml: not valid YAML (line ");
    }

    @Test
    void resourceEnvelopeErrors() throws IOException {
        Files.writeString(dir.resolve("a.yaml"), "apiVersion: gateway.mulesoft.com/v1alpha1\nkind: ApiInstance\n");
        assertRejected("a.yaml: resource 1: apiVersion: \"gateway.mulesoft.com/v1alpha1\" (expected: "
                + "gateway.tollgate.dev/v1alpha1)");

        Files.writeString(dir.resolve("a.yaml"), HEAD + "kind: Extension\nmetadata: {name: x}\nspec: {}\n");
        assertRejected("a.yaml: resource 1: kind: \"Extension\" (expected: one of ApiInstance, Service, PolicyBinding,"
                + " Configuration)");

        Files.writeString(dir.resolve("a.yaml"), HEAD + "kind: Service\nmetadata: {}\nspec: {}\n");
        assertRejected("a.yaml: resource 1: metadata.name: missing");

        Files.writeString(dir.resolve("a.yaml"), HEAD + "kind: Service\nmetadata: {name: My_Svc}\nspec: {}\n");
        assertRejected("a.yaml: resource 1: metadata.name: \"My_Svc\" (expected: lower-case letters, digits, '-' and "
                + "'.', starting and ending with a letter or digit)");

        Files.writeString(dir.resolve("a.yaml"), HEAD + "kind: Service\nmetadata: {name: s}\n");
        assertRejected("a.yaml: Service s: spec: missing");

        Files.writeString(dir.resolve("a.yaml"), HEAD + "kind: Service\nmetadata: {name: s}\nspec: {}\nstatus: {}\n");
        assertRejected("a.yaml: resource 1: status: unknown field (expected: one of apiVersion, kind, metadata, spec)");
    }

    @Test
    void aNameDeclaredTwiceNamesBothFiles() throws IOException {
        write("a.yaml", instance("my-api", "http://0.0.0.0:8081", "http://u:1"));
        write("b.yaml", instance("my-api", "http://0.0.0.0:8082", "http://u:1"));

        assertRejected("b.yaml: ApiInstance my-api: metadata.name: already declared in a.yaml");
    }

    @Test
    void anUndefinedVariableNamesFileResourceFieldAndVariable() throws IOException {
        write("apis.yaml", instance("my-api", "http://0.0.0.0:8081", "http://u:1"),
                binding("basic", "my-api", "http-basic-authentication", "{username: u, password: $NO_SUCH_VAR}"));

        assertRejected("apis.yaml: PolicyBinding basic: spec.config.password: environment variable NO_SUCH_VAR is not "
                + "defined");
    }

    @Test
    void apiInstanceErrors() throws IOException {
        write("apis.yaml", instance("my-api", "ftp://0.0.0.0:8081", "http://u:1"));
        assertRejected("apis.yaml: ApiInstance my-api: spec.address: \"ftp://0.0.0.0:8081\" (expected: http:// or "
                + "https://)");

        write("apis.yaml", instance("my-api", "http://0.0.0.0:8081/base", "http://u:1"));
        assertRejected("apis.yaml: ApiInstance my-api: spec.address: \"http://0.0.0.0:8081/base\" (expected: no base "
                + "path; an API instance has a port of its own and serves every path on it)");

        write("apis.yaml", instance("my-api", "http://0.0.0.0:8081", "h2://grpc:50051"));
        assertRejected("apis.yaml: ApiInstance my-api: spec.services.users.address: \"h2://grpc:50051\" (expected: "
                + "http:// or https://)");

        write("apis.yaml", instance("my-api", "https://0.0.0.0:8443", "http://u:1"));
        assertRejected("apis.yaml: ApiInstance my-api: spec.address: https needs a certificate: bind the tls policy to "
                + "this API instance (config: {certificate: /path/cert.pem, key: /path/key.pem})");

        write("apis.yaml", "kind: ApiInstance\nmetadata: {name: my-api}\nspec: {address: \"http://0.0.0.0:1\"}\n");
        assertRejected("apis.yaml: ApiInstance my-api: spec.services: missing (expected: at least one upstream, e.g. "
                + "{users: {address: http://users.internal:8080}})");

        write("apis.yaml", "kind: ApiInstance\nmetadata: {name: my-api}\nspec: {address: \"http://0.0.0.0:1\", "
                + "services: {orders: {}}}\n");
        assertRejected("apis.yaml: ApiInstance my-api: spec.services.orders: no address, and no Service \"orders\" in"
                + " the directory");

        write("apis.yaml", "kind: ApiInstance\nmetadata: {name: my-api}\nspec: {address: \"http://0.0.0.0:1\", "
                + "services: {a: {address: \"http://a\"}, b: {address: \"http://b\"}}}\n");
        assertRejected("apis.yaml: ApiInstance my-api: spec.services.b: a second service without routes (a already "
                + "takes every request no route takes; give one of them routes)");

        write("apis.yaml", "kind: ApiInstance\nmetadata: {name: my-api}\nspec: {address: \"http://0.0.0.0:1\", "
                + "services: {a: {address: \"http://a\", routes: [{rules: [{host: x}]}]}}}\n");
        assertRejected("apis.yaml: ApiInstance my-api: spec.services.a.routes[0].rules[0].host: unknown field "
                + "(expected: one of methods, path)");

        write("apis.yaml", "kind: ApiInstance\nmetadata: {name: my-api}\nspec: {address: \"http://0.0.0.0:1\", "
                + "services: {a: {address: \"http://a\", routes: [{config: {destinationPath: api}}]}}}\n");
        assertRejected("apis.yaml: ApiInstance my-api: spec.services.a.routes[0].config.destinationPath: \"api\" "
                + "(expected: a path starting with /)");

        write("apis.yaml", instance("a", "http://0.0.0.0:8081", "http://u:1"), instance("b", "http://127.0.0.1:8081",
                "http://u:1"));
        assertRejected("apis.yaml: ApiInstance b: spec.address: port 8081 is already apis.yaml: ApiInstance a's "
                + "(expected: one API instance per port)");
    }

    @Test
    void serviceAndConfigurationErrors() throws IOException {
        write("s.yaml", "kind: Service\nmetadata: {name: s}\nspec: {address: \"not a url\"}\n");
        assertRejected("s.yaml: Service s: spec.address: \"not a url\" (expected: a URL such as "
                + "http://orders.internal:8080)");

        write("s.yaml", "kind: Configuration\nmetadata: {name: c}\nspec: {logging: {}}\n");
        assertRejected("s.yaml: Configuration c: spec.logging: unknown field (expected: one of sharedStorage)");

        write("s.yaml", "kind: Configuration\nmetadata: {name: c}\nspec: {sharedStorage: {redis: {address: "
                + "\"redis://r:6379\"}}}\n");
        assertRejected("s.yaml: Configuration c: spec.sharedStorage.redis.address: \"redis://r:6379\" (expected: "
                + "host:port, e.g. redis:6379)");

        write("s.yaml", "kind: Configuration\nmetadata: {name: c}\nspec: {sharedStorage: {redis: {address: r:1, "
                + "db: 16}}}\n");
        assertRejected("s.yaml: Configuration c: spec.sharedStorage.redis.db: 16 (expected: 0..15)");

        write("s.yaml", "kind: Configuration\nmetadata: {name: c}\nspec: {sharedStorage: {redis: {address: r:1}}}\n",
                "kind: Configuration\nmetadata: {name: d}\nspec: {sharedStorage: {redis: {address: r:2}}}\n");
        assertRejected("s.yaml: Configuration d: spec.sharedStorage: shared storage is already configured by s.yaml: "
                + "Configuration c");
    }

    @Test
    void policyBindingErrors() throws IOException {
        String api = instance("my-api", "http://0.0.0.0:8081", "http://u:1");

        write("apis.yaml", api, binding("b", "other-api", "cors", "{}"));
        assertRejected("apis.yaml: PolicyBinding b: spec.targetRef.name: no ApiInstance \"other-api\" in the directory");

        write("apis.yaml", api, binding("b", "my-api", "cors", "{}").replace("{name: my-api}",
                "{name: my-api, kind: Selector}"));
        assertRejected("apis.yaml: PolicyBinding b: spec.targetRef.kind: \"Selector\" (expected: ApiInstance; local "
                + "mode binds policies to API instances)");

        write("apis.yaml", api, binding("b", "my-api", "jwt-validation", "{}"));
        assertRejected("apis.yaml: PolicyBinding b: spec.policyRef.name: \"jwt-validation\" (expected: one of "
                + LocalPolicies.known() + ")");

        write("apis.yaml", api, binding("b", "my-api", "http-basic-authentication", "{username: u}"));
        assertRejected("apis.yaml: PolicyBinding b: spec.config.password: missing");

        write("apis.yaml", api, binding("b", "my-api", "http-basic-authentication", "{username: u, password: p, "
                + "user: x}"));
        assertRejected("apis.yaml: PolicyBinding b: spec.config.user: unknown field (expected: one of username, "
                + "password, realm)");

        write("apis.yaml", api, binding("b", "my-api", "http-basic-authentication", "{username: \"a:b\", password: p}"));
        assertThatThrownBy(this::translate).isInstanceOf(LocalConfigException.class)
                .hasMessageStartingWith("apis.yaml: PolicyBinding b: spec.config.username: ")
                .hasMessageNotContaining("password: p");

        write("apis.yaml", api, binding("b", "my-api", "rate-limiting",
                "{rateLimits: [{maximumRequests: 1, timePeriodInMilliseconds: 1500}]}"));
        assertRejected("apis.yaml: PolicyBinding b: spec.config.rateLimits[0].timePeriodInMilliseconds: 1500 "
                + "(expected: whole seconds, a multiple of 1000)");

        write("apis.yaml", api, binding("b", "my-api", "rate-limiting", "{rateLimits: [{maximumRequests: 0, "
                + "timePeriodInMilliseconds: 1000}]}"));
        assertRejected("apis.yaml: PolicyBinding b: spec.config.rateLimits[0].maximumRequests: 0 (expected: "
                + "1..2147483647)");

        write("apis.yaml", api, binding("b", "my-api", "ip-allowlist", "{ips: [not-an-ip]}"));
        assertThatThrownBy(this::translate).isInstanceOf(LocalConfigException.class)
                .hasMessageStartingWith("apis.yaml: PolicyBinding b: spec.config.ips[0]: ");

        write("apis.yaml", api, binding("b", "my-api", "cors", "{}") + "  order: -1\n");
        assertRejected("apis.yaml: PolicyBinding b: spec.order: -1 (expected: 0..10000)");

        write("apis.yaml", api, binding("b", "my-api", "cors", "{}") + "  rules: [{methods: [FETCH]}]\n");
        assertRejected("apis.yaml: PolicyBinding b: spec.rules[0].methods: \"FETCH\" (expected: one of GET, POST, PUT,"
                + " PATCH, DELETE, HEAD, OPTIONS)");

        write("apis.yaml", api, binding("b", "my-api", "cors", "{}") + "  rules: [{path: \"(\"}]\n");
        assertThatThrownBy(this::translate).isInstanceOf(LocalConfigException.class)
                .hasMessageStartingWith("apis.yaml: PolicyBinding b: spec.rules[0].path: \"(\" (expected: a regular "
                        + "expression; ");

        write("apis.yaml", api, binding("b", "my-api", "client-id-enforcement", "{}"));
        assertRejected("apis.yaml: PolicyBinding b: spec.config.productId: missing (expected: the id of the control "
                + "plane's product whose applications may call this API instance)");

        write("apis.yaml", api, binding("b", "my-api", "client-id-enforcement", "{productId: 4}") + "  order: 1\n",
                binding("c", "my-api", "cors", "{}") + "  order: 2\n");
        assertRejected("apis.yaml: PolicyBinding c: spec.order: after client-id-enforcement (expected: a lower order; CORS "
                + "preflights carry no credentials)");

        write("apis.yaml", api, binding("b", "my-api", "tls", "{certificate: /no/such.pem, key: /no/such.key}"));
        assertRejected("apis.yaml: PolicyBinding b: spec.config.certificate: /no/such.pem (expected: a readable PEM "
                + "file)");

        write("apis.yaml", api, binding("b", "my-api", "maintenance_mode", "{status: 42}"));
        assertThatThrownBy(this::translate).isInstanceOf(LocalConfigException.class)
                .hasMessageStartingWith("apis.yaml: PolicyBinding b: spec.config.status: ");
    }
}
