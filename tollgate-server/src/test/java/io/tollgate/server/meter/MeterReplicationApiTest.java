package io.tollgate.server.meter;

import static io.tollgate.server.testing.ApplicationFixtures.application;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tollgate.meter.Period;
import io.tollgate.meter.config.MeterApp;
import io.tollgate.meter.config.MeterImage;
import io.tollgate.meter.config.MeterLimit;
import io.tollgate.meter.config.MeterPlan;
import io.tollgate.server.testing.ApiClient;
import io.tollgate.server.testing.ApplicationFixtures;
import io.tollgate.server.testing.DeveloperFixtures;
import io.tollgate.server.testing.PlanFixtures;
import io.tollgate.server.testing.PlatformTest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Admin API writes reach the in-process meter configuration within a second; resync is for the master. */
class MeterReplicationApiTest extends PlatformTest {
    private static final Duration WITHIN = Duration.ofSeconds(1);

    private static MeterImage image() {
        return platform.meterConfig().current();
    }

    @Test
    void theConfigurationIsPublishedAtStart() {
        long tenant = admin.get("/admin/api/provider.json").at("/account/id").asLong();

        assertThat(image().version()).isPositive();
        assertThat(image().tenant(tenant)).isPresent();
    }

    @Test
    void anApplicationSuspensionAndALimitChangeReachTheMeterWithinASecond() {
        ApplicationFixtures apps = new ApplicationFixtures(admin);
        long product = apps.product("1");
        long hits = fixtures.hits("/admin/api/services/" + product);
        long plan = apps.plan(product, false);
        long account = new DeveloperFixtures(admin).account();
        long app = apps.application(account, plan, Map.of("user_key", "replicated-key"));
        await().atMost(WITHIN).until(() -> image().appByUserKey(product, "replicated-key").isPresent());
        long before = image().version();

        assertThat(admin.put(application(account, app) + "/suspend.json", Map.of()).status()).isEqualTo(200);
        await().atMost(WITHIN).until(() -> image().app(app).map(MeterApp::state).equals(Optional.of("suspended")));

        ApiClient.Response limit = admin.post(PlanFixtures.limits(plan, hits) + ".json",
                Map.of("period", "hour", "value", 60));
        assertThat(limit.status()).as(limit.text()).isEqualTo(201);
        await().atMost(WITHIN).until(() -> image().plan(plan).map(MeterPlan::limits).orElseThrow()
                .contains(new MeterLimit(hits, Period.HOUR, 60)));
        admin.put(PlanFixtures.limits(plan, hits) + "/" + limit.at("/limit/id").asLong() + ".json",
                Map.of("value", 0));
        await().atMost(WITHIN).until(() -> image().plan(plan).map(MeterPlan::limits).orElseThrow()
                .contains(new MeterLimit(hits, Period.HOUR, 0)));
        assertThat(image().version()).isGreaterThan(before);
        assertThat(image().app(app).orElseThrow().active()).isFalse();
    }

    @Test
    void resyncPublishesSynchronouslyForTheMasterOnly() {
        ApiClient.Response refused = admin.post("/master/api/meter/resync.json", Map.of());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().toString()).isEqualTo("{\"error\":\"Access denied\"}");
        long product = new ApplicationFixtures(admin).product("1");
        // Let the rebuild that creation caused finish, so the resync's snapshot is the last one.
        await().atMost(WITHIN).until(() -> image().service(product).isPresent());

        ApiClient.Response resync = platform.master().post("/master/api/meter/resync.json", Map.of());

        assertThat(resync.status()).as(resync.text()).isEqualTo(200);
        MeterImage image = image();
        assertThat(resync.json().toString()).isEqualTo("{\"resync\":{\"version\":" + image.version()
                + ",\"tenants\":" + image.snapshot().tenants().size()
                + ",\"services\":" + image.snapshot().services().size()
                + ",\"plans\":" + image.snapshot().plans().size()
                + ",\"applications\":" + image.snapshot().apps().size() + "}}");
        assertThat(resync.at("/resync/tenants").asInt()).isPositive();
    }
}
