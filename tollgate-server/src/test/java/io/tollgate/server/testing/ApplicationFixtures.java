package io.tollgate.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

/**
 * Creates products of a given backend version, plans and applications through the admin API for
 * application tests, failing fast when a setup call does not succeed.
 */
public final class ApplicationFixtures {
    private final ApiClient client;

    public ApplicationFixtures(ApiClient client) {
        this.client = client;
    }

    /** A new product authenticating by {@code backendVersion} ("1", "2" or "oidc"). */
    public long product(String backendVersion) {
        ApiClient.Response created = client.post("/admin/api/services.json", Map.of("service",
                Map.of("name", AdminFixtures.unique("Product"), "backend_version", backendVersion)));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.at("/service/backend_version").asText()).isEqualTo(backendVersion);
        return created.at("/service/id").asLong();
    }

    /** A new plan of the product, requiring approval when {@code approvalRequired}. */
    public long plan(long productId, boolean approvalRequired) {
        ApiClient.Response created = client.post("/admin/api/services/" + productId + "/application_plans.json",
                Map.of("application_plan", Map.of("name", AdminFixtures.unique("Plan"),
                        "approval_required", approvalRequired, "state_event", "publish")));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.at("/application_plan/id").asLong();
    }

    /** Creates an application of the account on the plan, with extra fields; returns the response. */
    public ApiClient.Response create(long accountId, long planId, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(extra);
        body.put("plan_id", planId);
        body.putIfAbsent("name", AdminFixtures.unique("App"));
        return client.post(applications(accountId), body);
    }

    /** A new application's id. */
    public long application(long accountId, long planId, Map<String, Object> extra) {
        ApiClient.Response created = create(accountId, planId, extra);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.at("/application/id").asLong();
    }

    /** {@code /admin/api/accounts/:id/applications.json}. */
    public static String applications(long accountId) {
        return "/admin/api/accounts/" + accountId + "/applications.json";
    }

    /** {@code /admin/api/accounts/:id/applications/:app_id} (no suffix). */
    public static String application(long accountId, long applicationId) {
        return "/admin/api/accounts/" + accountId + "/applications/" + applicationId;
    }
}
