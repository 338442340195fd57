package io.tollgate.gateway.policy.ratelimit;

import io.tollgate.gateway.policy.ratelimit.Limiter.Kind;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The counters of this gateway process: one store per Vert.x instance, shared by every product's
 * {@code rate_limit} policies (global keys are shared across products) and kept across configuration
 * changes (a new version of a product does not reset its windows).
 *
 * <p>Lock-free and exact under concurrency: a fixed window is one {@link AtomicLong} holding the
 * window's number (high 32 bits) and its count (low 32 bits), updated by compare-and-set; a leaky
 * bucket is an immutable state swapped by compare-and-set. When a request's second limiter refuses,
 * the first one's count is given back. A sweep every {@value #SWEEP_MILLIS} ms removes windows that
 * ended and buckets that drained, so memory follows the keys in use, not all keys ever seen; a slot
 * is marked dead before it leaves the map, and a request that finds a dead slot looks it up again,
 * so no count is lost to the sweep.
 */
final class LocalLimiterStore implements LimiterStore, Shareable {
    static final long SWEEP_MILLIS = 10_000;
    private static final long DEAD = Long.MIN_VALUE;
    private static final Bucket DEAD_BUCKET = new Bucket(-1, -1);

    private final ConcurrentHashMap<String, Object> slots = new ConcurrentHashMap<>();

    /** The store of {@code vertx}'s process, created (with its sweep timer) on first use. */
    static LocalLimiterStore of(Vertx vertx, Clock clock) {
        LocalMap<String, LocalLimiterStore> map = vertx.sharedData().getLocalMap("tollgate.rate_limit");
        LocalLimiterStore store = map.get("store");
        if (store != null) {
            return store;
        }
        LocalLimiterStore created = new LocalLimiterStore();
        LocalLimiterStore raced = map.putIfAbsent("store", created);
        if (raced != null) {
            return raced;
        }
        vertx.setPeriodic(SWEEP_MILLIS, id -> created.sweep(clock.millis()));
        return created;
    }

    @Override
    public Future<Verdict> acquire(Limiter[] limiters, String[] keys, long nowMillis) {
        return Future.succeededFuture(acquire(limiters, keys, nowMillis, 1));
    }

    /**
     * @param divisor each limit is divided by it (rounded up): a Redis-backed limit applied per gateway
     *     while Redis is down, by one of {@code divisor} gateways
     */
    Verdict acquire(Limiter[] limiters, String[] keys, long now, int divisor) {
        long delay = 0;
        for (int i = 0; i < limiters.length; i++) {
            Limiter l = limiters[i];
            long amount = divisor == 1 ? l.amount() : Math.max(1, (l.amount() + divisor - 1) / divisor);
            long result = l.kind() == Kind.FIXED_WINDOW ? fixed(keys[i], amount, l.window(), now)
                    : bucket(keys[i], amount, l.burst(), now);
            if (result < 0) {
                for (int j = i - 1; j >= 0; j--) {
                    giveBack(limiters[j], keys[j], now);
                }
                return Verdict.rejected(-result - 1);
            }
            delay = Math.max(delay, result);
        }
        return Verdict.admitted(delay);
    }

    /** Counts one request: ≥ 0 admitted (the delay, 0), or −(retry-after seconds) − 1. */
    private long fixed(String key, long count, long window, long now) {
        long index = (now / 1000 / window) & 0xffffffffL;
        while (true) {
            Window slot = (Window) slots.computeIfAbsent(key, k -> new Window(window));
            long s = slot.get();
            if (s == DEAD) {
                slots.remove(key, slot);
                continue;
            }
            long used = (s >>> 32) == index ? s & 0xffffffffL : 0;
            if (used + 1 > count) {
                long end = ((now / 1000 / window) + 1) * window * 1000;
                return -Verdict.ceilSeconds(end - now) - 1;
            }
            if (slot.compareAndSet(s, (index << 32) | (used + 1))) {
                return 0;
            }
        }
    }

    /** resty.limit.req's leaky bucket: ≥ 0 admitted after that many ms, or −(retry-after seconds) − 1. */
    private long bucket(String key, long rate, long burst, long now) {
        while (true) {
            BucketSlot slot = (BucketSlot) slots.computeIfAbsent(key, k -> new BucketSlot(rate));
            Bucket b = slot.get();
            if (b == DEAD_BUCKET) {
                slots.remove(key, slot);
                continue;
            }
            long excess = b == null ? 0 : Math.max(b.excessMilli() - rate * Math.max(0, now - b.lastMillis()) + 1000, 0);
            if (excess > burst * 1000) {
                return -Verdict.ceilSeconds((excess - burst * 1000 + rate - 1) / rate) - 1;
            }
            if (slot.compareAndSet(b, new Bucket(excess, now))) {
                return excess / rate;
            }
        }
    }

    private void giveBack(Limiter l, String key, long now) {
        Object slot = slots.get(key);
        if (slot instanceof Window w) {
            long index = (now / 1000 / l.window()) & 0xffffffffL;
            long s;
            do {
                s = w.get();
                if (s == DEAD || (s >>> 32) != index || (s & 0xffffffffL) == 0) {
                    return;
                }
            } while (!w.compareAndSet(s, s - 1));
        } else if (slot instanceof BucketSlot bs) {
            Bucket b;
            do {
                b = bs.get();
                if (b == null || b == DEAD_BUCKET) {
                    return;
                }
            } while (!bs.compareAndSet(b, new Bucket(Math.max(0, b.excessMilli() - 1000), b.lastMillis())));
        }
    }

    /**
     * Removes the windows that ended and the buckets that drained: a bucket whose next request would
     * find it empty anyway, the same as no bucket at all.
     */
    void sweep(long now) {
        slots.forEach((key, slot) -> {
            if (slot instanceof Window w) {
                long s = w.get();
                long index = (now / 1000 / w.window) & 0xffffffffL;
                if (s != DEAD && (s >>> 32) != index && w.compareAndSet(s, DEAD)) {
                    slots.remove(key, w);
                }
            } else if (slot instanceof BucketSlot bs) {
                Bucket b = bs.get();
                if (b != null && b != DEAD_BUCKET && b.excessMilli() + 1000 - bs.rate * (now - b.lastMillis()) <= 0
                        && bs.compareAndSet(b, DEAD_BUCKET)) {
                    slots.remove(key, bs);
                }
            }
        });
    }

    /** How many keys are held (tests). */
    int size() {
        return slots.size();
    }

    /** A fixed window's packed state: window number << 32 | count. */
    private static final class Window extends AtomicLong {
        private static final long serialVersionUID = 1L;
        final long window;

        Window(long window) {
            this.window = window;
        }
    }

    private static final class BucketSlot extends AtomicReference<Bucket> {
        private static final long serialVersionUID = 1L;
        final long rate;

        BucketSlot(long rate) {
            this.rate = rate;
        }
    }

    /** A leaky bucket's excess (in thousandths of a request) at {@code lastMillis}. */
    private record Bucket(long excessMilli, long lastMillis) {
    }
}
