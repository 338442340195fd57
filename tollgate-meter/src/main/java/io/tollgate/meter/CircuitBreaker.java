package io.tollgate.meter;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;

/**
 * A consecutive-failure circuit breaker around the counter store.
 *
 * <pre>
 *   CLOSED --(threshold consecutive failures)--> OPEN --(open interval passed, next call)--> HALF_OPEN
 *   HALF_OPEN --(the trial call succeeds)--> CLOSED
 *   HALF_OPEN --(the trial call fails)-----> OPEN (for another interval)
 * </pre>
 *
 * <p>Every call first asks {@link #acquire()}: CLOSED lets it through; OPEN refuses it (the caller
 * answers by its failure policy and never touches the store) until the open interval has passed, then
 * lets exactly one call through as the trial; every other call during the trial is refused too.
 *
 * <p>Results of calls that started before the state changed are ignored, so a burst of late failures
 * cannot extend an open interval and a late success cannot close a circuit that has opened since.
 *
 * <p>Thread-safe. The CLOSED path with no failure in progress reads two volatile fields and takes no
 * lock; transitions are rare and synchronized, and the {@link Listener} is called inside that lock so
 * state-change log lines and metrics come out in order.
 */
public final class CircuitBreaker {

    /** The breaker state; {@link #code()} is the value of the state gauge. */
    public enum State {
        /** Calls go to the store. */
        CLOSED(0),
        /** One trial call goes to the store; the others are refused. */
        HALF_OPEN(1),
        /** Calls are refused without touching the store. */
        OPEN(2);

        private final int code;

        State(int code) {
            this.code = code;
        }

        /** 0 closed, 1 half-open, 2 open. */
        public int code() {
            return code;
        }

        /** The lower-case name used as a metric tag, e.g. {@code "half_open"}. */
        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What {@link #acquire()} grants a call. */
    public enum Permit {
        /** Closed: call the store and report the result. */
        CALL,
        /** Half-open: call the store as the single trial and report the result. */
        TRIAL,
        /** Open (or a trial is running): do not call the store. */
        REFUSED
    }

    /** Told of every state change, inside the breaker's lock. */
    @FunctionalInterface
    public interface Listener {
        /**
         * The state moved from {@code from} to {@code to}.
         *
         * @param cause the failure that opened the circuit, or {@code null} for other transitions
         * @param failures the consecutive failures counted when the change happened
         */
        void onStateChange(State from, State to, Throwable cause, int failures);
    }

    private final int failureThreshold;
    private final long openMillis;
    private final Clock clock;
    private final Listener listener;

    private volatile State state = State.CLOSED;
    private volatile int consecutiveFailures;
    private long openedAtMillis;

    /**
     * @param failureThreshold consecutive failures that open the circuit, {@code >= 1}
     * @param openInterval how long the circuit stays open before a trial call, {@code > 0}
     * @param clock the time source (tests move it)
     * @param listener told of every state change
     */
    public CircuitBreaker(int failureThreshold, Duration openInterval, Clock clock, Listener listener) {
        requireNonNull(openInterval, "openInterval");
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold: " + failureThreshold + " (expected: >= 1)");
        }
        if (openInterval.isNegative() || openInterval.isZero()) {
            throw new IllegalArgumentException("openInterval: " + openInterval + " (expected: > 0)");
        }
        this.failureThreshold = failureThreshold;
        this.openMillis = openInterval.toMillis();
        this.clock = requireNonNull(clock, "clock");
        this.listener = requireNonNull(listener, "listener");
    }

    /** The current state. */
    public State state() {
        return state;
    }

    /** Whether the next call may go to the store, and in which role. */
    public Permit acquire() {
        if (state == State.CLOSED) {
            return Permit.CALL;
        }
        synchronized (this) {
            switch (state) {
                case CLOSED:
                    return Permit.CALL;
                case HALF_OPEN:
                    return Permit.REFUSED;
                case OPEN:
                default:
                    long now = clock.millis();
                    // A clock that jumped back must not hold the circuit open for the size of the jump.
                    if (now - openedAtMillis >= openMillis || now < openedAtMillis) {
                        change(State.HALF_OPEN, null);
                        return Permit.TRIAL;
                    }
                    return Permit.REFUSED;
            }
        }
    }

    /** The call granted {@code permit} succeeded. */
    public void onSuccess(Permit permit) {
        requireNonNull(permit, "permit");
        if (permit == Permit.CALL && consecutiveFailures == 0) {
            return;
        }
        synchronized (this) {
            if (permit == Permit.TRIAL && state == State.HALF_OPEN) {
                consecutiveFailures = 0;
                change(State.CLOSED, null);
            } else if (permit == Permit.CALL && state == State.CLOSED) {
                consecutiveFailures = 0;
            }
        }
    }

    /** The call granted {@code permit} failed with {@code cause}. */
    public void onFailure(Permit permit, Throwable cause) {
        requireNonNull(permit, "permit");
        synchronized (this) {
            if (permit == Permit.TRIAL && state == State.HALF_OPEN) {
                consecutiveFailures++;
                open(cause);
            } else if (permit == Permit.CALL && state == State.CLOSED) {
                consecutiveFailures++;
                if (consecutiveFailures >= failureThreshold) {
                    open(cause);
                }
            }
        }
    }

    private void open(Throwable cause) {
        openedAtMillis = clock.millis();
        change(State.OPEN, cause);
    }

    private void change(State to, Throwable cause) {
        State from = state;
        state = to;
        listener.onStateChange(from, to, cause, consecutiveFailures);
    }
}
