package io.tollgate.meter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MemoryCounterStoreTest extends CounterStoreContract {
    private MemoryCounterStore store;

    @BeforeEach
    void newStore() {
        store = new MemoryCounterStore();
    }

    @Override
    CounterStore store() {
        return store;
    }

    @Test
    void dropsExpiredWindows() {
        Counter hits = counter("hits", Period.MINUTE, 10, 1);
        store.authrep(List.of(hits), NOW);
        assertThat(store.size()).isEqualTo(1);
        Instant later = NOW.plusSeconds(3600);
        store.authrep(List.of(hits), later);
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.read(List.of(hits), NOW).values()).containsExactly(0L);
        assertThat(store.read(List.of(hits), later).values()).containsExactly(1L);
    }
}
