package io.tollgate.server.domain;

import io.tollgate.common.Errors;
import io.tollgate.server.http.Fields;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * Reads the numbers of plans, limits and pricing rules: money as decimals that fit DECIMAL(20,4)
 * and counts as non-negative integers, with Rails' messages.
 */
public final class Amounts {
    /** DECIMAL(20,4) keeps 16 digits before the point. */
    private static final BigDecimal MONEY_BOUND = BigDecimal.TEN.pow(16);
    private static final long INT_BOUND = Integer.MAX_VALUE;

    private Amounts() {
    }

    /** A decimal ≥ 0, rounded to 4 places; invalid values are reported and give empty. */
    public static Optional<BigDecimal> money(Fields fields, String name, Errors errors) {
        Optional<BigDecimal> value = fields.decimal(name, errors);
        if (value.isEmpty()) {
            return value;
        }
        BigDecimal amount = value.get();
        if (amount.signum() < 0) {
            errors.add(name, "must be greater than or equal to 0");
            return Optional.empty();
        }
        if (amount.compareTo(MONEY_BOUND) >= 0) {
            errors.add(name, "must be less than " + MONEY_BOUND.toPlainString());
            return Optional.empty();
        }
        return Optional.of(amount.setScale(4, RoundingMode.HALF_UP));
    }

    /** An integer ≥ {@code min}; when {@code intRange}, also at most 2^31-1 (INTEGER columns). */
    public static Optional<Long> atLeast(Fields fields, String name, long min, boolean intRange, Errors errors) {
        Optional<Long> value = fields.integer(name, errors);
        if (value.isEmpty()) {
            return value;
        }
        if (value.get() < min) {
            errors.add(name, "must be greater than or equal to " + min);
            return Optional.empty();
        }
        if (intRange && value.get() > INT_BOUND) {
            errors.add(name, "must be less than or equal to " + INT_BOUND);
            return Optional.empty();
        }
        return value;
    }

    /** The JSON form of an amount: the shortest decimal with at least one fraction digit (0.0, 10.5). */
    public static BigDecimal json(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 1 ? stripped.setScale(1) : stripped;
    }
}
