package io.tollgate.meter.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Amounts recorded but not yet written, per bucket. {@link #add} is lock-free and may run on any number
 * of threads; {@link #drain} and {@link #dropOldest} must be called by one thread at a time (the flush).
 *
 * <p>Why not remove a cell while a recorder may still add to it: a recorder that looked the cell up just
 * before the removal would add to a cell nobody reads again. So the flush first seals an empty cell
 * (CAS 0 to {@link #SEALED}) and only then removes it; a recorder that finds a sealed cell looks the
 * bucket up again and gets a fresh cell. No amount is ever lost or counted twice in the buffer.
 */
final class UsageBuffer {
    private static final long SEALED = Long.MIN_VALUE;

    private final ConcurrentHashMap<Bucket, AtomicLong> cells = new ConcurrentHashMap<>();

    /** Adds {@code delta} to {@code bucket}. */
    void add(Bucket bucket, long delta) {
        while (true) {
            AtomicLong cell = cells.get(bucket);
            if (cell == null) {
                cell = cells.computeIfAbsent(bucket, b -> new AtomicLong());
            }
            long v = cell.get();
            while (v != SEALED) {
                if (cell.compareAndSet(v, v + delta)) {
                    return;
                }
                v = cell.get();
            }
            // The flush sealed this cell and is about to remove it; the next lookup finds a new one.
            Thread.onSpinWait();
        }
    }

    /** The amount buffered for {@code bucket}, 0 if none. */
    long get(Bucket bucket) {
        AtomicLong cell = cells.get(bucket);
        long v = cell == null ? 0 : cell.get();
        return v == SEALED ? 0 : v;
    }

    /** Takes every non-zero amount out of the buffer; removes the cells that stayed empty since the last drain. */
    Map<Bucket, Long> drain() {
        Map<Bucket, Long> out = new HashMap<>();
        for (Map.Entry<Bucket, AtomicLong> e : cells.entrySet()) {
            AtomicLong cell = e.getValue();
            long v = cell.getAndSet(0);
            if (v != 0) {
                out.put(e.getKey(), v);
            } else if (cell.compareAndSet(0, SEALED)) {
                cells.remove(e.getKey(), cell);
            }
        }
        return out;
    }

    /**
     * Drops the buckets that ended first (an hour of today goes before today's day bucket) until at most
     * {@code max} remain; returns how many were dropped.
     */
    int dropOldest(int max) {
        int excess = cells.size() - max;
        if (excess <= 0) {
            return 0;
        }
        List<Bucket> oldest = new ArrayList<>(cells.keySet());
        oldest.sort(Comparator.comparingLong(Bucket::end));
        int dropped = 0;
        for (Bucket b : oldest.subList(0, Math.min(excess, oldest.size()))) {
            AtomicLong cell = cells.get(b);
            if (cell != null) {
                long amount = cell.getAndSet(SEALED);
                cells.remove(b, cell);
                if (amount != 0) {
                    dropped++;
                }
            }
        }
        return dropped;
    }

    /** How many buckets hold an amount not yet drained. */
    int pending() {
        int n = 0;
        for (AtomicLong cell : cells.values()) {
            long v = cell.get();
            if (v != 0 && v != SEALED) {
                n++;
            }
        }
        return n;
    }
}
