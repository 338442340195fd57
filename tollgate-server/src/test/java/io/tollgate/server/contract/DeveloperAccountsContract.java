package io.tollgate.server.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.server.testing.ApiClient;
import io.tollgate.server.testing.DeveloperFixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Developer accounts and users driven over HTTP against each supported system database, so the
 * tenant-wide uniqueness check (with its row lock), the cascades and the lookups run on the real
 * engines.
 */
abstract class DeveloperAccountsContract extends DatabaseContract {
    private DeveloperFixtures developers;

    @BeforeAll
    void moreFixtures() {
        developers = new DeveloperFixtures(admin);
    }

    @Test
    void accountWithUsersRoundTripsAndDeleteCascades() {
        String name = DeveloperFixtures.unique("contract");
        long account = developers.account(name);
        String path = "/admin/api/accounts/" + account;
        long member = developers.user(account, name + "m", "member");

        assertThat(admin.put(path + ".json", Map.of("org_name", "Renamed")).at("/account/org_name").asText())
                .isEqualTo("Renamed");
        assertThat(admin.put(path + "/make_pending.json", Map.of()).at("/account/state").asText())
                .isEqualTo("pending");
        assertThat(admin.get("/admin/api/accounts.json?state=pending").at("/accounts/0/account/id").asLong())
                .isEqualTo(account);
        assertThat(admin.put(path + "/users/" + member + "/activate.json", Map.of()).at("/user/state").asText())
                .isEqualTo("active");
        assertThat(admin.get("/admin/api/accounts/find.json?email=" + name + "@example.com")
                .at("/account/id").asLong()).isEqualTo(account);
        assertThat(admin.get("/admin/api/accounts/find.json?username=" + name + "m").at("/account/id").asLong())
                .isEqualTo(account);
        assertThat(admin.get("/admin/api/accounts/find.json?user_id=" + member).at("/account/id").asLong())
                .isEqualTo(account);
        assertThat(admin.get("/admin/api/accounts/0.json").status()).isEqualTo(404);
        long owner = developers.firstUser(account);
        assertThat(admin.delete(path + "/users/" + owner + ".json").status()).isEqualTo(403);
        String token = platform.sessions().create(member);
        assertThat(platform.sessions().validate(token)).isPresent();

        assertThat(admin.delete(path + ".json").status()).isEqualTo(200);

        assertThat(admin.get(path + ".json").status()).isEqualTo(404);
        assertThat(admin.get("/admin/api/accounts/find.json?user_id=" + member).status()).isEqualTo(404);
        assertThat(platform.sessions().validate(token)).isEmpty();
        int users = platform.database().read(h -> h.createQuery("SELECT COUNT(*) FROM users WHERE account_id = :id")
                .bind("id", account).mapTo(Integer.class).one());
        assertThat(users).isZero();
    }

    @Test
    void namesCompareExactlyAndAreUniqueAcrossAccounts() {
        String name = DeveloperFixtures.unique("Exact");
        developers.account(name);

        ApiClient.Response clash = admin.post("/admin/api/signup.json", Map.of("org_name", "Clash",
                "username", name, "email", "other-" + name + "@example.com"));
        assertThat(clash.status()).isEqualTo(422);
        assertThat(clash.json().toString()).isEqualTo("{\"errors\":{\"username\":[\"has already been taken\"]}}");
        // Case differs: another user, as on every engine (MariaDB uses a binary collation).
        assertThat(developers.account(name.toLowerCase(Locale.ROOT))).isPositive();
    }

    @Test
    void concurrentSignupsWithTheSameUsernameCreateExactlyOneAccount() throws Exception {
        String name = DeveloperFixtures.unique("race");
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int n = i;
            calls.add(() -> admin.post("/admin/api/signup.json", Map.of("org_name", "Race " + n,
                    "username", name, "email", name + n + "@example.com")).status());
        }

        assertThat(concurrently(calls)).containsOnly(201, 422).filteredOn(s -> s == 201).hasSize(1);
        assertThat(admin.get("/admin/api/accounts/find.json?username=" + name).status()).isEqualTo(200);
    }

    @Test
    void concurrentUsersWithTheSameEmailUnderTwoAccountsCreateExactlyOne() throws Exception {
        long first = developers.account();
        long second = developers.account();
        String name = DeveloperFixtures.unique("twin");
        List<Callable<Integer>> calls = new ArrayList<>();
        long[] accounts = {first, second, first, second};
        for (int i = 0; i < accounts.length; i++) {
            String path = "/admin/api/accounts/" + accounts[i] + "/users.json";
            String username = name + "-" + i;
            calls.add(() -> admin.post(path, Map.of("username", username, "email", name + "@example.com")).status());
        }

        assertThat(concurrently(calls)).containsOnly(201, 422).filteredOn(s -> s == 201).hasSize(1);
        assertThat(admin.get("/admin/api/accounts/find.json?email=" + name + "@example.com").status())
                .isEqualTo(200);
    }

    @Test
    void concurrentDeletesOfTwoAdminsLeaveOneAdmin() throws Exception {
        long account = developers.account();
        long owner = developers.firstUser(account);
        long second = developers.user(account, DeveloperFixtures.unique("second"), "admin");
        String base = "/admin/api/accounts/" + account + "/users/";

        List<Integer> statuses = concurrently(List.of(() -> admin.delete(base + owner + ".json").status(),
                () -> admin.delete(base + second + ".json").status()));

        assertThat(statuses).containsExactlyInAnyOrder(200, 403);
        assertThat(admin.get("/admin/api/accounts/" + account + "/users.json").at("/users")).hasSize(1);
    }

    private static List<Integer> concurrently(List<Callable<Integer>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
