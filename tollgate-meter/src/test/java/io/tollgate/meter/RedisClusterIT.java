package io.tollgate.meter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link RedisCounterStore} on a three-node Redis Cluster of the test's own, addressed through
 * {@link RedisSettings#parse} as the launcher would: hash-tagged keys of one authrep share a slot,
 * scripts reach the node owning it (each node loads the script on its first {@code NOSCRIPT}).
 */
class RedisClusterIT {
    private static final List<OwnRedisServer> nodes = new ArrayList<>();
    private static Vertx vertx;
    private static RedisCounterStore store;

    @BeforeAll
    static void startCluster() throws Exception {
        for (int i = 0; i < 3; i++) {
            nodes.add(OwnRedisServer.start("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf"));
        }
        List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        nodes.forEach(n -> create.add("127.0.0.1:" + n.port()));
        create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        Process cli = new ProcessBuilder(create).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(cli.waitFor(30, TimeUnit.SECONDS)).as("redis-cli --cluster create finished").isTrue();
        assertThat(cli.exitValue()).as("redis-cli --cluster create exit code").isZero();
        await().atMost(Duration.ofSeconds(15)).until(() -> nodes.stream().allMatch(RedisClusterIT::clusterOk));

        vertx = Vertx.vertx();
        String seeds = nodes.stream().map(OwnRedisServer::url).collect(Collectors.joining(","));
        store = new RedisCounterStore(vertx, RedisSettings.parse(seeds, "cluster", null, "2000"));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (store != null) {
            store.close();
        }
        if (vertx != null) {
            vertx.close().await();
        }
        for (OwnRedisServer node : nodes) {
            node.close();
        }
    }

    /** Whether {@code node} serves keys: it answers a key command with a value or a MOVED, not CLUSTERDOWN. */
    private static boolean clusterOk(OwnRedisServer node) {
        try {
            String reply = node.command("GET {probe}");
            return reply != null && !reply.startsWith("-CLUSTERDOWN");
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void countsExactlyAcrossSlotsOnEveryNode() {
        Instant now = Instant.now();
        Set<String> owners = new HashSet<>();
        // Twenty applications: their hash tags spread over the three nodes' slots.
        for (int app = 0; app < 20; app++) {
            String tag = "tg:{" + UUID.randomUUID() + "}:";
            Counter hits = new Counter(tag + "hits", Period.MINUTE, 3, 1);
            Counter day = new Counter(tag + "hits", Period.DAY, Counter.UNLIMITED, 1);
            for (long i = 1; i <= 3; i++) {
                assertThat(store.authrep(List.of(hits, day), now).values()).containsExactly(i, i);
            }
            Decision denied = store.authrep(List.of(hits, day), now);
            assertThat(denied.allowed()).isFalse();
            assertThat(denied.exceeded()).containsExactly(0);
            assertThat(store.read(List.of(hits, day), now).values()).containsExactly(3L, 3L);
            owners.add(ownerOf(hits.key(Period.MINUTE.window(now))));
        }
        assertThat(owners).as("nodes that owned some application's keys").hasSize(3);
    }

    /**
     * Authreps of twenty applications (slots on every node) and one cross-slot authrep, all in flight
     * at once: batches never mix slots, so every application counts exactly and only the cross-slot
     * authrep fails.
     */
    @Test
    void crossSlotAuthrepsInOneBurstAllSucceed() {
        Instant now = Instant.now();
        List<Counter> apps = new ArrayList<>();
        for (int app = 0; app < 20; app++) {
            apps.add(new Counter("tg:{" + UUID.randomUUID() + "}:hits", Period.MINUTE, 5, 1));
        }
        List<List<CompletableFuture<Decision>>> calls = new ArrayList<>();
        apps.forEach(a -> calls.add(new ArrayList<>()));
        CompletableFuture<Decision> crossSlot = null;
        for (int round = 0; round < 8; round++) {
            for (int app = 0; app < apps.size(); app++) {
                calls.get(app).add(store.authrepAsync(List.of(apps.get(app)), now).toCompletableFuture());
            }
            if (round == 3) {
                crossSlot = store.authrepAsync(List.of(new Counter("tg:a:" + UUID.randomUUID(), Period.MINUTE, 10, 1),
                        new Counter("tg:b:" + UUID.randomUUID(), Period.MINUTE, 10, 1)), now).toCompletableFuture();
            }
        }
        for (int app = 0; app < apps.size(); app++) {
            List<Decision> decisions = calls.get(app).stream().map(CompletableFuture::join).toList();
            assertThat(decisions.stream().filter(Decision::allowed).map(d -> d.values().get(0)).sorted())
                    .as("admitted values of application %d", app).containsExactly(1L, 2L, 3L, 4L, 5L);
            // A denial reports the count it saw: 5, plus (at most) the increments of the application's other
            // two denials if their transactions were in flight at that moment and not yet taken back.
            assertThat(decisions.stream().filter(d -> !d.allowed()).map(d -> d.values().get(0)))
                    .hasSize(3).allSatisfy(v -> assertThat(v).isBetween(5L, 7L));
            assertThat(store.read(List.of(apps.get(app)), now).values()).containsExactly(5L);
        }
        assertThat(crossSlot).failsWithin(Duration.ofSeconds(5)).withThrowableThat().havingCause()
                .isInstanceOf(RedisCounterStore.RedisFailure.class).withMessageContaining("CROSSSLOT");
        assertThat(store.authrepsSent()).isGreaterThanOrEqualTo(20 * 8 + 1);
    }

    @Test
    void keysWithoutACommonHashTagFailWithCrossSlot() {
        Instant now = Instant.now();
        Counter a = new Counter("tg:a:" + UUID.randomUUID(), Period.MINUTE, 10, 1);
        Counter b = new Counter("tg:b:" + UUID.randomUUID(), Period.MINUTE, 10, 1);
        assertThatThrownBy(() -> store.authrep(List.of(a, b), now))
                .isInstanceOf(RedisCounterStore.RedisFailure.class)
                .hasMessageContaining("CROSSSLOT")
                .hasMessageNotContaining("\n");
    }

    /** The port of the node that holds {@code key} (a key a test wrote). */
    private static String ownerOf(String key) {
        for (OwnRedisServer node : nodes) {
            try {
                String reply = node.command("EXISTS " + key);
                if (":1".equals(reply)) {
                    return Integer.toString(node.port());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new AssertionError("no node holds " + key);
    }
}
