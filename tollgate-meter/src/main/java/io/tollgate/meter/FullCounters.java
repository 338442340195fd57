package io.tollgate.meter;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The counters this meter last saw full (a one-counter authrep on them was denied), so that the next
 * authreps on them read before they add ({@link CommandAuthrep.Route#PROBE}).
 *
 * <p>A hint, never a decision: a probe that finds room is sent again as a normal authrep. So the set
 * may forget and may mistake, and is built to cost little and stay small instead: a direct-mapped table
 * of key hashes, fixed at {@link #SLOTS} entries (4 MB), lock-free. A key whose slot another full key
 * took is forgotten (its next denial takes an increment back again); a key whose hash equals a full
 * key's is probed for nothing (one extra round trip, then it is sent normally). Keys of past windows
 * are never asked about again and are overwritten in time.
 */
final class FullCounters {
    /** Table size: 2^20 slots. */
    static final int SLOTS = 1 << 20;

    private final AtomicIntegerArray table = new AtomicIntegerArray(SLOTS);

    /** Whether {@code key} was last seen full. */
    boolean contains(String key) {
        int h = hash(key);
        return table.get(slot(h)) == h;
    }

    /** Remembers {@code key} as full. */
    void add(String key) {
        int h = hash(key);
        table.set(slot(h), h);
    }

    /** Forgets {@code key} (it had room again). */
    void remove(String key) {
        int h = hash(key);
        table.compareAndSet(slot(h), h, 0);
    }

    /** The key's hash, never 0 (0 marks an empty slot). */
    private static int hash(String key) {
        int h = key.hashCode();
        return h == 0 ? 1 : h;
    }

    /** Spreads the hash's bits over the index: String hashes of similar keys differ mostly in low bits. */
    static int slot(int h) {
        int x = h * 0x9E3779B9;
        return (x ^ (x >>> 16)) & (SLOTS - 1);
    }
}
