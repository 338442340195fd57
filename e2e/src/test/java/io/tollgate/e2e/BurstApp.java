package io.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A product (app_id/app_key authentication), a plan with {@code limit} hits per hour and one application,
 * created through the admin API as a user would; the meter's credentials for it.
 *
 * @param id the application's id (the Redis hash tag of its keys)
 */
record BurstApp(long id, long hitsId, long serviceId, String serviceToken, String appId, String appKey) {
    /** Creates everything with a per-run suffix; fails on any unexpected admin answer. */
    static BurstApp create(String adminUrl, String token, int limit) throws IOException, InterruptedException {
        String run = Long.toString(System.currentTimeMillis(), 36);
        Http.Response service = created(Http.postJson(adminUrl, "/admin/api/services.json", token,
                "{\"name\":\"Multi-node " + run + "\",\"backend_version\":\"2\"}"));
        long serviceId = service.json().at("/service/id").asLong();
        long hits = -1;
        for (var metric : ok(Http.get(adminUrl, "/admin/api/services/" + serviceId + "/metrics.json", token))
                .json().path("metrics")) {
            if ("hits".equals(metric.at("/metric/system_name").asText())) {
                hits = metric.at("/metric/id").asLong();
            }
        }
        assertThat(hits).as("the product's hits metric").isPositive();
        long plan = created(Http.postJson(adminUrl, "/admin/api/services/" + serviceId + "/application_plans.json",
                token, "{\"name\":\"Burst\"}")).json().at("/application_plan/id").asLong();
        created(Http.postJson(adminUrl, "/admin/api/application_plans/" + plan + "/metrics/" + hits + "/limits.json",
                token, "{\"period\":\"hour\",\"value\":" + limit + "}"));
        long account = created(Http.postJson(adminUrl, "/admin/api/signup.json", token,
                "{\"org_name\":\"Burst " + run + "\",\"username\":\"burst" + run + "\",\"email\":\"burst" + run
                        + "@e2e.test\",\"password\":\"secret123\"}")).json().at("/account/id").asLong();
        Http.Response app = created(Http.postJson(adminUrl, "/admin/api/accounts/" + account + "/applications.json",
                token, "{\"plan_id\":" + plan + ",\"name\":\"Burst app\"}"));
        long id = app.json().at("/application/id").asLong();
        String appKey = ok(Http.get(adminUrl, "/admin/api/accounts/" + account + "/applications/" + id
                + "/keys.json", token)).json().at("/keys/0/key/value").asText();
        String serviceToken = ok(Http.get(adminUrl, "/admin/api/services/" + serviceId + "/service_tokens.json",
                token)).json().at("/service_tokens/0/service_token/value").asText();
        assertThat(appKey).as("application key").isNotBlank();
        assertThat(serviceToken).as("service token").isNotBlank();
        return new BurstApp(id, hits, serviceId, serviceToken, app.json().at("/application/application_id").asText(),
                appKey);
    }

    /** {@code /transactions/authrep.xml?…&usage[hits]=1}. */
    String authrepQuery() {
        return "/transactions/authrep.xml?" + credentials() + "&usage%5Bhits%5D=1";
    }

    /** {@code /transactions/authorize.xml?…&usage[hits]=1}: checks without counting. */
    String authorizeQuery() {
        return "/transactions/authorize.xml?" + credentials() + "&usage%5Bhits%5D=1";
    }

    private String credentials() {
        return "service_token=" + encode(serviceToken) + "&service_id=" + serviceId + "&app_id=" + encode(appId)
                + "&app_key=" + encode(appKey);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Http.Response created(Http.Response response) {
        assertThat(response.status()).as("admin API create: %s", response.json()).isEqualTo(201);
        return response;
    }

    private static Http.Response ok(Http.Response response) {
        assertThat(response.status()).as("admin API read: %s", response.json()).isEqualTo(200);
        return response;
    }
}
