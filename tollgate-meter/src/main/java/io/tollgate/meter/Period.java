package io.tollgate.meter;

import static java.util.Objects.requireNonNull;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/**
 * A usage-limit period. Windows are fixed, calendar-aligned and UTC, as in 3scale (threescale-wire.md
 * §2 "Periods"): a week starts Monday 00:00, a month on the 1st, a year on January 1st, and eternity
 * runs from 1970-01-01 to 9999-12-31.
 */
public enum Period {
    /** A calendar minute. */
    MINUTE("minute"),
    /** A calendar hour. */
    HOUR("hour"),
    /** A UTC day. */
    DAY("day"),
    /** An ISO week, Monday 00:00 UTC to the next Monday. */
    WEEK("week"),
    /** A calendar month, from the 1st. */
    MONTH("month"),
    /** A calendar year, from January 1st. */
    YEAR("year"),
    /** One window for all time. */
    ETERNITY("eternity");

    private static final Instant ETERNITY_START = Instant.EPOCH;
    private static final Instant ETERNITY_END = LocalDate.of(9999, 12, 31).atStartOfDay(ZoneOffset.UTC).toInstant();

    private final String code;
    /**
     * The last window computed: consecutive calls almost always fall in it, and an {@link Instant}
     * comparison is much cheaper than calendar arithmetic. Racy by design: any thread may replace it with
     * another correct window.
     */
    private volatile Window last;

    Period(String code) {
        this.code = code;
    }

    /** The lower-case wire name, e.g. {@code "minute"}. */
    public String code() {
        return code;
    }

    /** Parses a wire name such as {@code "day"}. */
    public static Period fromCode(String code) {
        requireNonNull(code, "code");
        for (Period p : values()) {
            if (p.code.equals(code)) {
                return p;
            }
        }
        throw new IllegalArgumentException("period: " + code
                + " (expected: minute, hour, day, week, month, year or eternity)");
    }

    /** The window of this period that contains {@code now}. */
    public Window window(Instant now) {
        requireNonNull(now, "now");
        Window cached = last;
        if (cached != null && cached.contains(now)) {
            return cached;
        }
        Window computed = compute(now);
        last = computed;
        return computed;
    }

    private Window compute(Instant now) {
        if (this == ETERNITY) {
            return new Window(this, ETERNITY_START, ETERNITY_END);
        }
        ZonedDateTime t = now.atZone(ZoneOffset.UTC);
        ZonedDateTime start = switch (this) {
            case MINUTE -> t.truncatedTo(ChronoUnit.MINUTES);
            case HOUR -> t.truncatedTo(ChronoUnit.HOURS);
            case DAY -> t.truncatedTo(ChronoUnit.DAYS);
            case WEEK -> t.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
            case YEAR -> t.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
            case ETERNITY -> throw new AssertionError("handled above");
        };
        ZonedDateTime end = switch (this) {
            case MINUTE -> start.plusMinutes(1);
            case HOUR -> start.plusHours(1);
            case DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
            case YEAR -> start.plusYears(1);
            case ETERNITY -> throw new AssertionError("handled above");
        };
        return new Window(this, start.toInstant(), end.toInstant());
    }
}
