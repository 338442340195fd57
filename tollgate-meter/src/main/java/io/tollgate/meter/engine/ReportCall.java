package io.tollgate.meter.engine;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A batch report ({@code POST /transactions.xml}): service authentication plus up to
 * {@link #MAX_TRANSACTIONS} transactions, recorded all or nothing.
 */
public record ReportCall(String serviceToken, String providerKey, String serviceId, List<Transaction> transactions) {
    /** The most transactions one report may carry. */
    public static final int MAX_TRANSACTIONS = 1000;

    /** Copies the transactions. */
    public ReportCall {
        transactions = List.copyOf(requireNonNull(transactions, "transactions"));
    }
}
