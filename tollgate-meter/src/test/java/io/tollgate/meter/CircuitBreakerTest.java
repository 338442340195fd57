package io.tollgate.meter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-04T10:15:30Z"));
    private final List<String> changes = new ArrayList<>();
    private final CircuitBreaker breaker = new CircuitBreaker(2, Duration.ofSeconds(1), clock,
            (from, to, cause, failures) -> changes.add(from + "->" + to + ":" + failures));
    private final RuntimeException boom = new IllegalStateException("boom");

    private void open() {
        breaker.onFailure(breaker.acquire(), boom);
        breaker.onFailure(breaker.acquire(), boom);
    }

    @Test
    void lateFailuresOfCallsStartedWhileClosedDoNotExtendTheOpenInterval() {
        CircuitBreaker.Permit late = breaker.acquire();
        open();
        clock.advance(Duration.ofMillis(900));
        breaker.onFailure(late, boom);
        clock.advance(Duration.ofMillis(100));
        assertThat(breaker.acquire()).isEqualTo(CircuitBreaker.Permit.TRIAL);
        assertThat(changes).containsExactly("CLOSED->OPEN:2", "OPEN->HALF_OPEN:2");
    }

    @Test
    void aLateSuccessDoesNotCloseAHalfOpenCircuit() {
        CircuitBreaker.Permit late = breaker.acquire();
        open();
        clock.advance(Duration.ofSeconds(1));
        assertThat(breaker.acquire()).isEqualTo(CircuitBreaker.Permit.TRIAL);
        breaker.onSuccess(late);
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(breaker.acquire()).isEqualTo(CircuitBreaker.Permit.REFUSED);
    }

    @Test
    void aClockThatJumpsBackDoesNotHoldTheCircuitOpen() {
        open();
        clock.advance(Duration.ofHours(-1));
        assertThat(breaker.acquire()).isEqualTo(CircuitBreaker.Permit.TRIAL);
    }
}
