package io.tollgate.gateway.policy.caching;

import static io.tollgate.gateway.testing.ProductJson.product;
import static io.tollgate.gateway.testing.TestMeter.hitsId;
import static io.tollgate.gateway.testing.TestMeter.limit;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.gateway.credentials.AppCredentials;
import io.tollgate.gateway.meter.Authorization;
import io.tollgate.gateway.meter.GatewayMeter;
import io.tollgate.gateway.testing.GatewayHarness;
import io.tollgate.gateway.testing.ProductJson;
import io.tollgate.meter.Period;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The caching modes with a meter that becomes unavailable on demand. */
class CachingPolicyTest {
    private static final String HOST = "pets.example.com";
    private final AtomicBoolean meterDown = new AtomicBoolean();
    private GatewayHarness gw;

    @BeforeEach
    void start() {
        gw = GatewayHarness.start(real -> (GatewayMeter) (product, credentials, usage, referrer) -> meterDown.get()
                ? CompletableFuture.completedFuture(Authorization.of(Authorization.Outcome.UNAVAILABLE, "down"))
                : real.authrep(product, credentials, usage, referrer));
        gw.meter.service(7, "list", "create").plan(70, 7, limit(hitsId(7), Period.MINUTE, 100))
                .plan(71, 7, limit(hitsId(7), Period.MINUTE, 1))
                .userKeyApp(700, 7, 70, "good-key").userKeyApp(701, 7, 71, "tight-key").publish();
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    private ProductJson pets(String mode) {
        return product(7, HOST).apiBackend(gw.upstream.url()).rule("GET", "/pets", "list").rule("GET", "/new", "create")
                .policyFirst("caching", "{\"caching_type\":\"" + mode + "\"}");
    }

    private int status(String uri) {
        return gw.get(HOST, uri).status();
    }

    @Test
    void strictAndNoneRefuseWith503WhileTheMeterIsDown() {
        for (String mode : new String[] {"strict", "none"}) {
            gw.load(pets(mode));
            assertThat(status("/pets?user_key=good-key")).isEqualTo(200);
            meterDown.set(true);
            assertThat(status("/pets?user_key=good-key")).as(mode).isEqualTo(503);
            meterDown.set(false);
        }
        assertThat(gw.upstream.received()).hasSize(2);
    }

    @Test
    void resilientRepeatsTheLastAnswerForTheSameCredentialsAndUsage() {
        gw.load(pets("resilient"));
        assertThat(status("/pets?user_key=good-key")).isEqualTo(200);
        assertThat(status("/pets?user_key=wrong")).isEqualTo(403);
        assertThat(status("/pets?user_key=tight-key")).isEqualTo(200);
        assertThat(status("/pets?user_key=tight-key")).isEqualTo(429);
        gw.upstream.clear();

        meterDown.set(true);

        assertThat(status("/pets?user_key=good-key")).isEqualTo(200);
        assertThat(status("/pets?user_key=wrong")).isEqualTo(403);
        assertThat(status("/pets?user_key=tight-key")).isEqualTo(429);
        assertThat(status("/new?user_key=good-key")).isEqualTo(503); // never seen with this usage
        assertThat(gw.upstream.received()).hasSize(1);
    }

    @Test
    void allowLetsEverythingThroughUnlessTheLastAnswerWasADenial() {
        gw.load(pets("allow"));
        assertThat(status("/pets?user_key=wrong")).isEqualTo(403);
        assertThat(status("/pets?user_key=tight-key")).isEqualTo(200);
        assertThat(status("/pets?user_key=tight-key")).isEqualTo(429);
        gw.upstream.clear();

        meterDown.set(true);

        assertThat(status("/pets?user_key=never-seen")).isEqualTo(200);
        assertThat(status("/new?user_key=tight-key")).isEqualTo(200); // the denial was for another usage
        assertThat(status("/pets?user_key=tight-key")).isEqualTo(429);
        assertThat(status("/new?user_key=wrong")).isEqualTo(403); // invalid credentials, whatever the usage
        assertThat(gw.upstream.received()).hasSize(2);
    }

    @Test
    void theMemoryIsBoundedByMaxEntries() {
        CachingPolicy policy = new CachingPolicy(CachingPolicy.Mode.RESILIENT, 3);
        LastAnswers<String> answers = new LastAnswers<>(3);
        for (int i = 0; i < 1000; i++) {
            answers.put("key-" + i, Authorization.authorized(null));
        }

        assertThat(answers.size()).isEqualTo(3);
        assertThat(answers.get("key-999")).isNotNull();
        assertThat(policy.remembered()).isZero();
        assertThat(new LastAnswers.Request(AppCredentials.userKey("k"), java.util.Map.of("hits", 1L)))
                .isEqualTo(new LastAnswers.Request(AppCredentials.userKey("k"), java.util.Map.of("hits", 1L)));
    }

    @Test
    void invalidConfigurationsNameTheField() {
        var rejected = gw.load(product(7, HOST).policyFirst("caching", "{\"caching_type\":\"sometimes\"}")).rejected();
        assertThat(rejected).singleElement().asString()
                .contains("policy_chain[0] (caching): configuration: caching_type: \"sometimes\" (expected: one of"
                        + " strict, resilient, allow, none)");
        assertThat(gw.load(product(7, HOST).policyFirst("caching", "{}")).rejected()).singleElement().asString()
                .contains("caching_type: missing");
    }
}
