package io.tollgate.meter.api;

import io.tollgate.meter.engine.MeterErrorCode;
import io.tollgate.meter.engine.MeterException;
import io.tollgate.meter.engine.ReportCall;
import io.tollgate.meter.engine.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The parameters of {@code POST /transactions.xml}, checked in apisonator's order
 * ({@code listener.rb post '/transactions.xml'}, {@code check_transactions_validity}):
 *
 * <ol>
 *   <li>a provider key, or a service token and a service id (as for authorize);</li>
 *   <li>{@code transactions} absent or empty: {@code transactions_is_blank}; not a map
 *       ({@code transactions[]=…}, a plain value): {@code transactions_format_invalid}; a transaction
 *       without a value ({@code transactions[0]} alone): {@code transactions_has_nil_transaction}; a
 *       transaction with a {@code user_id}: {@code end_users_no_longer_supported};</li>
 *   <li>more than {@value ReportCall#MAX_TRANSACTIONS} transactions: {@code bad_request} (apisonator
 *       documents the limit without a code of its own);</li>
 *   <li>a transaction that is a plain value, or whose {@code usage} is: {@code transactions_format_invalid}
 *       (apisonator fails later, in its worker).</li>
 * </ol>
 *
 * Transactions keep their order of first appearance, as a Ruby hash does; {@code log} is dropped (only
 * {@code log[code]} was ever used, and Tollgate keeps no request log).
 */
final class ReportParams {
    private ReportParams() {
    }

    /** Checks {@code params} and builds the report. */
    static ReportCall parse(Map<String, Object> params) {
        String providerKey = CallParams.nonEmpty(params.get("provider_key"));
        String serviceToken = CallParams.nonEmpty(params.get("service_token"));
        String serviceId = CallParams.nonEmpty(params.get("service_id"));
        CallParams.requireServiceCredentials(providerKey, serviceToken, serviceId);
        Map<?, ?> raw = transactions(params.get("transactions"));
        List<Transaction> transactions = new ArrayList<>(raw.size());
        for (Object value : raw.values()) {
            if (!(value instanceof Map<?, ?> tx)) {
                throw formatInvalid();
            }
            Object usage = tx.get("usage");
            if (usage != null && !(usage instanceof Map<?, ?>)) {
                throw formatInvalid();
            }
            Object timestamp = tx.get("timestamp");
            transactions.add(new Transaction(CallParams.nonEmpty(tx.get("app_id")),
                    CallParams.nonEmpty(tx.get("user_key")), CallParams.usage(usage),
                    timestamp instanceof String text ? Timestamps.parse(text) : null));
        }
        return new ReportCall(serviceToken, providerKey, serviceId, transactions);
    }

    private static Map<?, ?> transactions(Object transactions) {
        if (transactions == null || transactions instanceof String s && s.isEmpty()
                || transactions instanceof Map<?, ?> m && m.isEmpty()
                || transactions instanceof List<?> l && l.isEmpty()) {
            throw new MeterException(MeterErrorCode.TRANSACTIONS_IS_BLANK, "transactions parameter is blank");
        }
        if (!(transactions instanceof Map<?, ?> map)) {
            throw formatInvalid();
        }
        if (map.containsValue(null)) {
            throw new MeterException(MeterErrorCode.TRANSACTIONS_HAS_NIL_TRANSACTION,
                    "transactions has a nil transaction");
        }
        for (Object tx : map.values()) {
            if (tx instanceof Map<?, ?> fields && fields.get("user_id") != null) {
                throw new MeterException(MeterErrorCode.END_USERS_NO_LONGER_SUPPORTED,
                        "End-users are no longer supported, do not specify the user_id parameter");
            }
        }
        if (map.size() > ReportCall.MAX_TRANSACTIONS) {
            throw ApiError.badRequest("a report carries at most " + ReportCall.MAX_TRANSACTIONS
                    + " transactions, this one has " + map.size());
        }
        return map;
    }

    private static MeterException formatInvalid() {
        return new MeterException(MeterErrorCode.TRANSACTIONS_FORMAT_INVALID, "transactions format is invalid");
    }
}
