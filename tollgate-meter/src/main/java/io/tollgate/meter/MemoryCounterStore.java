package io.tollgate.meter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counters in this JVM's memory, exact under concurrency without a global lock.
 *
 * <p><b>Why it is exact.</b> Each key has its own {@link Cell} with its own lock. An authrep locks the
 * cells of all its keys, then checks every limit, then adds every delta, then unlocks: check and add
 * happen with no other writer on any of those keys, so two authreps on a shared key are serialised and
 * {@code current + delta <= limit} holds when the delta lands. Authreps on disjoint keys never contend.
 *
 * <p><b>Why it cannot deadlock.</b> Locks are always taken in the natural order of the key strings
 * (a {@link TreeMap} of the request's keys), so no two threads can each hold a lock the other waits
 * for: a wait-for cycle would need one of them to lock a smaller key after a larger one.
 *
 * <p><b>Expired windows.</b> A cell remembers its window end. At most once per minute of the caller's
 * clock, cells whose window ended are swept: the sweeper locks the cell, marks it dead and removes it.
 * An authrep that locks a dead cell (it fetched the cell before the removal) releases everything and
 * retries with fresh cells, so no delta is ever added to a cell that has left the map.
 */
public final class MemoryCounterStore implements CounterStore {
    private static final long SWEEP_INTERVAL_MILLIS = 60_000;

    private final ConcurrentHashMap<String, Cell> cells = new ConcurrentHashMap<>();
    private final AtomicLong nextSweepMillis = new AtomicLong(Long.MIN_VALUE);

    @Override
    public Decision authrep(List<Counter> counters, Instant now) {
        List<String> keys = CounterStore.keysOf(counters, now);
        sweepIfDue(now);
        while (true) {
            TreeMap<String, Cell> locked = new TreeMap<>();
            for (int i = 0; i < keys.size(); i++) {
                Instant end = counters.get(i).period().window(now).end();
                locked.put(keys.get(i), cells.computeIfAbsent(keys.get(i), k -> new Cell(end)));
            }
            List<Cell> held = new ArrayList<>(locked.size());
            try {
                boolean stale = false;
                for (Cell cell : locked.values()) {
                    cell.lock.lock();
                    held.add(cell);
                    if (cell.dead) {
                        stale = true;
                        break;
                    }
                }
                if (!stale) {
                    return decide(counters, keys, locked);
                }
            } finally {
                for (int i = held.size() - 1; i >= 0; i--) {
                    held.get(i).lock.unlock();
                }
            }
        }
    }

    /** Check then add; the caller holds the lock of every cell in {@code locked}. */
    private static Decision decide(List<Counter> counters, List<String> keys, Map<String, Cell> locked) {
        List<Long> values = new ArrayList<>(counters.size());
        List<Integer> exceeded = new ArrayList<>();
        for (int i = 0; i < counters.size(); i++) {
            Counter c = counters.get(i);
            long current = locked.get(keys.get(i)).value;
            values.add(current);
            if (!c.unlimited() && (c.delta() > c.limit() || current > c.limit() - c.delta())) {
                exceeded.add(i);
            }
        }
        if (!exceeded.isEmpty()) {
            return Decision.denied(values, exceeded);
        }
        for (int i = 0; i < counters.size(); i++) {
            Cell cell = locked.get(keys.get(i));
            long next = saturatingAdd(cell.value, counters.get(i).delta());
            cell.value = next;
            values.set(i, next);
        }
        return Decision.allowed(values);
    }

    @Override
    public Map<String, Long> read(List<Counter> counters, Instant now) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String key : CounterStore.keysOf(counters, now)) {
            Cell cell = cells.get(key);
            out.put(key, cell == null || cell.dead ? 0L : cell.value);
        }
        return out;
    }

    /** Removes every cell whose window ended at or before {@code now}. */
    public void sweep(Instant now) {
        for (Map.Entry<String, Cell> e : cells.entrySet()) {
            Cell cell = e.getValue();
            if (!cell.end.isAfter(now)) {
                cell.lock.lock();
                try {
                    cell.dead = true;
                    cells.remove(e.getKey(), cell);
                } finally {
                    cell.lock.unlock();
                }
            }
        }
    }

    /** The number of live cells, for tests and metrics. */
    public int size() {
        return cells.size();
    }

    private void sweepIfDue(Instant now) {
        long nowMillis = now.toEpochMilli();
        long due = nextSweepMillis.get();
        if (nowMillis >= due && nextSweepMillis.compareAndSet(due, nowMillis + SWEEP_INTERVAL_MILLIS)) {
            sweep(now);
        }
    }

    private static long saturatingAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    /** One key's value in one window; {@code value} and {@code dead} are written under {@code lock}. */
    private static final class Cell {
        final ReentrantLock lock = new ReentrantLock();
        final Instant end;
        volatile long value;
        volatile boolean dead;

        Cell(Instant end) {
            this.end = end;
        }
    }
}
