package io.tollgate.meter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How the batcher groups authreps by Redis Cluster slot: by the part of the keys Redis hashes. */
class AuthrepBatcherTest {

    @Test
    void keysSharingAHashTagShareAGroup() {
        assertThat(AuthrepBatcher.hashPart(List.of("tg:{42}:7:hits:m1", "tg:{42}:7:hits:d1"))).isEqualTo("42");
    }

    @Test
    void onlyTheFirstBracedPartCounts() {
        assertThat(AuthrepBatcher.hashPart(List.of("a{x}b{y}", "c{x}"))).isEqualTo("x");
    }

    @Test
    void anEmptyOrUnclosedTagMeansTheWholeKey() {
        assertThat(AuthrepBatcher.hashPart(List.of("a{}b"))).isEqualTo("a{}b");
        assertThat(AuthrepBatcher.hashPart(List.of("a{b"))).isEqualTo("a{b");
        assertThat(AuthrepBatcher.hashPart(List.of("x", "{x}"))).isEqualTo("x");
    }

    @Test
    void keysOfDifferentSlotsOrNoKeysHaveNoGroup() {
        assertThat(AuthrepBatcher.hashPart(List.of("tg:{1}:hits", "tg:{2}:hits"))).isNull();
        assertThat(AuthrepBatcher.hashPart(List.of("tg:a", "tg:b"))).isNull();
        assertThat(AuthrepBatcher.hashPart(List.of())).isNull();
    }
}
