package io.tollgate.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.gateway.testing.RawClient;
import io.tollgate.gateway.testing.RawGateway;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Slowloris (reliability.md C3): many connections dribbling a head byte by byte are each answered 408
 * and closed at the header timeout, while a normal client on the side keeps being served.
 */
class SlowlorisTest {
    private static final int SLOW = 200;

    @Test
    void slowHeadConnectionsAreClosedAtTheHeaderTimeoutWhileANormalClientIsServed() throws Exception {
        try (RawGateway gateway = RawGateway.start(GatewayOptions.builder().accessLog(false)
                .headerTimeout(Duration.ofSeconds(1)).build())) {
            for (int i = 0; i < 50; i++) {
                assertThat(gateway.gw.get(RawGateway.HOST, "/?user_key=k").status()).isEqualTo(200); // warm
            }
            ConcurrentLinkedQueue<Long> closedAfterMillis = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<String> slowAnswers = new ConcurrentLinkedQueue<>();
            CountDownLatch done = new CountDownLatch(SLOW);
            for (int i = 0; i < SLOW; i++) {
                Thread.ofVirtual().start(() -> {
                    try (RawClient c = new RawClient(gateway.port())) {
                        long start = System.nanoTime();
                        c.send("GET /?user_key=k HTTP/1.1\r\nHost: " + RawGateway.HOST + "\r\n");
                        Thread.ofVirtual().start(() -> dribble(c));
                        slowAnswers.add(String.valueOf(c.timeout(5000).firstLineOrNull()));
                        closedAfterMillis.add((System.nanoTime() - start) / 1_000_000);
                    } finally {
                        done.countDown();
                    }
                });
            }
            AtomicBoolean attacking = new AtomicBoolean(true);
            List<Integer> statuses = new ArrayList<>();
            List<Long> latencies = new ArrayList<>();
            Thread normal = Thread.ofPlatform().start(() -> {
                while (attacking.get()) {
                    long t = System.nanoTime();
                    statuses.add(gateway.gw.get(RawGateway.HOST, "/?user_key=k").status());
                    latencies.add((System.nanoTime() - t) / 1_000_000);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            assertThat(done.await(10, TimeUnit.SECONDS)).as("every slow connection ended").isTrue();
            attacking.set(false);
            normal.join();

            assertThat(slowAnswers).hasSize(SLOW).containsOnly("HTTP/1.1 408 Request Timeout");
            assertThat(closedAfterMillis).allSatisfy(ms -> assertThat(ms).isBetween(800L, 1600L));
            assertThat(statuses).isNotEmpty().containsOnly(200);
            latencies.sort(null);
            assertThat(latencies.get((int) (latencies.size() * 0.99))).as("p99 of the normal client, ms")
                    .isLessThan(500L);
        }
    }

    private static void dribble(RawClient c) {
        for (int i = 0; i < 50; i++) {
            try {
                Thread.sleep(100);
                c.send("X-" + i + ": v\r\n");
            } catch (InterruptedException | IllegalStateException e) {
                return;
            }
        }
    }
}
