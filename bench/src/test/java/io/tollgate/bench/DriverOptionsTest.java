package io.tollgate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DriverOptionsTest {

    @Test
    void defaultsMeasureEveryLevelOnOneAndManyKeys() {
        DriverOptions o = DriverOptions.parse();
        assertThat(o.uri()).isEqualTo("redis://127.0.0.1:6379");
        assertThat(o.keys()).containsExactly(1, 100_000);
        assertThat(o.levels()).containsExactly("store", "engine", "two-limits", "denied");
        assertThat(o.inFlight()).isEqualTo(256);
        assertThat(o.offload()).isEmpty();
    }

    @Test
    void parsesEveryOption() {
        DriverOptions o = DriverOptions.parse("--redis=redis://127.0.0.1:7000", "--warmup=0", "--seconds=2",
                "--in-flight=64", "--submitters=1", "--keys=10", "--levels=engine", "--offload=false");
        assertThat(o).isEqualTo(new DriverOptions("redis://127.0.0.1:7000", Duration.ZERO, Duration.ofSeconds(2),
                64, 1, List.of(10), List.of("engine"), Optional.of(false)));
    }

    @Test
    void rejectsWhatItDoesNotKnow() {
        assertThatThrownBy(() -> DriverOptions.parse("--seconds=0"))
                .hasMessage("argument: --seconds=0 (expected: an integer >= 1)");
        assertThatThrownBy(() -> DriverOptions.parse("--levels=disk"))
                .hasMessage("argument: --levels=disk (expected: some of store,engine,two-limits,denied)");
        assertThatThrownBy(() -> DriverOptions.parse("seconds=3"))
                .hasMessage("argument: seconds=3 (expected: --name=value)");
        assertThatThrownBy(() -> DriverOptions.parse("--speed=3")).hasMessageStartingWith("argument: --speed=3");
    }
}
