package io.tollgate.gateway.server;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * A log line that a flood of bad requests cannot turn into a flood of lines: at most
 * {@code perSecond} lines a second; the next line after a quiet spell says how many were suppressed.
 */
final class RateLimitedLog {
    private final Logger log;
    private final int perSecond;
    private final AtomicLong second = new AtomicLong();
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicInteger suppressed = new AtomicInteger();

    RateLimitedLog(Logger log, int perSecond) {
        this.log = log;
        this.perSecond = perSecond;
    }

    /** Logs {@code message} at WARN with one argument, unless this second's quota is spent. */
    void warn(String message, Object argument) {
        long now = System.currentTimeMillis() / 1000;
        long current = second.get();
        if (now != current && second.compareAndSet(current, now)) {
            count.set(0);
        }
        if (count.incrementAndGet() > perSecond) {
            suppressed.incrementAndGet();
            return;
        }
        int dropped = suppressed.getAndSet(0);
        if (dropped > 0) {
            log.warn(message + " ({} similar lines suppressed)", argument, dropped);
        } else {
            log.warn(message, argument);
        }
    }
}
