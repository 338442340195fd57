package io.tollgate.meter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The full-counter hints: remembered, forgotten, and overwritten (never confused) when slots collide. */
class FullCountersTest {
    private final FullCounters full = new FullCounters();

    @Test
    void remembersAKeyUntilItIsRemoved() {
        String key = "tg:{42}:7:m:1772619300";
        assertThat(full.contains(key)).isFalse();
        full.add(key);
        assertThat(full.contains(key)).isTrue();
        assertThat(full.contains("tg:{43}:7:m:1772619300")).isFalse();
        full.remove(key);
        assertThat(full.contains(key)).isFalse();
    }

    @Test
    void aKeyWhoseSlotAnotherTookIsForgottenAndRemovingItLeavesTheOtherAlone() {
        String first = "tg:{1}:1:d:0";
        String second = null;
        int slot = FullCounters.slot(first.hashCode());
        for (int i = 2; second == null; i++) {
            String candidate = "tg:{" + i + "}:1:d:0";
            if (FullCounters.slot(candidate.hashCode()) == slot && candidate.hashCode() != first.hashCode()) {
                second = candidate;
            }
        }
        full.add(first);
        full.add(second);
        assertThat(full.contains(first)).as("overwritten: forgotten").isFalse();
        assertThat(full.contains(second)).isTrue();
        full.remove(first);
        assertThat(full.contains(second)).as("removing a forgotten key keeps the slot's owner").isTrue();
    }
}
