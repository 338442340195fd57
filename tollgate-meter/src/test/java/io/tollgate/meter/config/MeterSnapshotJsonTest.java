package io.tollgate.meter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.meter.Period;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MeterSnapshotJsonTest {

    /** A snapshot in which every field of every record holds a non-default value. */
    static MeterSnapshot fullSnapshot(long version) {
        MeterTenant tenant = new MeterTenant(3, "ab12cd", 10, true);
        MeterTenant suspended = new MeterTenant(4, "ef34", 0, false);
        MeterService service = new MeterService(10, 3, "2", true, Set.of("d1", "d2"), true, List.of(
                new MeterMetric(100, "hits", 0),
                new MeterMetric(101, "search", 100),
                new MeterMetric(102, "hits.7", 100)));
        MeterService inactive = new MeterService(11, 4, "oidc", false, Set.of(), false, List.of());
        MeterPlan plan = new MeterPlan(20, 10, "Gold \"plan\" é", List.of(
                new MeterLimit(100, Period.MINUTE, 60),
                new MeterLimit(101, Period.DAY, 0),
                new MeterLimit(102, Period.ETERNITY, Long.MAX_VALUE)));
        MeterApp app = new MeterApp(30, 10, 20, "live", "uk-1", "app-1", List.of("k1", "k2"),
                List.of("*.example.com", "localhost"), "https://example.com/cb");
        MeterApp bare = new MeterApp(31, 10, 20, "suspended", null, null, List.of(), List.of(), null);
        return new MeterSnapshot(version, List.of(tenant, suspended), List.of(service, inactive), List.of(plan),
                List.of(app, bare));
    }

    @Test
    void roundTripsEveryField() {
        MeterSnapshot snapshot = fullSnapshot(1_700_000_000_123L);

        MeterSnapshot back = MeterSnapshotJson.read(MeterSnapshotJson.write(snapshot));

        assertThat(back).isEqualTo(snapshot);
        assertThat(back.apps().get(1).userKey()).isNull();
    }

    @Test
    void writesPeriodsAsTheirWireCode() {
        String json = new String(MeterSnapshotJson.write(fullSnapshot(1)), StandardCharsets.UTF_8);

        assertThat(json).contains("\"period\":\"minute\"", "\"period\":\"eternity\"").doesNotContain("MINUTE");
    }

    @Test
    void rejectsAnUnknownPeriodNamingIt() {
        String json = new String(MeterSnapshotJson.write(fullSnapshot(1)), StandardCharsets.UTF_8)
                .replace("\"minute\"", "\"fortnight\"");

        assertThatThrownBy(() -> MeterSnapshotJson.read(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fortnight");
    }

    @Test
    void rejectsMalformedJsonAndMissingFields() {
        assertThatThrownBy(() -> MeterSnapshotJson.read("{\"version\":".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("meter snapshot JSON (11 bytes) is invalid");
        assertThatThrownBy(() -> MeterSnapshotJson.read("{\"version\":1}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tenants");
        assertThatThrownBy(() -> MeterSnapshotJson.read("null".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("meter snapshot JSON: null (expected: an object)");
    }
}
