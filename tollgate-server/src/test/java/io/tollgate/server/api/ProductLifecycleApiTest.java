package io.tollgate.server.api;

import static io.tollgate.server.api.ProvidersApiTest.ids;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.server.testing.PlatformTest;
import io.tollgate.server.testing.AdminFixtures;
import io.tollgate.server.testing.ApiClient;
import io.tollgate.store.ProductDao;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** Product lists and their pages, deletion with everything under it, and concurrent creation. */
class ProductLifecycleApiTest extends PlatformTest {
    private static final String SERVICES = "/admin/api/services";

    @Test
    void pagesDefaultToFiveHundredAndOutOfRangeValuesFallBack() {
        ApiClient.Response signup = ProvidersApiTest.signup(platform.master(), "Many Products");
        long tenant = signup.at("/signup/account/id").asLong();
        ApiClient client = platform.as(signup.at("/signup/access_token/value").asText());
        List<Long> inserted = insertProducts(tenant, 503);

        assertThat(ids(client.get(SERVICES + ".json").at("/services"), "service"))
                .containsExactlyElementsOf(inserted.subList(0, 500));
        for (String perPage : List.of("0", "501", "abc", "-3", "")) {
            assertThat(client.get(SERVICES + ".json?per_page=" + perPage).at("/services").size())
                    .as("per_page=%s", perPage).isEqualTo(500);
        }
        assertThat(ids(client.get(SERVICES + ".json?page=2").at("/services"), "service"))
                .containsExactlyElementsOf(inserted.subList(500, 503));
        assertThat(ids(client.get(SERVICES + ".json?page=2&per_page=2").at("/services"), "service"))
                .containsExactlyElementsOf(inserted.subList(2, 4));
        assertThat(ids(client.get(SERVICES + ".json?page=0&per_page=1").at("/services"), "service"))
                .containsExactly(inserted.get(0));
        for (String page : List.of("3", "1000", "4294968", "99999999999", "123456789012345678901234567890")) {
            ApiClient.Response beyond = client.get(SERVICES + ".json?page=" + page);
            assertThat(beyond.status()).isEqualTo(200);
            assertThat(beyond.json().toString()).as("page=%s", page).isEqualTo("{\"services\":[]}");
        }
    }

    @Test
    void deleteAnswersEmptyAndRemovesEverythingUnderTheProduct() {
        AdminFixtures fixtures = new AdminFixtures(admin);
        long id = fixtures.product();
        String path = SERVICES + "/" + id;
        long metric = fixtures.metric(path);
        fixtures.method(path);
        fixtures.rule(path + "/proxy/mapping_rules", "/x", metric, Map.of());
        admin.post(path + "/features.json", Map.of("name", "Doomed feature"));
        long backend = fixtures.backend();
        fixtures.usage(id, backend, "/");
        long survivor = fixtures.product();
        for (String table : List.of("metrics", "proxies", "mapping_rules", "features", "backend_usages")) {
            assertThat(rows(table, id)).as(table).isPositive();
        }

        ApiClient.Response deleted = admin.delete(path + ".json");

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.text()).isEmpty();
        assertThat(deleted.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        ApiClient.Response gone = admin.get(path + ".json");
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().toString()).isEqualTo("{\"status\":\"Not found\"}");
        assertThat(admin.get(path + "/metrics.json").status()).isEqualTo(404);
        assertThat(admin.delete(path + ".json").status()).isEqualTo(404);
        for (String table : List.of("services", "metrics", "proxies", "mapping_rules", "features", "backend_usages")) {
            assertThat(rows(table, id)).as(table).isZero();
        }
        assertThat(admin.get(SERVICES + "/" + survivor + ".json").status()).isEqualTo(200);
        assertThat(admin.get("/admin/api/backend_apis/" + backend + ".json").status()).isEqualTo(200);
    }

    @Test
    void concurrentCreatesOfOneSystemNameYieldExactlyOneProduct() throws Exception {
        int attempts = 20;
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<ApiClient.Response>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < attempts; i++) {
                String name = "Racer " + i;
                futures.add(CompletableFuture.supplyAsync(() -> {
                    await(go);
                    return admin.post(SERVICES + ".json", Map.of("service",
                            Map.of("name", name, "system_name", "raced")));
                }, pool));
            }
            go.countDown();
            List<ApiClient.Response> responses = futures.stream().map(CompletableFuture::join).toList();

            assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
            assertThat(responses).filteredOn(r -> r.status() != 201).hasSize(attempts - 1).allSatisfy(r -> {
                assertThat(r.status()).as(r.text()).isEqualTo(422);
                assertThat(r.json().toString())
                        .isEqualTo("{\"errors\":{\"system_name\":[\"has already been taken\"]}}");
            });
        } finally {
            pool.shutdownNow();
        }
        long stored = platform.database().read(h -> h.createQuery(
                "SELECT COUNT(*) FROM services WHERE system_name = 'raced'").mapTo(Long.class).one());
        assertThat(stored).isEqualTo(1);
        long winner = platform.database().read(h -> h.createQuery(
                "SELECT id FROM services WHERE system_name = 'raced'").mapTo(Long.class).one());
        assertThat(rows("metrics", winner)).isEqualTo(1);
        assertThat(rows("proxies", winner)).isEqualTo(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<Long> insertProducts(long tenant, int count) {
        return platform.database().write(h -> {
            ProductDao products = h.attach(ProductDao.class);
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ids.add(products.insert(tenant, "Bulk " + i, "bulk_" + i, null, "incomplete", "1", "hosted",
                        null, "{}", Instant.now()));
            }
            return ids;
        });
    }

    private static long rows(String table, long productId) {
        String column = table.equals("services") ? "id" : "service_id";
        return platform.database().read(h -> h.createQuery("SELECT COUNT(*) FROM " + table + " WHERE " + column
                + " = :id").bind("id", productId).mapTo(Long.class).one());
    }
}
