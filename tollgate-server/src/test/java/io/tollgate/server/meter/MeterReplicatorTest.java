package io.tollgate.server.meter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tollgate.meter.config.MeterConfigSink;
import io.tollgate.meter.config.MeterSnapshot;
import io.tollgate.store.Database;
import io.tollgate.store.DatabaseConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Publication of the meter's configuration: versions, coalescing of changes, and failures. */
class MeterReplicatorTest {
    private static Database database;

    @BeforeAll
    static void open() {
        database = Database.open(new DatabaseConfig("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa",
                "", 2));
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void versionsIncreaseEvenWhenTheClockStandsStill() {
        Instant now = Instant.parse("2026-11-01T00:00:00Z");
        List<MeterSnapshot> published = new CopyOnWriteArrayList<>();
        try (MeterReplicator replicator = new MeterReplicator(new MeterSnapshots(database,
                Clock.fixed(now, ZoneOffset.UTC)), published::add)) {
            MeterReplicator.Published first = replicator.publishNow();
            MeterReplicator.Published second = replicator.publishNow();

            assertThat(first.version()).isEqualTo(now.toEpochMilli());
            assertThat(second.version()).isEqualTo(now.toEpochMilli() + 1);
            assertThat(published).extracting(MeterSnapshot::version).containsExactly(first.version(),
                    second.version());
        }
    }

    @Test
    void aBurstOfChangesWhileOneRebuildRunsCostsOneMoreRebuild() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        MeterConfigSink blocking = snapshot -> {
            started.incrementAndGet();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            done.incrementAndGet();
        };
        try (MeterReplicator replicator = new MeterReplicator(new MeterSnapshots(database, Clock.systemUTC()),
                blocking)) {
            replicator.changed();
            await().atMost(Duration.ofSeconds(1)).until(() -> started.get() == 1);

            for (int i = 0; i < 100; i++) {
                replicator.changed();
            }
            release.countDown();

            await().atMost(Duration.ofSeconds(1)).until(() -> done.get() == 2);
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> done.get() == 2);
            assertThat(started.get()).isEqualTo(2);
        }
    }

    @Test
    void aFailedPublicationIsRetriedOnTheNextChange() {
        AtomicInteger calls = new AtomicInteger();
        List<MeterSnapshot> published = new CopyOnWriteArrayList<>();
        MeterConfigSink flaky = snapshot -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("meter store unreachable");
            }
            published.add(snapshot);
        };
        try (MeterReplicator replicator = new MeterReplicator(new MeterSnapshots(database, Clock.systemUTC()),
                flaky)) {
            replicator.changed();
            await().atMost(Duration.ofSeconds(1)).until(replicator::failing);
            assertThat(published).isEmpty();

            replicator.changed();

            await().atMost(Duration.ofSeconds(1)).until(() -> published.size() == 1);
            assertThat(replicator.failing()).isFalse();
        }
    }

    @Test
    void publishNowReportsWhatItPublishedAndPropagatesFailures() {
        try (MeterReplicator replicator = new MeterReplicator(new MeterSnapshots(database, Clock.systemUTC()),
                snapshot -> { })) {
            MeterReplicator.Published published = replicator.publishNow();
            assertThat(published.tenants()).isZero();
            assertThat(published.applications()).isZero();
        }
        try (MeterReplicator replicator = new MeterReplicator(new MeterSnapshots(database, Clock.systemUTC()),
                snapshot -> {
                    throw new IllegalStateException("refused");
                })) {
            assertThatThrownBy(replicator::publishNow).hasMessage("refused");
        }
    }
}
