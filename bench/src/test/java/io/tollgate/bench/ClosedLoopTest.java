package io.tollgate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClosedLoopTest {
    final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    final AtomicInteger outstanding = new AtomicInteger();
    final AtomicInteger peak = new AtomicInteger();
    final AtomicInteger started = new AtomicInteger();
    final AtomicInteger odd = new AtomicInteger();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    /** Completes after 1 ms on the timer thread, like a reply from a server; odd sequence numbers are denied. */
    CompletionStage<Boolean> slowCall(int seq) {
        peak.accumulateAndGet(outstanding.incrementAndGet(), Math::max);
        started.incrementAndGet();
        if (seq % 2 != 0) {
            odd.incrementAndGet();
        }
        CompletableFuture<Boolean> reply = new CompletableFuture<>();
        timer.schedule(() -> {
            outstanding.decrementAndGet();
            reply.complete(seq % 2 == 0);
        }, 1, TimeUnit.MILLISECONDS);
        return reply;
    }

    @Test
    void keepsTheLimitOfCallsInFlightAndCountsEveryOutcome() throws InterruptedException {
        ClosedLoop.Outcome outcome = new ClosedLoop(16, 2, false).run(this::slowCall, Duration.ofMillis(300));

        assertThat(peak.get()).isEqualTo(16);
        assertThat(outstanding.get()).isZero();
        assertThat(outcome.allowed() + outcome.denied()).isEqualTo(started.get());
        assertThat(outcome.denied()).isEqualTo(odd.get());
        assertThat(outcome.failed()).isZero();
        assertThat(outcome.perSecond()).isPositive();
    }

    IntFunction<CompletionStage<Boolean>> blocking() {
        return seq -> {
            CompletionStage<Boolean> reply = slowCall(seq);
            return CompletableFuture.completedFuture(reply.toCompletableFuture().join());
        };
    }

    @Test
    void offloadKeepsBlockingCallsInFlight() throws InterruptedException {
        ClosedLoop.Outcome outcome = new ClosedLoop(16, 1, true).run(blocking(), Duration.ofMillis(300));

        assertThat(peak.get()).isGreaterThan(1);
        assertThat(outcome.allowed() + outcome.denied()).isEqualTo(started.get());
    }

    @Test
    void withoutOffloadABlockingCallHoldsItsSubmitter() throws InterruptedException {
        new ClosedLoop(16, 1, false).run(blocking(), Duration.ofMillis(100));

        assertThat(peak.get()).isEqualTo(1);
    }

    @Test
    void countsFailuresAndKeepsTheFirst() throws InterruptedException {
        ClosedLoop.Outcome outcome = new ClosedLoop(4, 1, false)
                .run(seq -> CompletableFuture.failedFuture(new IllegalStateException("down " + seq)),
                        Duration.ofMillis(50));

        assertThat(outcome.failed()).isPositive();
        assertThat(outcome.allowed() + outcome.denied()).isZero();
        assertThat(outcome.firstError()).hasMessageStartingWith("down ");
    }
}
