package io.tollgate.bench;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/**
 * A closed-loop load generator for asynchronous calls: {@code submitters} threads keep up to
 * {@code inFlight} calls outstanding (a semaphore) for a fixed time, and count the outcomes.
 *
 * <p>When {@code offload} is set, each call is started on a fresh virtual thread instead of the
 * submitter: a store whose "async" call blocks until the reply (the default
 * {@link io.tollgate.meter.CounterStore#authrepAsync}) then still has {@code inFlight} calls outstanding,
 * as it will when the gateway calls it from virtual threads.
 *
 * @param inFlight the most calls outstanding at once
 * @param submitters the platform threads that start calls
 * @param offload whether to start each call on its own virtual thread
 */
public record ClosedLoop(int inFlight, int submitters, boolean offload) {

    /** Checks the sizes. */
    public ClosedLoop {
        if (inFlight < 1) {
            throw new IllegalArgumentException("inFlight: " + inFlight + " (expected: >= 1)");
        }
        if (submitters < 1) {
            throw new IllegalArgumentException("submitters: " + submitters + " (expected: >= 1)");
        }
    }

    /**
     * Runs {@code call} (given a sequence number; submitter {@code t} of {@code T} passes t, t+T, t+2T…)
     * for {@code duration}, then waits for the calls still outstanding. A call's stage completes with
     * whether it was admitted.
     */
    public Outcome run(IntFunction<CompletionStage<Boolean>> call, Duration duration) throws InterruptedException {
        requireNonNull(call, "call");
        Semaphore permits = new Semaphore(inFlight);
        LongAdder allowed = new LongAdder();
        LongAdder denied = new LongAdder();
        LongAdder failed = new LongAdder();
        AtomicReference<Throwable> firstError = new AtomicReference<>();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        try (ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor()) {
            Thread[] threads = new Thread[submitters];
            for (int t = 0; t < submitters; t++) {
                int first = t;
                threads[t] = Thread.ofPlatform().name("bench-submitter-" + t).start(() -> {
                    for (int seq = first; System.nanoTime() < deadline; seq += submitters) {
                        try {
                            permits.acquire();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                        start(call, seq, virtual).whenComplete((ok, error) -> {
                            if (error != null) {
                                failed.increment();
                                firstError.compareAndSet(null, error);
                            } else if (ok) {
                                allowed.increment();
                            } else {
                                denied.increment();
                            }
                            permits.release();
                        });
                    }
                });
            }
            for (Thread thread : threads) {
                thread.join();
            }
            if (!permits.tryAcquire(inFlight, 30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("calls still outstanding 30 s after the run ended");
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Outcome(allowed.sum(), denied.sum(), failed.sum(), seconds, firstError.get());
    }

    private CompletionStage<Boolean> start(IntFunction<CompletionStage<Boolean>> call, int seq,
            ExecutorService virtual) {
        if (!offload) {
            try {
                return call.apply(seq);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        return CompletableFuture.supplyAsync(() -> call.apply(seq).toCompletableFuture().join(), virtual);
    }

    /**
     * What a run did.
     *
     * @param allowed calls admitted
     * @param denied calls refused
     * @param failed calls that completed exceptionally
     * @param seconds from the first call to the last completion
     * @param firstError the first failure, or null
     */
    public record Outcome(long allowed, long denied, long failed, double seconds, Throwable firstError) {
        /** Completed calls per second, whatever their outcome. */
        public double perSecond() {
            return (allowed + denied + failed) / seconds;
        }
    }
}
