package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** application list/create/show/apply/delete and account find. */
class ApplicationCommandsTest extends CliTest {
    private static long accountId;
    private static long serviceId;
    private static long planId;
    private static long otherPlanId;

    @BeforeAll
    static void developerAccountAndPlans() {
        accountId = Fixtures.id(a.post("/admin/api/signup.json", Map.of("org_name", "Acme", "username", "acme-admin",
                "email", "admin@acme.example", "password", "secret-pass")), "/account/id");
        serviceId = product(a, "Apps API");
        planId = Fixtures.id(a.post("/admin/api/services/" + serviceId + "/application_plans.json",
                Map.of("name", "Free")), "/application_plan/id");
        otherPlanId = Fixtures.id(a.post("/admin/api/services/" + serviceId + "/application_plans.json",
                Map.of("name", "Paid")), "/application_plan/id");
    }

    @Test
    void findsAccountsByIdEmailUsernameAndUserId() {
        assertThat(ok("account", "find", "a", "admin@acme.example").out()).contains("Acme");
        assertThat(ok("account", "find", "a", "acme-admin", "-o", "json").json().path("id").asLong()).isEqualTo(accountId);
        assertThat(ok("account", "find", "a", String.valueOf(accountId), "-a").json().path("org_name").asText())
                .isEqualTo("Acme");
        assertThat(ok("account", "find", "a", "nobody@nowhere.example").out().strip()).isEqualTo("Account not found");
    }

    @Test
    void createsShowsListsAndDeletesAnApplication() {
        ok("application", "create", "a", "acme-admin", "apps_api", "free", "My app", "--user-key", "my-user-key",
                "--description", "first");
        JsonNode app = a.get("/admin/api/applications/find.json?user_key=my-user-key").at("/application");
        assertThat(app.path("name").asText()).isEqualTo("My app");
        assertThat(app.path("account_id").asLong()).isEqualTo(accountId);
        assertThat(app.path("plan_id").asLong()).isEqualTo(planId);

        assertThat(ok("application", "show", "a", "my-user-key", "-o", "json").json().path("id").asLong())
                .isEqualTo(app.path("id").asLong());
        assertThat(ok("application", "show", "a", String.valueOf(app.path("id").asLong())).out()).contains("My app");
        assertThat(ok("application", "list", "a", "--account", "acme-admin").out()).contains("My app");
        assertThat(ok("application", "list", "a", "--service", "apps_api", "--plan", "free", "-o", "json").json()
                .findValuesAsText("name")).contains("My app");
        assertThat(ok("application", "list", "a", "--service", "apps_api", "--plan", "paid", "-o", "json").json()
                .findValuesAsText("name")).doesNotContain("My app");
        assertThat(fails("application", "list", "a", "--plan", "free")).startsWith("--plan needs --service");

        ok("application", "delete", "a", "my-user-key");
        assertThat(a.get("/admin/api/applications/find.json?user_key=my-user-key").status()).isEqualTo(404);
    }

    @Test
    void applyCreatesUpdatesSuspendsResumesAndRefusesToMove() {
        assertThat(fails("application", "apply", "a", "applied-key")).contains("give --account, --service, --plan and --name");
        ok("application", "apply", "a", "applied-key", "--account", String.valueOf(accountId), "--service", "apps_api",
                "--plan", "free", "--name", "Applied");
        JsonNode app = a.get("/admin/api/applications/find.json?user_key=applied-key").at("/application");
        assertThat(app.path("name").asText()).isEqualTo("Applied");

        ok("application", "apply", "a", "applied-key", "--description", "changed", "--suspend");
        app = a.get("/admin/api/applications/find.json?user_key=applied-key").at("/application");
        assertThat(app.path("description").asText()).isEqualTo("changed");
        assertThat(app.path("state").asText()).isEqualTo("suspended");
        ok("application", "apply", "a", "applied-key", "--resume");
        assertThat(a.get("/admin/api/applications/find.json?user_key=applied-key").at("/application/state").asText())
                .isEqualTo("live");

        assertThat(fails("application", "apply", "a", "applied-key", "--plan", "paid", "--name", "Moved"))
                .isEqualTo("application apply cannot change the plan of existing application " + app.path("id").asLong()
                        + "; nothing was changed");
        app = a.get("/admin/api/applications/find.json?user_key=applied-key").at("/application");
        assertThat(app.path("plan_id").asLong()).isEqualTo(planId);
        assertThat(app.path("name").asText()).isEqualTo("Applied");
        assertThat(otherPlanId).isNotEqualTo(planId);
    }
}
