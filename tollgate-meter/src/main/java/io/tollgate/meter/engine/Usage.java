package io.tollgate.meter.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/** Parses {@code usage[metric]=N} values the way the Service Management API accepts them. */
public final class Usage {
    private Usage() {
    }

    /**
     * Metric name → units from the raw request values, in request order. A value must be a
     * non-negative decimal integer (surrounding blanks allowed); zeros are dropped. The deprecated
     * {@code #N} ("set the counter to N") form is refused: Tollgate's counters only add.
     *
     * @throws MeterException {@code usage_value_invalid} naming the metric and value
     */
    public static Map<String, Long> parse(Map<String, String> raw) {
        Map<String, Long> usage = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : raw.entrySet()) {
            long value = value(e.getKey(), e.getValue());
            if (value != 0) {
                usage.merge(e.getKey(), value, Math::addExact);
            }
        }
        return usage;
    }

    private static long value(String metric, String text) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty()) {
            throw new MeterException(MeterErrorCode.USAGE_VALUE_INVALID,
                    "usage value for metric \"" + metric + "\" can not be empty");
        }
        if (!trimmed.isEmpty() && trimmed.chars().allMatch(c -> c >= '0' && c <= '9') && trimmed.length() <= 18) {
            return Long.parseLong(trimmed);
        }
        throw new MeterException(MeterErrorCode.USAGE_VALUE_INVALID,
                "usage value \"" + text + "\" for metric \"" + metric + "\" is invalid");
    }
}
