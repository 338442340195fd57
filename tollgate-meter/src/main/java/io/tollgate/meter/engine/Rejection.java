package io.tollgate.meter.engine;

import java.util.Locale;

/**
 * Why a call was not authorized: answered 409 with a {@code <status>} body whose {@code <reason>} is
 * the message, and (with {@code rejection_reason_header}) the code in {@code 3scale-rejection-reason}.
 */
public enum Rejection {
    LIMITS_EXCEEDED,
    APPLICATION_NOT_ACTIVE,
    APPLICATION_KEY_INVALID,
    SERVICE_NOT_ACTIVE,
    REFERRER_NOT_ALLOWED,
    OAUTH_NOT_ENABLED,
    REDIRECT_URI_INVALID,
    REDIRECT_URL_INVALID;

    /** The code as written in the rejection header. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
