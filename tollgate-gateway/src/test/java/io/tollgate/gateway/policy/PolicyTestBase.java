package io.tollgate.gateway.policy;

import static io.tollgate.gateway.testing.ProductJson.product;
import static io.tollgate.gateway.testing.TestMeter.hitsId;
import static io.tollgate.gateway.testing.TestMeter.limit;

import io.tollgate.gateway.testing.GatewayHarness;
import io.tollgate.gateway.testing.GatewayHarness.Response;
import io.tollgate.gateway.testing.ProductJson;
import io.tollgate.meter.Period;
import io.vertx.core.http.HttpMethod;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * End-to-end policy tests: a gateway with product 7 ({@code pets.example.com}, user_key in the query,
 * rules {@code GET /} on hits), application {@code good-key} on a plan of 5 hits a minute, and the
 * fake upstream behind {@code api_backend}.
 */
public abstract class PolicyTestBase {
    protected static final String HOST = "pets.example.com";
    protected GatewayHarness gw;

    @BeforeEach
    void startGateway() {
        gw = GatewayHarness.start();
        gw.meter.service(7).plan(70, 7, limit(hitsId(7), Period.MINUTE, 5)).userKeyApp(700, 7, 70, "good-key")
                .publish();
    }

    @AfterEach
    void stopGateway() {
        gw.close();
    }

    /** Product 7 with chain [apicast] and one rule {@code GET /} (every GET path matches). */
    protected ProductJson pets() {
        return product(7, HOST).apiBackend(gw.upstream.url()).rule("GET", "/", "hits").rule("POST", "/", "hits");
    }

    /** Loads the product and fails when it was rejected. */
    protected void load(ProductJson product) {
        Assertions.assertThat(gw.load(product).rejected()).isEmpty();
    }

    /** Loads the product expecting it rejected; returns the message. */
    protected String rejected(ProductJson product) {
        var rejected = gw.load(product).rejected();
        Assertions.assertThat(rejected).hasSize(1);
        return rejected.get(0);
    }

    protected Response get(String uri) {
        return gw.get(HOST, uri);
    }

    protected Response get(String uri, Map<String, String> headers) {
        return gw.send(HttpMethod.GET, HOST, uri, headers, null);
    }
}
