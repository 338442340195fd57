package io.tollgate.common;

/**
 * The one catalogue of errors Tollgate reports: a stable machine-readable code, the HTTP status it
 * maps to, and a message template. The admin API, the meter and the gateway all draw from it, so a
 * client sees the same code for the same failure wherever it happens.
 */
public enum ErrorCode {
    /** Missing or unknown credentials (3scale: 403 {"error":"Access denied"}). */
    ACCESS_DENIED("access_denied", 403, "Access denied"),
    /** Valid credentials without the scope or the write permission the call needs. */
    INSUFFICIENT_PERMISSIONS("insufficient_permissions", 403,
            "Your access token does not have the correct permissions"),
    /** Unknown id, or an object of another tenant (never revealed as "forbidden"). */
    NOT_FOUND("not_found", 404, "Not found"),
    /** One or more fields failed validation; the details are per field. */
    VALIDATION_FAILED("validation_failed", 422, "Validation failed"),
    /** The object cannot be deleted while something still refers to it. */
    DELETE_REFUSED("delete_refused", 403, "%s"),
    MALFORMED_BODY("malformed_body", 400, "Malformed %s body: %s"),
    PARAMETER_MISSING("parameter_missing", 400, "Required parameter missing: %s"),
    UNSUPPORTED_FORMAT("unsupported_format", 406, "Format '%s' is not supported; use the .json path"),
    UNSUPPORTED_MEDIA_TYPE("unsupported_media_type", 415,
            "Content-Type '%s' is not supported; send application/json or application/x-www-form-urlencoded"),
    METHOD_NOT_ALLOWED("method_not_allowed", 405, "Method %s is not allowed on %s"),
    PAYLOAD_TOO_LARGE("payload_too_large", 413, "Request body exceeds %d bytes"),
    /**
     * A gateway registration or renewal the control plane refuses; the message is the reason the
     * CLI shows after "HTTP/1.1 400 Bad Request" (e.g. "no valid registration token was found").
     */
    REGISTRATION_REJECTED("registration_rejected", 400, "%s"),
    /** Username/password or client id/secret that do not authenticate (gateway certificate renewal). */
    INVALID_CREDENTIALS("invalid_credentials", 401, "Invalid credentials: %s"),
    /** A connected app without a scope the call needs. */
    MISSING_SCOPES("missing_scopes", 403, "The connected app lacks the scopes %s"),
    /** A client certificate the gateway API does not accept (deleted gateway, unknown id, expired). */
    CERTIFICATE_REFUSED("certificate_refused", 403, "Client certificate refused: %s"),
    INTERNAL("internal_error", 500, "Internal error (reference %s)");

    private final String code;
    private final int httpStatus;
    private final String template;

    ErrorCode(String code, int httpStatus, String template) {
        this.code = code;
        this.httpStatus = httpStatus;
        this.template = template;
    }

    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String message(Object... args) {
        return args.length == 0 ? template : String.format(template, args);
    }
}
