package io.tollgate.server.contract;

import static io.tollgate.server.testing.ApplicationFixtures.application;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.common.Secrets;
import io.tollgate.meter.Period;
import io.tollgate.meter.config.MeterApp;
import io.tollgate.meter.config.MeterLimit;
import io.tollgate.meter.config.MeterMetric;
import io.tollgate.meter.config.MeterPlan;
import io.tollgate.meter.config.MeterService;
import io.tollgate.meter.config.MeterSnapshot;
import io.tollgate.meter.config.MeterTenant;
import io.tollgate.server.meter.MeterSnapshots;
import io.tollgate.server.testing.AdminFixtures;
import io.tollgate.server.testing.ApiClient;
import io.tollgate.server.testing.ApplicationFixtures;
import io.tollgate.server.testing.DeveloperFixtures;
import io.tollgate.server.testing.PlanFixtures;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The meter's configuration built from the database on each engine: a tenant with a product using a
 * backend (metrics and methods on both), plans with a product and a backend limit, and applications
 * with keys and referrer filters, compared record by record.
 */
abstract class MeterSnapshotContract extends DatabaseContract {

    @Test
    void buildsTheExactSnapshotOfATenant() {
        ApiClient.Response signup = platform.master().post("/master/api/providers.json", Map.of("org_name",
                "Snapshot Org", "username", "snap", "email", "snap@example.com", "password", "secret-pass"));
        assertThat(signup.status()).as(signup.text()).isEqualTo(201);
        long tenant = signup.at("/signup/account/id").asLong();
        String providerKey = signup.at("/signup/account/provider_key").asText();
        ApiClient client = platform.as(signup.at("/signup/access_token/value").asText());
        AdminFixtures catalogue = new AdminFixtures(client);
        ApplicationFixtures apps = new ApplicationFixtures(client);

        ApiClient.Response created = client.post("/admin/api/services.json", Map.of("name", "Snap",
                "backend_version", "2", "referrer_filters_required", true));
        long product = created.at("/service/id").asLong();
        String productPath = "/admin/api/services/" + product;
        long hits = catalogue.hits(productPath);
        long method = catalogue.method(productPath);
        long metric = catalogue.metric(productPath);
        long backend = catalogue.backend();
        String backendPath = "/admin/api/backend_apis/" + backend;
        long backendHits = catalogue.hits(backendPath);
        long backendMethod = catalogue.method(backendPath);
        long backendMetric = catalogue.metric(backendPath);
        catalogue.usage(product, backend, "/b");
        long later = apps.product("1");
        long plan = apps.plan(product, false);
        long gated = apps.plan(product, true);
        created(client.post(PlanFixtures.limits(plan, hits) + ".json", Map.of("period", "day", "value", 1000)));
        created(client.post(PlanFixtures.limits(plan, backendMethod) + ".json", Map.of("period", "minute",
                "value", 5)));
        long developer = new DeveloperFixtures(client).account();
        long live = apps.application(developer, plan, Map.of("application_id", "snap-live", "application_key",
                "k1"));
        created(client.post(application(developer, live) + "/keys.json", Map.of("key", "k2")));
        created(client.post(application(developer, live) + "/referrer_filters.json",
                Map.of("referrer_filter", "*.example.com")));
        created(client.post(application(developer, live) + "/referrer_filters.json",
                Map.of("referrer_filter", "example.org")));
        long pending = apps.application(developer, gated, Map.of("application_id", "snap-pending",
                "application_key", "k3"));
        String token = client.get(productPath + "/service_tokens.json").at("/service_tokens/0/service_token/value")
                .asText();

        MeterSnapshots snapshots = new MeterSnapshots(platform.database(), Clock.systemUTC());
        MeterSnapshot snapshot = snapshots.build();

        assertThat(snapshot.tenants()).filteredOn(t -> t.id() == tenant)
                .containsExactly(new MeterTenant(tenant, Secrets.sha256(providerKey), product, true));
        assertThat(snapshot.services()).filteredOn(s -> s.tenantId() == tenant).extracting(MeterService::id)
                .containsExactly(product, later);
        assertThat(snapshot.services()).filteredOn(s -> s.id() == product).containsExactly(new MeterService(product,
                tenant, "2", true, Set.of(Secrets.sha256(token)), true, List.of(
                        new MeterMetric(hits, "hits", 0),
                        new MeterMetric(method, systemName(client, productPath, method), hits),
                        new MeterMetric(metric, systemName(client, productPath, metric), 0),
                        new MeterMetric(backendHits, "hits." + backend, hits),
                        new MeterMetric(backendMethod, systemName(client, backendPath, backendMethod) + "." + backend,
                                backendHits),
                        new MeterMetric(backendMetric, systemName(client, backendPath, backendMetric) + "." + backend,
                                0))));
        assertThat(snapshot.plans()).filteredOn(p -> p.serviceId() == product).containsExactly(
                new MeterPlan(plan, product, planName(client, product, plan), List.of(
                        new MeterLimit(hits, Period.DAY, 1000), new MeterLimit(backendMethod, Period.MINUTE, 5))),
                new MeterPlan(gated, product, planName(client, product, gated), List.of()));
        assertThat(snapshot.apps()).filteredOn(a -> a.serviceId() == product).containsExactly(
                new MeterApp(live, product, plan, "live", null, "snap-live", List.of("k1", "k2"),
                        List.of("*.example.com", "example.org"), null),
                new MeterApp(pending, product, gated, "pending", null, "snap-pending", List.of("k3"), List.of(),
                        null));

        ApiClient.Response suspended = platform.master().put("/master/api/providers/" + tenant + ".json",
                Map.of("state_event", "suspend"));
        assertThat(suspended.status()).as(suspended.text()).isEqualTo(200);
        MeterSnapshot after = snapshots.build();
        assertThat(after.version()).isGreaterThan(snapshot.version());
        assertThat(after.tenants()).filteredOn(t -> t.id() == tenant).extracting(MeterTenant::active)
                .containsExactly(false);
        assertThat(after.services()).filteredOn(s -> s.tenantId() == tenant).extracting(MeterService::active)
                .containsExactly(false, false);
    }

    private static String systemName(ApiClient client, String ownerPath, long metricId) {
        ApiClient.Response metric = client.get(ownerPath + "/metrics/" + metricId + ".json");
        assertThat(metric.status()).as(metric.text()).isEqualTo(200);
        return metric.json().elements().next().get("system_name").asText();
    }

    private static String planName(ApiClient client, long product, long plan) {
        return client.get(PlanFixtures.plans(product) + "/" + plan + ".json").at("/application_plan/name").asText();
    }

    private static void created(ApiClient.Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(201);
    }
}
