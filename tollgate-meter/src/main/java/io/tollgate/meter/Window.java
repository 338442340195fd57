package io.tollgate.meter;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Objects;

/**
 * One calendar-aligned counting window: {@code start} inclusive, {@code end} exclusive, both UTC.
 * Immutable; the key suffix is computed once.
 */
public final class Window {
    private final Period period;
    private final Instant start;
    private final Instant end;
    private final String keySuffix;

    /**
     * @param period the period this window belongs to
     * @param start the first instant inside the window
     * @param end the first instant after the window
     */
    public Window(Period period, Instant start, Instant end) {
        this.period = requireNonNull(period, "period");
        this.start = requireNonNull(start, "start");
        this.end = requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("end: " + end + " (expected: after start " + start + ")");
        }
        this.keySuffix = ":" + period.code() + ":" + start.getEpochSecond();
    }

    /** The period this window belongs to. */
    public Period period() {
        return period;
    }

    /** The first instant inside the window. */
    public Instant start() {
        return start;
    }

    /** The first instant after the window. */
    public Instant end() {
        return end;
    }

    /** The suffix that makes a counter key unique to this window: {@code :<period>:<start epoch seconds>}. */
    public String keySuffix() {
        return keySuffix;
    }

    /** Whether {@code instant} falls inside this window. */
    public boolean contains(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Window w && w.period == period && w.start.equals(start) && w.end.equals(end);
    }

    @Override
    public int hashCode() {
        return Objects.hash(period, start, end);
    }

    @Override
    public String toString() {
        return "Window[period=" + period + ", start=" + start + ", end=" + end + "]";
    }
}
