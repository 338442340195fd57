package io.tollgate.gateway.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configuration swaps under load: while clients send requests without pause, the server deploys a
 * new version of their product (and adds and removes another) forty times, and the gateway swaps its
 * image on each change notification. Not one request may fail.
 */
class ConfigSwapUnderLoadTest {
    @TempDir
    Path home;

    @Test
    void swappingImagesUnderLoadFailsNoRequest() throws Exception {
        try (LoaderFixture f = LoaderFixture.start(home)) {
            f.api.deploy("production", f.product(7, "pets.example.com"));
            f.product(8, "cats.example.com");
            f.start(f.settings(Environment.PRODUCTION).build()).firstLoad().await();
            long firstGeneration = f.gw.images.current().generation();
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicBoolean swapping = new AtomicBoolean(true);
            AtomicInteger ok = new AtomicInteger();
            AtomicInteger duringSwaps = new AtomicInteger();
            Map<String, Integer> failures = new ConcurrentHashMap<>();
            ExecutorService clients = Executors.newFixedThreadPool(4);
            List<Future<?>> loops = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                loops.add(clients.submit(() -> {
                    while (running.get()) {
                        try {
                            int status = f.get("pets.example.com", 7).status();
                            if (status == 200) {
                                ok.incrementAndGet();
                                if (swapping.get()) {
                                    duringSwaps.incrementAndGet();
                                }
                            } else {
                                failures.merge("HTTP " + status, 1, Integer::sum);
                            }
                        } catch (RuntimeException e) {
                            failures.merge(e.toString(), 1, Integer::sum);
                        }
                    }
                }));
            }

            for (int version = 1; version <= 40; version++) {
                f.api.deploy("production", f.product(7, "pets.example.com").proxy("error_no_match", "v" + version)
                        .rule("GET", "/v" + version, "hits"));
                if (version % 2 == 0) {
                    f.api.deploy("production", f.product(8, "cats.example.com"));
                } else {
                    f.api.delete("production", 8);
                }
                Thread.sleep(75);
            }
            swapping.set(false);
            await().atMost(Duration.ofSeconds(5)).until(() -> f.gw.images.current().find("pets.example.com").config()
                    .rules().size() == 2 && f.gw.images.current().find("pets.example.com").config().rules().get(1)
                    .pattern().equals("/v40"));
            Thread.sleep(200);
            running.set(false);
            for (Future<?> loop : loops) {
                loop.get();
            }
            clients.shutdown();

            assertThat(failures).isEmpty();
            // Requests kept flowing while the images changed (a loaded test machine serves fewer).
            assertThat(duringSwaps.get()).isGreaterThanOrEqualTo(20);
            assertThat(f.gw.images.current().generation() - firstGeneration).isGreaterThanOrEqualTo(10);
            assertThat(f.gw.upstream.received()).hasSize(ok.get());
        }
    }
}
