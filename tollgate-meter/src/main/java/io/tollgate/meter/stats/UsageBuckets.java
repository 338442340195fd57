package io.tollgate.meter.stats;

import static java.util.Objects.requireNonNull;

import io.tollgate.meter.Period;
import java.time.Duration;
import java.time.Instant;

/**
 * The bucket rules shared by every {@link UsageStats}: which granularities exist, how long each is
 * kept, and how many buckets one {@link UsageStats#series series} call may ask for.
 */
public final class UsageBuckets {
    /** How long an hour bucket is kept, counted from the bucket's start. */
    public static final Duration HOUR_RETENTION = Duration.ofDays(90);
    /** How long a day bucket is kept, counted from the bucket's start: three years and a leap day. */
    public static final Duration DAY_RETENTION = Duration.ofDays(3 * 365 + 1);
    /** The most buckets one series call returns. */
    public static final int MAX_SERIES_BUCKETS = 10_000;

    private UsageBuckets() {
    }

    /** The retention of {@code granularity}, which must be {@link Period#HOUR} or {@link Period#DAY}. */
    public static Duration retention(Period granularity) {
        return switch (checkGranularity(granularity)) {
            case HOUR -> HOUR_RETENTION;
            case DAY -> DAY_RETENTION;
            default -> throw new AssertionError("checked above");
        };
    }

    /** The start (epoch second) of the {@code granularity} bucket containing {@code at}. */
    static long startOf(Period granularity, Instant at) {
        return granularity.window(at).start().getEpochSecond();
    }

    /** Whether the bucket starting at {@code startEpochSecond} is past its retention at {@code now}. */
    static boolean expired(Period granularity, long startEpochSecond, Instant now) {
        return !Instant.ofEpochSecond(startEpochSecond).plus(retention(granularity)).isAfter(now);
    }

    /**
     * The bucket starts (epoch seconds) from the bucket containing {@code since} to the one containing
     * {@code until}, both included, after checking the arguments of a series call.
     */
    static long[] seriesStarts(Period granularity, Instant since, Instant until) {
        checkGranularity(granularity);
        requireNonNull(since, "since");
        requireNonNull(until, "until");
        if (since.isAfter(until)) {
            throw new IllegalArgumentException("since: " + since + " (expected: <= until " + until + ")");
        }
        // UTC hours and days have a fixed length, so the buckets are evenly spaced.
        long step = granularity == Period.HOUR ? 3600 : 86_400;
        long first = startOf(granularity, since);
        long last = startOf(granularity, until);
        long count = (last - first) / step + 1;
        if (count > MAX_SERIES_BUCKETS) {
            throw new IllegalArgumentException("since..until: " + count + " " + granularity.code()
                    + " buckets from " + since + " to " + until + " (expected: at most " + MAX_SERIES_BUCKETS + ")");
        }
        long[] starts = new long[(int) count];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = first + i * step;
        }
        return starts;
    }

    private static Period checkGranularity(Period granularity) {
        requireNonNull(granularity, "granularity");
        if (granularity != Period.HOUR && granularity != Period.DAY) {
            throw new IllegalArgumentException("granularity: " + granularity.code() + " (expected: hour or day)");
        }
        return granularity;
    }
}
