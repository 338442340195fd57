package io.tollgate.server.domain;

import io.tollgate.common.Errors;
import io.tollgate.meter.Period;
import io.tollgate.server.http.Fields;
import io.tollgate.server.meter.NoUsageStats;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parameters of a 3scale Analytics API usage query, checked: {@code metric_name}, {@code since}
 * and either {@code until} with {@code granularity}, or {@code period} (day, week, month, year,
 * whose granularity defaults to hour, day, day and month). Dates are UTC: a date alone means the
 * start of that day for {@code since} and its last second for {@code until}. Only the UTC time zone
 * is supported.
 *
 * @param periodName the {@code period} given, or null for a since/until range
 * @param since the first instant of the range
 * @param until the last instant of the range (inclusive)
 */
public record StatsQuery(String metricName, String periodName, Instant since, Instant until,
        Granularity granularity) {

    /** The most values one answer may have. */
    public static final int MAX_VALUES = 10_000;
    static final Set<String> UTC_NAMES = Set.of("UTC", "Etc/UTC");
    private static final Map<String, Granularity> PERIOD_GRANULARITY = Map.of("day", Granularity.HOUR,
            "week", Granularity.DAY, "month", Granularity.DAY, "year", Granularity.MONTH);

    /** The size of one value's bucket. */
    public enum Granularity {
        HOUR, DAY, MONTH;

        /** The wire name, e.g. {@code "hour"}. */
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Optional<Granularity> fromCode(String code) {
            for (Granularity g : values()) {
                if (g.code().equals(code)) {
                    return Optional.of(g);
                }
            }
            return Optional.empty();
        }
    }

    /** Reads and checks the query; every problem goes into {@code errors}, and then the result is null. */
    static StatsQuery parse(Fields query, Errors errors) {
        String metricName = query.nonBlank("metric_name").map(String::trim).orElse(null);
        if (metricName == null) {
            errors.add("metric_name", "can't be blank");
        }
        Optional<String> timezone = query.nonBlank("timezone").map(String::trim);
        if (timezone.isPresent() && !UTC_NAMES.contains(timezone.get())) {
            errors.add("timezone", "'" + timezone.get() + "' is not supported (expected: UTC or Etc/UTC)");
        }
        Instant since = query.nonBlank("since").map(String::trim).map(s -> instant("since", s, false, errors))
                .orElse(null);
        if (query.nonBlank("since").isEmpty()) {
            errors.add("since", "can't be blank");
        }
        String periodName = query.nonBlank("period").map(String::trim).orElse(null);
        if (periodName != null && !PERIOD_GRANULARITY.containsKey(periodName)) {
            errors.add("period", "is not included in the list (expected: day, week, month or year)");
        }
        Optional<String> untilText = query.nonBlank("until").map(String::trim);
        Instant until = null;
        if (periodName != null && untilText.isPresent()) {
            errors.add("until", "cannot be combined with period");
        } else if (periodName == null && untilText.isEmpty()) {
            errors.add("until", "can't be blank unless period is given");
        } else if (untilText.isPresent()) {
            until = instant("until", untilText.get(), true, errors);
        } else if (since != null && PERIOD_GRANULARITY.containsKey(periodName)) {
            until = endOfPeriod(periodName, since);
        }
        Granularity granularity = granularity(query, periodName, errors);
        if (since != null && until != null && until.isBefore(since)) {
            errors.add("until", "must not be before since");
        } else if (since != null && until != null && granularity != null) {
            long values = values(granularity, since, until);
            if (values > MAX_VALUES) {
                errors.add("granularity", granularity.code() + " gives " + values + " values for this range"
                        + " (maximum is " + MAX_VALUES + "); use a coarser granularity or a shorter range");
            }
        }
        return errors.isEmpty() ? new StatsQuery(metricName, periodName, since, until, granularity) : null;
    }

    /** How many values the range has at this granularity. */
    public long values() {
        return values(granularity, since, until);
    }

    private static long values(Granularity granularity, Instant since, Instant until) {
        return switch (granularity) {
            case HOUR -> NoUsageStats.buckets(Period.HOUR, since, until);
            case DAY -> NoUsageStats.buckets(Period.DAY, since, until);
            case MONTH -> ChronoUnit.MONTHS.between(YearMonth.from(since.atZone(ZoneOffset.UTC)),
                    YearMonth.from(until.atZone(ZoneOffset.UTC))) + 1;
        };
    }

    private static Granularity granularity(Fields query, String periodName, Errors errors) {
        Optional<String> given = query.nonBlank("granularity").map(String::trim);
        if (given.isPresent()) {
            Optional<Granularity> parsed = Granularity.fromCode(given.get());
            if (parsed.isEmpty()) {
                errors.add("granularity", "is not included in the list (expected: hour, day or month)");
            }
            return parsed.orElse(null);
        }
        if (periodName == null) {
            errors.add("granularity", "can't be blank unless period is given");
            return null;
        }
        return PERIOD_GRANULARITY.get(periodName);
    }

    /** The last second of the period that starts at {@code since}. */
    private static Instant endOfPeriod(String periodName, Instant since) {
        var start = since.atZone(ZoneOffset.UTC);
        var next = switch (periodName) {
            case "day" -> start.plusDays(1);
            case "week" -> start.plusWeeks(1);
            case "month" -> start.plusMonths(1);
            default -> start.plusYears(1);
        };
        return next.toInstant().minus(Duration.ofSeconds(1));
    }

    /**
     * A UTC date ({@code 2026-11-01}), date-time ({@code 2026-11-01T10:00:00}) or date-time with an
     * offset ({@code …Z}, {@code …+02:00}). A date alone is its first second, or its last when
     * {@code endOfDay}.
     */
    /**
     * {@code YYYY-MM-DD} (its first second, or its last with {@code endOfDay}), or a date-time with or
     * without offset (UTC); null with an error on {@code field} otherwise.
     */
    public static Instant instant(String field, String text, boolean endOfDay, Errors errors) {
        try {
            if (text.length() == 10) {
                LocalDate date = LocalDate.parse(text);
                return endOfDay ? date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(1)
                        : date.atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException noOffset) {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            }
        } catch (DateTimeParseException e) {
            errors.add(field, "'" + text + "' is not a date (expected: YYYY-MM-DD or YYYY-MM-DDThh:mm:ss[Z])");
            return null;
        }
    }
}
