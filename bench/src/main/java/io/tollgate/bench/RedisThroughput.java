package io.tollgate.bench;

import io.tollgate.meter.Counter;
import io.tollgate.meter.CounterStore;
import io.tollgate.meter.Period;
import io.tollgate.meter.RedisCounterStore;
import io.tollgate.meter.config.LocalMeterConfig;
import io.tollgate.meter.engine.Meter;
import io.tollgate.meter.engine.MeterCall;
import io.tollgate.meter.engine.MeterResponse;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

/**
 * Authreps per second of one meter against a real Redis, on one application and on many, with many
 * calls in flight ({@link ClosedLoop}). Levels: {@link RedisCounterStore#authrepAsync} alone with one
 * limit that is never reached ("store"), {@link Meter#authrep} over it ("engine"), the store with two
 * limits per call, a day's and a month's, so that each authrep checks two counters and takes the script
 * ("two-limits"), and the store on counters whose limit of 1 is reached in the warm-up, so that every
 * measured call is denied ("denied"). Prints one {@code RESULT level keys authreps/s redis-cores} line
 * per run for bench/meter.sh.
 *
 * <p>The Redis may be shared: every run uses keys nobody else has (a random prefix or application id
 * range, checked absent first), checks afterwards that Redis counted exactly the admitted calls, and
 * deletes its keys. The clock is fixed at the start, so keys also expire within a day if the process
 * dies before deleting them.
 */
public final class RedisThroughput {
    private RedisThroughput() {
    }

    /** Runs every level and key count of {@code args} (see {@link DriverOptions#parse}). */
    public static void main(String[] args) throws Exception {
        DriverOptions options = DriverOptions.parse(args);
        Vertx vertx = Vertx.vertx();
        int failures = 0;
        try (RedisAdmin admin = new RedisAdmin(vertx, options.uri());
                RedisCounterStore store = newStore(vertx, options.uri())) {
            boolean offload = options.offload().orElse(blocksOnAuthrepAsync());
            ClosedLoop loop = new ClosedLoop(options.inFlight(), options.submitters(), offload);
            Clock clock = Clock.fixed(Instant.now(), ZoneOffset.UTC);
            System.out.printf("redis %s at %s; %d in flight from %d submitters; offload to virtual threads: %s%n",
                    admin.version(), options.uri(), options.inFlight(), options.submitters(), offload);
            for (String level : options.levels()) {
                // The first run would otherwise pay for the JIT and for opening the connection pool.
                prime(workload(level, 1000, store, clock), loop, admin, options);
            }
            for (String level : options.levels()) {
                for (int keys : options.keys()) {
                    Workload w = workload(level, keys, store, clock);
                    failures += measure(w, loop, admin, options) ? 0 : 1;
                }
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
        if (failures > 0) {
            System.err.println("redis-throughput: " + failures + " run(s) failed their checks");
            System.exit(1);
        }
    }

    /**
     * The only place the driver builds a Redis store. Its timeout is 1 s, not the production 50 ms: a
     * closed loop with hundreds of calls in flight queues them on purpose, and the benchmark measures
     * throughput, not the failure policy. The batching is the store's default unless the system
     * properties {@code bench.maxInFlightBatches} / {@code bench.maxBatch} say otherwise (for tuning).
     */
    private static RedisCounterStore newStore(Vertx vertx, String uri) {
        return new RedisCounterStore(vertx, io.tollgate.meter.RedisSettings.parse(uri, null, null, "1000"),
                Integer.getInteger("bench.maxInFlightBatches", RedisCounterStore.DEFAULT_MAX_IN_FLIGHT_BATCHES),
                Integer.getInteger("bench.maxBatch", RedisCounterStore.DEFAULT_MAX_BATCH));
    }

    /**
     * Whether the store's authrepAsync is still the interface default, which runs the blocking call in
     * the caller: then only offloading each call keeps many in flight.
     */
    static boolean blocksOnAuthrepAsync() throws NoSuchMethodException {
        return RedisCounterStore.class.getMethod("authrepAsync", List.class, Instant.class).getDeclaringClass()
                == CounterStore.class;
    }

    /** Runs {@code w} for the warm-up time, unmeasured, and deletes its keys. */
    private static void prime(Workload w, ClosedLoop loop, RedisAdmin admin, DriverOptions options)
            throws InterruptedException {
        requireNew(w, admin);
        try {
            loop.run(w.call(), options.warmup());
        } finally {
            admin.delete(w.keys());
        }
    }

    private static void requireNew(Workload w, RedisAdmin admin) {
        long clash = admin.existing(w.keys());
        if (clash != 0) {
            throw new IllegalStateException(w.name() + ": " + clash + " of the run's keys already exist in Redis"
                    + " (expected: none; refusing to touch keys that are not ours)");
        }
    }

    /** Warms up, measures, checks the count in Redis against the admitted calls, deletes the keys. */
    private static boolean measure(Workload w, ClosedLoop loop, RedisAdmin admin, DriverOptions options)
            throws InterruptedException {
        requireNew(w, admin);
        try {
            ClosedLoop.Outcome warm = loop.run(w.call(), options.warmup());
            double cpuBefore = admin.cpuSeconds();
            ClosedLoop.Outcome run = loop.run(w.call(), options.duration());
            double redisCores = (admin.cpuSeconds() - cpuBefore) / run.seconds();
            long counted = admin.sum(w.keys());
            long admitted = warm.allowed() + run.allowed();
            int apps = w.keys().size() / w.countersPerCall();
            System.out.printf("%-10s keys=%-7d %,12.0f authreps/s  redis CPU %.2f cores  allowed=%d denied=%d"
                    + " failed=%d  redis counted %d for %d admitted%n", w.level(), apps, run.perSecond(),
                    redisCores, run.allowed(), run.denied(), run.failed(), counted, admitted);
            Throwable error = warm.firstError() != null ? warm.firstError() : run.firstError();
            if (error != null) {
                System.out.println("  first failure: " + error);
            }
            boolean ok = error == null && counted == admitted * w.countersPerCall()
                    && (w.level().equals("denied") ? admitted <= w.keys().size() : warm.denied() + run.denied() == 0);
            if (ok) {
                System.out.printf("RESULT %s %d %.0f %.2f%n", w.level(), apps, run.perSecond(), redisCores);
            }
            return ok;
        } finally {
            admin.delete(w.keys());
        }
    }

    private static Workload workload(String level, int keys, RedisCounterStore store, Clock clock) {
        Instant now = clock.instant();
        if (!level.equals("engine")) {
            return storeWorkload(level, keys, store, now);
        }
        String suffix = MeterFixture.PERIOD.window(now).keySuffix();
        List<String> redisKeys = new ArrayList<>(keys);
        MeterFixture fixture = new MeterFixture(keys, ThreadLocalRandom.current().nextLong(1L << 40, 1L << 52));
        LocalMeterConfig config = new LocalMeterConfig();
        config.publish(fixture.snapshot());
        Meter meter = new Meter(config, store, new io.tollgate.meter.stats.MemoryUsageStats(), clock);
        MeterCall[] calls = fixture.calls();
        for (int i = 0; i < keys; i++) {
            redisKeys.add(fixture.counterPrefix(i) + suffix);
        }
        IntFunction<CompletionStage<Boolean>> call =
                seq -> meter.authrep(calls[Math.floorMod(seq, keys)]).thenApply(MeterResponse::authorized);
        return new Workload(level, redisKeys, 1, call);
    }

    /** The store levels: per key one daily counter (and a monthly one for "two-limits"), delta 1. */
    private static Workload storeWorkload(String level, int keys, RedisCounterStore store, Instant now) {
        String prefix = "tgbench:" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ":";
        long limit = level.equals("denied") ? 1 : MeterFixture.LIMIT;
        List<Period> periods = level.equals("two-limits") ? List.of(Period.DAY, Period.MONTH) : List.of(Period.DAY);
        List<String> redisKeys = new ArrayList<>(keys * periods.size());
        List<List<Counter>> requests = new ArrayList<>(keys);
        for (int i = 0; i < keys; i++) {
            List<Counter> counters = new ArrayList<>(periods.size());
            for (Period period : periods) {
                Counter counter = new Counter(prefix + i, period, limit, 1);
                counters.add(counter);
                redisKeys.add(counter.key(period.window(now)));
            }
            requests.add(List.copyOf(counters));
        }
        IntFunction<CompletionStage<Boolean>> call = seq -> store.authrepAsync(requests.get(Math.floorMod(seq, keys)),
                now).thenApply(decision -> decision.allowed());
        return new Workload(level, redisKeys, periods.size(), call);
    }

    /** One run's calls, the Redis keys they write, and how many of them one admitted call increments. */
    private record Workload(String level, List<String> keys, int countersPerCall,
            IntFunction<CompletionStage<Boolean>> call) {
        String name() {
            return level + " keys=" + keys.size() / countersPerCall;
        }
    }
}
