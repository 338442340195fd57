package io.tollgate.gateway.policy.ratelimit;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops asking a Redis that keeps failing: after {@value #FAILURES} failures in a row it opens for
 * {@value #OPEN_MILLIS} ms (calls fail at once, adding no latency), then lets one call through; its
 * success closes it. Each change is logged once and counted by the caller's metric.
 */
final class RedisBreaker {
    static final int FAILURES = 5;
    static final long OPEN_MILLIS = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(RedisBreaker.class);

    private final String name;
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicLong openUntil = new AtomicLong(); // 0: closed
    private final Runnable onChange;

    RedisBreaker(String name, Runnable onChange) {
        this.name = name;
        this.onChange = onChange;
    }

    /** Whether a call may go to Redis now (closed, or open long enough for one probe). */
    boolean allows(long nowMillis) {
        long until = openUntil.get();
        if (until == 0) {
            return true;
        }
        // one probe per open period: whoever moves the deadline on sends it
        return nowMillis >= until && openUntil.compareAndSet(until, nowMillis + OPEN_MILLIS);
    }

    void succeeded() {
        failures.set(0);
        if (openUntil.getAndSet(0) != 0) {
            LOG.info("rate_limit: Redis {} answers again; limits are shared again", name);
            onChange.run();
        }
    }

    void failed(long nowMillis, Throwable cause) {
        if (failures.incrementAndGet() >= FAILURES && openUntil.compareAndSet(0, nowMillis + OPEN_MILLIS)) {
            LOG.warn("rate_limit: Redis {} failed {} times in a row ({}); not asked for {} ms at a time until it"
                    + " answers", name, FAILURES, cause.toString(), OPEN_MILLIS);
            onChange.run();
        }
    }

    boolean open() {
        return openUntil.get() != 0;
    }
}
