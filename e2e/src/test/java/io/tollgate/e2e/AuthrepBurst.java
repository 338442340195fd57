package io.tollgate.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

/**
 * Fires the same authrep from many client threads at once, round-robin over several meters, and tallies
 * the answers by outcome: {@code "200"}, {@code "409 limits_exceeded"}, or the status and the start of
 * the body for anything else (so an unexpected answer shows in the assertion message).
 */
final class AuthrepBurst {
    static final String LIMITS_EXCEEDED = "409 limits_exceeded";

    private AuthrepBurst() {
    }

    /** What came back, and how long the burst took. */
    record Result(Map<String, Long> outcomes, Duration elapsed, int calls) {
        double callsPerSecond() {
            return calls / Math.max(0.001, elapsed.toNanos() / 1e9);
        }
    }

    /**
     * Runs {@code threads} × {@code callsPerThread} GETs of {@code pathAndQuery}; call number n (counted
     * over all threads) goes to {@code meterUrls[n % size]}. All threads start together.
     */
    static Result run(List<String> meterUrls, String pathAndQuery, int threads, int callsPerThread)
            throws Exception {
        List<URI> targets = meterUrls.stream().map(url -> URI.create(url + pathAndQuery)).toList();
        Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build()) {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t * callsPerThread;
                running.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < callsPerThread; i++) {
                        URI target = targets.get((first + i) % targets.size());
                        HttpResponse<String> response = client.send(HttpRequest.newBuilder(target)
                                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                        outcomes.computeIfAbsent(outcome(response), k -> new LongAdder()).increment();
                    }
                    return null;
                }));
            }
            long began = System.nanoTime();
            start.countDown();
            for (Future<?> thread : running) {
                thread.get();
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - began);
            Map<String, Long> counts = new TreeMap<>();
            outcomes.forEach((k, v) -> counts.put(k, v.sum()));
            return new Result(counts, elapsed, threads * callsPerThread);
        } finally {
            pool.shutdownNow();
        }
    }

    private static String outcome(HttpResponse<String> response) {
        String body = response.body();
        if (response.statusCode() == 200 && body.contains("<authorized>true</authorized>")) {
            return "200";
        }
        if (response.statusCode() == 409 && body.contains("<reason>usage limits are exceeded</reason>")) {
            return LIMITS_EXCEEDED;
        }
        return response.statusCode() + " " + body.substring(0, Math.min(160, body.length()));
    }
}
