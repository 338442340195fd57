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
 * <p><b>Why it cannot deadlock.</b> Locks are always taken in one global order of the keys (prefix,
 * period, window start; a {@link TreeMap}), so no two threads can each hold a lock the other waits
 * for: a wait-for cycle would need one of them to lock a smaller key after a larger one.
 *
 * <p><b>Expired windows.</b> A cell remembers its window end. At most once per minute of the caller's
 * clock, cells whose window ended are swept: the sweeper locks the cell, marks it dead and removes it.
 * An authrep that locks a dead cell (it fetched the cell before the removal) releases everything and
 * retries with fresh cells, so no delta is ever added to a cell that has left the map.
 */
public final class MemoryCounterStore implements CounterStore {
    private static final long SWEEP_INTERVAL_MILLIS = 60_000;

    private final ConcurrentHashMap<CellKey, Cell> cells = new ConcurrentHashMap<>();
    private final AtomicLong nextSweepMillis = new AtomicLong(Long.MIN_VALUE);

    @Override
    public Decision authrep(List<Counter> counters, Instant now) {
        java.util.Objects.requireNonNull(now, "now");
        if (counters.isEmpty()) {
            return Decision.allowed(List.of());
        }
        sweepIfDue(now);
        if (counters.size() == 1) {
            return authrepOne(counters.get(0), now);
        }
        while (true) {
            TreeMap<CellKey, Cell> locked = new TreeMap<>();
            List<Cell> inOrder = new ArrayList<>(counters.size());
            for (Counter c : counters) {
                Window window = c.period().window(now);
                CellKey key = new CellKey(c.prefix(), c.period(), window.start().getEpochSecond());
                Cell cell = cells.computeIfAbsent(key, k -> new Cell(window.end()));
                if (locked.put(key, cell) != null) {
                    throw new IllegalArgumentException("counters: duplicate key " + c.key(window)
                            + " (expected: distinct keys)");
                }
                inOrder.add(cell);
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
                    return decide(counters, inOrder);
                }
            } finally {
                for (int i = held.size() - 1; i >= 0; i--) {
                    held.get(i).lock.unlock();
                }
            }
        }
    }

    /** The common case, one counter: no ordering, no maps. */
    private Decision authrepOne(Counter c, Instant now) {
        Window window = c.period().window(now);
        CellKey key = new CellKey(c.prefix(), c.period(), window.start().getEpochSecond());
        while (true) {
            Cell cell = cells.computeIfAbsent(key, k -> new Cell(window.end()));
            cell.lock.lock();
            try {
                if (!cell.dead) {
                    long current = cell.value;
                    if (exceeds(c, current)) {
                        return Decision.denied(List.of(current), List.of(0));
                    }
                    long next = saturatingAdd(current, c.delta());
                    cell.value = next;
                    return Decision.allowed(List.of(next));
                }
            } finally {
                cell.lock.unlock();
            }
        }
    }

    /** Check then add; the caller holds the lock of every cell, given in request order. */
    private static Decision decide(List<Counter> counters, List<Cell> cellsInOrder) {
        List<Long> values = new ArrayList<>(counters.size());
        List<Integer> exceeded = new ArrayList<>();
        for (int i = 0; i < counters.size(); i++) {
            long current = cellsInOrder.get(i).value;
            values.add(current);
            if (exceeds(counters.get(i), current)) {
                exceeded.add(i);
            }
        }
        if (!exceeded.isEmpty()) {
            return Decision.denied(values, exceeded);
        }
        for (int i = 0; i < counters.size(); i++) {
            Cell cell = cellsInOrder.get(i);
            long next = saturatingAdd(cell.value, counters.get(i).delta());
            cell.value = next;
            values.set(i, next);
        }
        return Decision.allowed(values);
    }

    private static boolean exceeds(Counter c, long current) {
        return !c.unlimited() && (c.delta() > c.limit() || current > c.limit() - c.delta());
    }

    @Override
    public Map<String, Long> read(List<Counter> counters, Instant now) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Counter c : counters) {
            Window window = c.period().window(now);
            String key = c.key(window);
            if (out.containsKey(key)) {
                throw new IllegalArgumentException("counters: duplicate key " + key + " (expected: distinct keys)");
            }
            Cell cell = cells.get(new CellKey(c.prefix(), c.period(), window.start().getEpochSecond()));
            out.put(key, cell == null || cell.dead ? 0L : cell.value);
        }
        return out;
    }

    /** Removes every cell whose window ended at or before {@code now}. */
    public void sweep(Instant now) {
        for (Map.Entry<CellKey, Cell> e : cells.entrySet()) {
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

    /** A counter's identity in one window, ordered so that locks are always taken in one global order. */
    private record CellKey(String prefix, Period period, long start) implements Comparable<CellKey> {
        @Override
        public int compareTo(CellKey o) {
            int byPrefix = prefix.compareTo(o.prefix);
            if (byPrefix != 0) {
                return byPrefix;
            }
            int byPeriod = period.compareTo(o.period);
            return byPeriod != 0 ? byPeriod : Long.compare(start, o.start);
        }
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
