package io.tollgate.bench;

import io.tollgate.meter.MemoryCounterStore;
import io.tollgate.meter.config.LocalMeterConfig;
import io.tollgate.meter.engine.Meter;
import io.tollgate.meter.engine.MeterCall;
import io.tollgate.meter.engine.MeterResponse;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole engine: {@link Meter#authrep} over a {@link MemoryCounterStore} for {@code apps}
 * applications on a one-limit plan ({@link MeterFixture}), {@code usage[hits]=1}, a fixed clock. Each call
 * names an application drawn at random, so {@code apps} is also the number of counter keys. The call
 * completes synchronously (the memory store answers in the caller's thread); the benchmark joins it.
 * The fork gets a fixed, pre-touched heap: page faults of a growing heap would otherwise show up
 * in the profile as part of the call.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@Threads(2)
@State(Scope.Benchmark)
public class MeterAuthrepBenchmark {
    /** How many applications (and counter keys) the calls spread over. */
    @Param({"1", "100000"})
    public int apps;

    private Meter meter;
    private MeterCall[] calls;

    /** Publishes the fixture and checks that a call is admitted, so the admit path is what gets measured. */
    @Setup(Level.Trial)
    public void setUp() {
        MeterFixture fixture = new MeterFixture(apps, 1);
        LocalMeterConfig config = new LocalMeterConfig();
        config.publish(fixture.snapshot());
        meter = new Meter(config, new MemoryCounterStore(), new io.tollgate.meter.stats.MemoryUsageStats(),
                Clock.fixed(StoreAuthrepBenchmark.NOW, ZoneOffset.UTC));
        calls = fixture.calls();
        MeterResponse first = meter.authrep(calls[0]).toCompletableFuture().join();
        if (!first.authorized()) {
            throw new IllegalStateException("the fixture's first authrep was refused: " + first.reason());
        }
    }

    /** One authrep through the engine. */
    @Benchmark
    public MeterResponse authrep(StoreAuthrepBenchmark.Cursor cursor) {
        MeterCall call = apps == 1 ? calls[0] : calls[cursor.next(apps)];
        return meter.authrep(call).toCompletableFuture().join();
    }
}
