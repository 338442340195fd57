package io.tollgate.meter.engine;

import java.util.Locale;

/**
 * The Service Management API's error catalogue (threescale-wire.md §2): each code with its HTTP status.
 * The wire code is the constant's name in lower case ({@code user_key_invalid}).
 */
public enum MeterErrorCode {
    BAD_REQUEST(400),
    CONTENT_TYPE_INVALID(400),
    TRANSACTIONS_IS_BLANK(400),
    TRANSACTIONS_FORMAT_INVALID(400),
    TRANSACTIONS_HAS_NIL_TRANSACTION(400),
    END_USERS_NO_LONGER_SUPPORTED(400),
    PROVIDER_KEY_INVALID(403),
    SERVICE_TOKEN_INVALID(403),
    PROVIDER_KEY_OR_SERVICE_TOKEN_REQUIRED(403),
    PROVIDER_KEY_INVALID_OR_SERVICE_MISSING(403),
    SERVICE_ID_INVALID(403),
    USER_KEY_INVALID(403),
    AUTHENTICATION_ERROR(403),
    USAGE_VALUE_INVALID(403),
    TRANSACTION_TIMESTAMP_TOO_OLD(403),
    TRANSACTION_TIMESTAMP_TOO_NEW(403),
    APPLICATION_NOT_FOUND(404),
    METRIC_INVALID(404),
    SERVICE_ID_MISSING(422),
    NOT_VALID_DATA(422),
    REFERRER_FILTER_INVALID(422),
    /** The counter store failed and the failure policy is {@code deny}. */
    STORE_UNAVAILABLE(503);

    private final int status;

    MeterErrorCode(int status) {
        this.status = status;
    }

    /** The HTTP status of a response carrying this error. */
    public int status() {
        return status;
    }

    /** The code as written in {@code <error code="…">}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
