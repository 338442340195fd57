package io.tollgate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.meter.Counter;
import io.tollgate.meter.MemoryCounterStore;
import io.tollgate.meter.Period;
import io.tollgate.meter.config.LocalMeterConfig;
import io.tollgate.meter.engine.Meter;
import io.tollgate.meter.engine.MeterCall;
import io.tollgate.meter.engine.MeterResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeterFixtureTest {
    static final Instant NOW = Instant.parse("2026-01-14T12:00:00Z");

    @Test
    void everyApplicationIsAdmittedAndCountsUnderTheKeyTheDriverExpects() {
        MeterFixture fixture = new MeterFixture(3, 500);
        LocalMeterConfig config = new LocalMeterConfig();
        config.publish(fixture.snapshot());
        MemoryCounterStore store = new MemoryCounterStore();
        Meter meter = new Meter(config, store, new io.tollgate.meter.stats.MemoryUsageStats(), Clock.fixed(NOW, ZoneOffset.UTC));
        MeterCall[] calls = fixture.calls();

        for (int round = 0; round < 2; round++) {
            for (MeterCall call : calls) {
                MeterResponse response = meter.authrep(call).toCompletableFuture().join();
                assertThat(response.authorized()).as(response.reason()).isTrue();
                assertThat(response.app().id()).isBetween(500L, 502L);
            }
        }
        for (int i = 0; i < 3; i++) {
            Counter counter = new Counter(fixture.counterPrefix(i), Period.DAY, Counter.UNLIMITED, 0);
            assertThat(store.read(List.of(counter), NOW).values()).containsExactly(2L);
        }
    }

    @Test
    void storeBenchmarkCountsOnTheKeysItSpreadsOver() {
        StoreAuthrepBenchmark bench = new StoreAuthrepBenchmark();
        bench.keys = 1000;
        bench.setUp();
        StoreAuthrepBenchmark.Cursor cursor = new StoreAuthrepBenchmark.Cursor();
        for (int i = 0; i < 5000; i++) {
            assertThat(bench.authrep(cursor).allowed()).isTrue();
        }
        bench.check();
    }

    @Test
    void storeBenchmarkRefusesToReportWhenNothingWasCounted() {
        StoreAuthrepBenchmark bench = new StoreAuthrepBenchmark();
        bench.keys = 1;
        bench.setUp();
        assertThatThrownBy(bench::check)
                .hasMessageContaining("counted 0 hits");
    }

    @Test
    void engineBenchmarkAdmitsItsCalls() {
        MeterAuthrepBenchmark bench = new MeterAuthrepBenchmark();
        bench.apps = 100;
        bench.setUp();
        StoreAuthrepBenchmark.Cursor cursor = new StoreAuthrepBenchmark.Cursor();
        for (int i = 0; i < 1000; i++) {
            assertThat(bench.authrep(cursor).authorized()).isTrue();
        }
    }

    @Test
    void cursorStaysWithinItsBound() {
        StoreAuthrepBenchmark.Cursor cursor = new StoreAuthrepBenchmark.Cursor();
        boolean[] seen = new boolean[7];
        for (int i = 0; i < 10_000; i++) {
            seen[cursor.next(7)] = true;
        }
        assertThat(seen).containsOnly(true);
    }
}
