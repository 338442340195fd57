package io.tollgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.server.testing.ApiClient;
import io.tollgate.server.testing.PlatformTest;
import io.tollgate.server.testing.TestPlatform;
import io.tollgate.store.ProxyConfigDao;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /admin/api/account/proxy_configs/:env/changes}: the long poll gateways keep open to see
 * a deploy, a promotion or a deletion within a second.
 */
class ProxyConfigChangesApiTest extends PlatformTest {
    private static final String SANDBOX = "/admin/api/account/proxy_configs/sandbox/changes.json";
    private static final String PRODUCTION = "/admin/api/account/proxy_configs/production/changes.json";
    private static ExecutorService clients;

    @BeforeAll
    static void clients() {
        clients = Executors.newCachedThreadPool();
    }

    @AfterAll
    static void stopClients() {
        clients.shutdownNow();
    }

    @Test
    void withoutSinceAnswersAtOnceWithTheCurrentToken() {
        ApiClient.Response first = admin.get(SANDBOX);
        ApiClient.Response second = admin.get(SANDBOX + "?since=");

        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(first.at("/token").asText()).matches("\\d+-\\d+");
        assertThat(first.at("/changed").asBoolean()).isFalse();
        assertThat(second.at("/token").asText()).isEqualTo(first.at("/token").asText());
    }

    @Test
    void aStaleTokenIsAnsweredAtOnce() {
        long started = System.nanoTime();
        ApiClient.Response response = admin.get(SANDBOX + "?since=stale&wait=30");

        // Far below the 30 s it would wait (a loaded test machine may take a while for any call).
        assertThat(millisSince(started)).isLessThan(5000);
        assertThat(response.at("/changed").asBoolean()).isTrue();
        assertThat(response.at("/token").asText()).isEqualTo(token(SANDBOX));
    }

    @Test
    void withoutChangesAnswersWhenTheWaitEnds() {
        String token = token(PRODUCTION);
        long started = System.nanoTime();

        ApiClient.Response response = admin.get(PRODUCTION + "?since=" + token + "&wait=1");

        assertThat(millisSince(started)).isBetween(900L, 3000L);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).isEqualTo("{\"token\":\"" + token + "\",\"changed\":false}");
    }

    @Test
    void aDeployWakesAWaitingRequestWithinASecond() throws Exception {
        long product = fixtures.product();
        String token = token(SANDBOX);
        CompletableFuture<Timed> waiting = poll(admin, SANDBOX + "?since=" + token + "&wait=20");
        Thread.sleep(300);
        assertThat(waiting).isNotDone();

        deploy(admin, product);
        Timed answer = changedWithinASecond(waiting, System.nanoTime());

        assertThat(answer.response().at("/token").asText()).isNotEqualTo(token).isEqualTo(token(SANDBOX));
    }

    @Test
    void aSandboxDeployLeavesProductionWaitingAndAPromotionWakesIt() throws Exception {
        long product = fixtures.product();
        String production = token(PRODUCTION);
        CompletableFuture<Timed> unchanged = poll(admin, PRODUCTION + "?since=" + production + "&wait=2");
        Thread.sleep(200);
        deploy(admin, product);
        assertThat(unchanged.get(5, TimeUnit.SECONDS).response().at("/changed").asBoolean()).isFalse();

        CompletableFuture<Timed> promoted = poll(admin, PRODUCTION + "?since=" + production + "&wait=20");
        Thread.sleep(200);
        ApiClient.Response promote = admin.post("/admin/api/services/" + product
                + "/proxy/configs/sandbox/1/promote.json", Map.of("to", "production"));
        assertThat(promote.status()).as(promote.text()).isEqualTo(201);

        changedWithinASecond(promoted, System.nanoTime());
    }

    @Test
    void deletingAProductChangesTheToken() throws Exception {
        long product = fixtures.product();
        deploy(admin, product);
        String token = token(SANDBOX);
        CompletableFuture<Timed> waiting = poll(admin, SANDBOX + "?since=" + token + "&wait=20");
        Thread.sleep(200);

        assertThat(admin.delete("/admin/api/services/" + product + ".json").status()).isEqualTo(200);

        Timed answer = waiting.get(5, TimeUnit.SECONDS);
        assertThat(answer.response().at("/changed").asBoolean()).isTrue();
        assertThat(answer.response().at("/token").asText()).isNotEqualTo(token);
    }

    @Test
    void anotherTenantsDeployDoesNotWakeThisTenant() throws Exception {
        ApiClient other = platform.as(OtherTenant.token(platform));
        long theirs = other.post("/admin/api/services.json", Map.of("name", "Theirs")).at("/service/id").asLong();
        String mine = token(SANDBOX);
        String theirToken = other.get(SANDBOX).at("/token").asText();
        CompletableFuture<Timed> mineWaiting = poll(admin, SANDBOX + "?since=" + mine + "&wait=2");
        CompletableFuture<Timed> theirsWaiting = poll(other, SANDBOX + "?since=" + theirToken + "&wait=20");
        Thread.sleep(200);

        deploy(other, theirs);

        assertThat(theirsWaiting.get(5, TimeUnit.SECONDS).response().at("/changed").asBoolean()).isTrue();
        assertThat(mineWaiting.get(5, TimeUnit.SECONDS).response().at("/changed").asBoolean()).isFalse();
    }

    @Test
    void waitingRequestsHoldNoWorkerThread() throws Exception {
        // The test platform has 4 worker threads; 12 waiting requests must not starve other calls.
        long product = fixtures.product();
        String token = token(SANDBOX);
        List<CompletableFuture<Timed>> waiting = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            waiting.add(poll(admin, SANDBOX + "?since=" + token + "&wait=20"));
        }
        Thread.sleep(500);

        long started = System.nanoTime();
        assertThat(admin.get("/admin/api/services/" + product + ".json").status()).isEqualTo(200);
        // Had the waiters held the workers, this call would have waited for their 20 s.
        assertThat(millisSince(started)).isLessThan(5000);
        assertThat(waiting).noneMatch(CompletableFuture::isDone);

        deploy(admin, product);
        for (CompletableFuture<Timed> w : waiting) {
            assertThat(w.get(5, TimeUnit.SECONDS).response().at("/changed").asBoolean()).isTrue();
        }
    }

    @Test
    void aVersionWrittenByAnotherReplicaIsSeenByThePeriodicCheck() throws Exception {
        long product = fixtures.product();
        deploy(admin, product);
        long account = admin.get("/admin/api/services/" + product + ".json").at("/service/account_id").asLong();
        String token = token(PRODUCTION);
        CompletableFuture<Timed> waiting = poll(admin, PRODUCTION + "?since=" + token + "&wait=20");
        Thread.sleep(200);

        // Straight into the database, as a replica on the same database would: no in-process signal.
        platform.database().write(h -> h.attach(ProxyConfigDao.class).insert(account, product, "production", 1,
                "{\"id\":" + product + ",\"proxy\":{\"hosts\":[]}}", List.of(), Instant.now()));

        changedWithinASecond(waiting, System.nanoTime());
    }

    @Test
    void aClientThatGoesAwayIsForgotten() throws Exception {
        String token = token(SANDBOX);
        int before = platform.configChanges().waiting();
        URI base = URI.create(platform.baseUrl());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            String auth = Base64.getEncoder().encodeToString((":" + TestPlatform.ADMIN_TOKEN)
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(("GET " + SANDBOX + "?since=" + token + "&wait=60 HTTP/1.1\r\nHost: x\r\n"
                    + "Authorization: Basic " + auth + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> platform.configChanges().waiting() == before + 1);
        }

        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> platform.configChanges().waiting() == before);
    }

    @Test
    void aBadWaitIsRefusedAndAnUnknownEnvironmentIsNotFound() {
        for (String wait : new String[] {"61", "-1", "abc", "1.5", "100000000000"}) {
            ApiClient.Response response = admin.get(SANDBOX + "?since=x&wait=" + wait);
            assertThat(response.status()).as(wait).isEqualTo(422);
            assertThat(response.text()).as(wait)
                    .isEqualTo("{\"errors\":{\"wait\":[\"must be a whole number of seconds from 0 to 60\"]}}");
        }
        assertThat(admin.get("/admin/api/account/proxy_configs/preview/changes.json").status()).isEqualTo(404);
        assertThat(admin.get("/admin/api/account/proxy_configs/staging/changes.json?wait=0").status())
                .isEqualTo(200);
    }

    @Test
    void theMastersListingWakesOnAnyTenantsDeployAndOnlyForTheMaster() throws Exception {
        String master = "/master/api/proxy/configs/sandbox/changes.json";
        ApiClient.Response signup = platform.master().post("/master/api/providers.json", Map.of("org_name", "Third",
                "username", "third", "email", "third@example.com", "password", "secret-pass"));
        assertThat(signup.status()).as(signup.text()).isEqualTo(201);
        ApiClient other = platform.as(signup.at("/signup/access_token/value").asText());
        long theirs = other.post("/admin/api/services.json", Map.of("name", "Theirs")).at("/service/id").asLong();
        ApiClient.Response first = platform.master().get(master);
        assertThat(first.status()).as(first.text()).isEqualTo(200);
        String token = first.at("/token").asText();
        CompletableFuture<Timed> waiting = poll(platform.master(), master + "?since=" + token + "&wait=20");
        Thread.sleep(300);

        deploy(other, theirs);

        Timed answer = changedWithinASecond(waiting, System.nanoTime());
        assertThat(answer.response().at("/token").asText()).isNotEqualTo(token);
        assertThat(platform.as(platform.internalToken()).get(master).status()).isEqualTo(200);
        assertThat(admin.get(master).status()).isEqualTo(403);
    }

    @Test
    void needsAnAccessToken() {
        assertThat(platform.anonymous().get(SANDBOX).status()).isEqualTo(403);
    }

    private record Timed(ApiClient.Response response, long at) {
    }

    private static CompletableFuture<Timed> poll(ApiClient client, String path) {
        return CompletableFuture.supplyAsync(() -> {
            ApiClient.Response response = client.get(path);
            assertThat(response.status()).as(response.text()).isEqualTo(200);
            return new Timed(response, System.nanoTime());
        }, clients);
    }

    /** The waiting request's answer: "changed", and within a second of {@code changedAt} (a nanoTime). */
    private static Timed changedWithinASecond(CompletableFuture<Timed> waiting, long changedAt) throws Exception {
        Timed answer = waiting.get(5, TimeUnit.SECONDS);
        assertThat(TimeUnit.NANOSECONDS.toMillis(answer.at() - changedAt)).isLessThan(1000);
        assertThat(answer.response().at("/changed").asBoolean()).isTrue();
        return answer;
    }

    private static String token(String path) {
        ApiClient.Response response = admin.get(path);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.at("/token").asText();
    }

    private static void deploy(ApiClient client, long product) {
        ApiClient.Response deployed = client.post("/admin/api/services/" + product + "/proxy/deploy.json", Map.of());
        assertThat(deployed.status()).as(deployed.text()).isEqualTo(201);
    }

    private static long millisSince(long started) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }
}
