package io.tollgate.bench;

import io.tollgate.meter.Counter;
import io.tollgate.meter.Decision;
import io.tollgate.meter.MemoryCounterStore;
import io.tollgate.meter.Period;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link MemoryCounterStore#authrep} with one counter per call (daily limit never reached, delta 1):
 * all threads on one key, or each call on a key drawn at random from {@code keys}. The score is
 * authreps per second summed over the threads.
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
public class StoreAuthrepBenchmark {
    /** A fixed instant: every call lands in one window, so nothing expires or rolls over mid-run. */
    static final Instant NOW = Instant.parse("2026-01-14T12:00:00Z");

    /** How many distinct counter keys the calls spread over. */
    @Param({"1", "100000"})
    public int keys;

    private MemoryCounterStore store;
    private List<List<Counter>> requests;

    /** Builds the store and one single-counter request per key. */
    @Setup(Level.Trial)
    public void setUp() {
        store = new MemoryCounterStore();
        requests = new ArrayList<>(keys);
        for (int i = 0; i < keys; i++) {
            requests.add(List.of(new Counter("bench:" + i + ":hits", Period.DAY, MeterFixture.LIMIT, 1)));
        }
    }

    /** Fails the run if the store counted nothing: a benchmark of a broken path is no benchmark. */
    @TearDown(Level.Trial)
    public void check() {
        long total = 0;
        for (List<Counter> request : requests) {
            total += store.read(request, NOW).values().iterator().next();
        }
        if (total <= 0) {
            throw new IllegalStateException("the store counted " + total + " hits (expected: > 0)");
        }
    }

    /** A per-thread xorshift generator choosing the key of each call. */
    @State(Scope.Thread)
    public static class Cursor {
        private int x = (int) System.nanoTime() | 1;

        int next(int bound) {
            x ^= x << 13;
            x ^= x >>> 17;
            x ^= x << 5;
            return (x & Integer.MAX_VALUE) % bound;
        }
    }

    /** One authrep. */
    @Benchmark
    public Decision authrep(Cursor cursor) {
        List<Counter> request = keys == 1 ? requests.get(0) : requests.get(cursor.next(keys));
        return store.authrep(request, NOW);
    }
}
