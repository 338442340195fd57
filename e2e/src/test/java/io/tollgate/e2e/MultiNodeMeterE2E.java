package io.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./tollgate server} and four {@code ./tollgate meter} processes sharing one Redis: a burst of
 * authreps spread over the four meters admits exactly the plan's limit, the shared counter holds exactly
 * that, every key the meters wrote expires, and {@code tollgate admin resync} republishes the replica.
 *
 * <p>Uses the Redis at {@code tollgate.e2e.redis} (default the shared redis://127.0.0.1:6379), never
 * flushes it, and deletes only the keys of its own application. The meter replica lives under one fixed
 * key ({@code {tollgate:meter}:config}), so two runs of this test on one Redis at the same time would
 * overwrite each other's replica.
 */
class MultiNodeMeterE2E {
    private static final String REDIS_URL = System.getProperty("tollgate.e2e.redis", "redis://127.0.0.1:6379");
    private static final int METERS = 4;
    private static final int THREADS = 64;
    private static final int CALLS_PER_THREAD = 250;
    private static final int LIMIT = 1000;
    /** The burst must not straddle an hour boundary (the limit's window): this much of the hour must be left. */
    private static final Duration BURST_MARGIN = Duration.ofSeconds(40);

    @TempDir
    Path home;

    @Test
    void fourMetersOnOneRedisAdmitExactlyTheLimit() throws Exception {
        long began = System.nanoTime();
        // Generous store timeout: five JVMs share few cores here, and a timed-out script would be a 503.
        Map<String, String> env = Map.of("TOLLGATE_REDIS_URL", REDIS_URL, "TOLLGATE_STORE_TIMEOUT_MS", "2000");
        List<TollgateProcess> processes = new ArrayList<>();
        Long appId = null;
        Throwable failure = null;
        try (RespClient redis = RespClient.connect(REDIS_URL)) {
            // The server first: it builds the distribution if needed and publishes the replica the meters read.
            TollgateProcess server = TollgateProcess.server(home, env);
            processes.add(server);
            server.awaitReady(Duration.ofMinutes(5));
            List<TollgateProcess> meters = new ArrayList<>();
            for (int i = 0; i < METERS; i++) {
                meters.add(TollgateProcess.meter(env));
            }
            processes.addAll(meters);
            for (TollgateProcess meter : meters) {
                meter.awaitReady(Duration.ofMinutes(2));
            }
            List<String> meterUrls = meters.stream().map(TollgateProcess::meterUrl).toList();
            log("server and %d meters up after %d ms", METERS, millisSince(began));

            BurstApp app = BurstApp.create(server.baseUrl(), TollgateProcess.ADMIN_TOKEN, LIMIT);
            appId = app.id();
            int stale = deleteKeysOf(redis, appId);
            log("application %d created; %d stale keys of an earlier run deleted", appId, stale);

            long published = System.nanoTime();
            for (String meter : meterUrls) {
                await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                        .until(() -> status(meter + app.authorizeQuery()) == 200);
            }
            log("every meter authorizes the new application %d ms after it was created", millisSince(published));

            Instant windowStart = awaitRoomInTheHour();
            AuthrepBurst.Result burst = AuthrepBurst.run(meterUrls, app.authrepQuery(), THREADS, CALLS_PER_THREAD);
            log("%d authreps over %d meters in %d ms (%.0f/s): %s", burst.calls(), METERS,
                    burst.elapsed().toMillis(), burst.callsPerSecond(), burst.outcomes());
            assertThat(hourOf(Instant.now())).as("the burst ended in the hour it started in").isEqualTo(windowStart);

            assertThat(burst.outcomes()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "200", (long) LIMIT, AuthrepBurst.LIMITS_EXCEEDED, (long) (burst.calls() - LIMIT)));
            String counterKey = "tg:{" + appId + "}:" + app.hitsId() + ":hour:" + windowStart.getEpochSecond();
            assertThat(redis.keys("tg:{" + appId + "}:*")).containsExactly(counterKey);
            assertThat(redis.call("GET", counterKey)).isEqualTo(String.valueOf(LIMIT));

            awaitStatsTotal(server.baseUrl(), app, windowStart, LIMIT);
            assertEveryKeyExpires(redis, appId, windowStart);

            assertResyncRepublishes(server.baseUrl(), meterUrls, app);
            for (TollgateProcess meter : meters) {
                assertThat(meter.stop()).as("meter exit code after SIGTERM").isZero();
                assertThat(meter.output()).contains("Tollgate meter stopped");
            }
            assertThat(server.stop()).as("server exit code after SIGTERM").isZero();
            log("whole scenario took %d ms", millisSince(began));
        } catch (Exception | Error e) {
            failure = e;
            throw e;
        } finally {
            stopAll(processes, failure);
            if (appId != null) {
                try (RespClient redis = RespClient.connect(REDIS_URL)) {
                    deleteKeysOf(redis, appId);
                }
            }
        }
    }

    /** Counter and statistics keys of one application (the ids of a fresh database repeat across runs). */
    private static int deleteKeysOf(RespClient redis, long appId) throws IOException {
        return redis.deleteMatching("tg:{" + appId + "}:*") + redis.deleteMatching("tg:s:{" + appId + "}:*");
    }

    /**
     * The start of the current hour, once at least {@link #BURST_MARGIN} of it is left: the windows are
     * calendar-aligned and the distribution's clock cannot be moved, so near the end of an hour this waits
     * for the next one.
     */
    private static Instant awaitRoomInTheHour() throws InterruptedException {
        Instant now = Instant.now();
        Instant next = hourOf(now).plus(Duration.ofHours(1));
        if (Duration.between(now, next).compareTo(BURST_MARGIN) < 0) {
            Thread.sleep(Duration.between(now, next).plusMillis(200));
        }
        return hourOf(Instant.now());
    }

    private static Instant hourOf(Instant instant) {
        return Instant.ofEpochSecond(instant.getEpochSecond() / 3600 * 3600);
    }

    /** Statistics are written off the request path: wait for them, then they must equal the admitted count. */
    private static void awaitStatsTotal(String adminUrl, BurstApp app, Instant windowStart, long expected) {
        String path = "/stats/applications/" + app.id() + "/usage.json?metric_name=hits&period=day&since="
                + LocalDate.ofInstant(windowStart, ZoneOffset.UTC);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            Http.Response stats = Http.get(adminUrl, path, TollgateProcess.ADMIN_TOKEN);
            assertThat(stats.status()).isEqualTo(200);
            assertThat(stats.json().path("total").asLong()).as("stats total of hits").isEqualTo(expected);
        });
    }

    /** Every counter and statistics key has a TTL; the counter's ends with its window (plus 60 s grace). */
    private static void assertEveryKeyExpires(RespClient redis, long appId, Instant windowStart) throws IOException {
        List<String> counters = redis.keys("tg:{" + appId + "}:*");
        List<String> stats = redis.keys("tg:s:{" + appId + "}:*");
        assertThat(stats).as("usage statistics keys of application %d", appId).isNotEmpty();
        long untilWindowEnd = windowStart.plus(Duration.ofHours(1)).getEpochSecond() - Instant.now().getEpochSecond();
        for (String key : counters) {
            assertThat((Long) redis.call("TTL", key)).as("TTL of %s", key).isBetween(1L, untilWindowEnd + 61);
        }
        for (String key : stats) {
            assertThat((Long) redis.call("TTL", key)).as("TTL of %s", key).isPositive();
        }
        log("%d counter and %d statistics keys, all with a TTL", counters.size(), stats.size());
    }

    /** {@code tollgate admin resync} exits 0 and prints the counts; the meters keep enforcing afterwards. */
    private static void assertResyncRepublishes(String adminUrl, List<String> meterUrls, BurstApp app)
            throws Exception {
        ProcessBuilder resync = new ProcessBuilder(TollgateProcess.ROOT.resolve("tollgate").toString(),
                "admin", "resync", "--url", adminUrl).redirectErrorStream(true);
        resync.environment().put("TOLLGATE_MASTER_ACCESS_TOKEN", TollgateProcess.MASTER_TOKEN);
        Process process = resync.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("resync finished").isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).containsPattern("Meter replica rebuilt and published: version \\d+, \\d+ tenants, "
                + "1 services, 1 plans, 1 applications\\.");
        log("resync: %s", output.strip());
        for (String meter : meterUrls) {
            assertThat(status(meter + app.authorizeQuery())).as("authorize on %s after resync", meter).isEqualTo(409);
        }
    }

    private static int status(String url) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    /**
     * SIGTERM to every process, even when one does not stop; a stop failure is added to the test's own
     * failure when there is one (so it does not hide it), and thrown otherwise.
     */
    private static void stopAll(List<TollgateProcess> processes, Throwable failure) throws InterruptedException {
        AssertionError stopFailure = null;
        for (TollgateProcess process : processes) {
            try {
                process.close();
            } catch (AssertionError e) {
                stopFailure = e;
            }
        }
        if (stopFailure != null) {
            if (failure == null) {
                throw stopFailure;
            }
            failure.addSuppressed(stopFailure);
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static void log(String format, Object... args) {
        System.out.println("[MultiNodeMeterE2E] " + String.format(format, args));
    }
}
