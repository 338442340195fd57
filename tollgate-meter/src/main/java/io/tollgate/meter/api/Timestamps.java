package io.tollgate.meter.api;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A report transaction's {@code timestamp}, in the formats 3scale documents and its clients send:
 * UNIX seconds ({@code 1325283331}, fractions allowed), {@code YYYY-MM-DD HH:MM:SS} in UTC with an
 * optional offset ({@code 2011-12-30 22:15:31 -08:00}, {@code +0800}, {@code Z}, {@code UTC},
 * {@code GMT}), the same with a {@code T} separator and fractional seconds (ISO 8601), a bare date, and
 * RFC 1123 ({@code Fri, 30 Dec 2011 22:15:31 GMT}).
 *
 * <p>As in apisonator ({@code Time.parse_to_utc}), text it cannot read means "now": it returns null.
 */
final class Timestamps {
    private static final Pattern EPOCH = Pattern.compile("\\d{1,12}(\\.\\d{1,9})?");
    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{4})-(\\d{1,2})-(\\d{1,2})"
            + "(?:[T ]+(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?)?"
            + "\\s*(Z|UTC|GMT|[+-]\\d{2}(?::?\\d{2})?)?",
            Pattern.CASE_INSENSITIVE);

    private Timestamps() {
    }

    /** The instant {@code text} names, or null when it is blank or unreadable. */
    static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String s = text.strip();
        try {
            if (EPOCH.matcher(s).matches()) {
                return epoch(s);
            }
            Matcher m = DATE_TIME.matcher(s);
            if (m.matches()) {
                return dateTime(m);
            }
            return ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeException | ArithmeticException e) {
            return null;
        }
    }

    private static Instant epoch(String s) {
        int dot = s.indexOf('.');
        long seconds = Long.parseLong(dot < 0 ? s : s.substring(0, dot));
        long nanos = dot < 0 ? 0 : Long.parseLong((s.substring(dot + 1) + "000000000").substring(0, 9));
        return Instant.ofEpochSecond(seconds, nanos);
    }

    private static Instant dateTime(Matcher m) {
        LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)));
        LocalDateTime local = date.atStartOfDay();
        if (m.group(4) != null) {
            int nanos = m.group(7) == null ? 0 : Integer.parseInt((m.group(7) + "000000000").substring(0, 9));
            local = date.atTime(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    m.group(6) == null ? 0 : Integer.parseInt(m.group(6)), nanos);
        }
        return local.toInstant(offset(m.group(8)));
    }

    private static ZoneOffset offset(String zone) {
        if (zone == null) {
            return ZoneOffset.UTC;
        }
        String z = zone.toUpperCase(Locale.ROOT);
        if (z.equals("Z") || z.equals("UTC") || z.equals("GMT")) {
            return ZoneOffset.UTC;
        }
        String digits = z.substring(1).replace(":", "");
        int hours = Integer.parseInt(digits.substring(0, 2));
        int minutes = digits.length() > 2 ? Integer.parseInt(digits.substring(2)) : 0;
        int sign = z.charAt(0) == '-' ? -1 : 1;
        return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
    }
}
