package io.tollgate.meter.api;

import io.tollgate.meter.engine.MeterErrorCode;

/**
 * A request refused by the HTTP layer before it reaches the engine. Unlike a
 * {@link io.tollgate.meter.engine.MeterException} the status is not always the catalogue's: apisonator
 * answers invalid UTF-8 with {@code not_valid_data} under 400 (not 422), and some refusals carry no
 * body at all.
 */
final class ApiError extends RuntimeException {
    private final int status;
    private final String code;

    /**
     * @param status the HTTP status
     * @param code the {@code <error code>}, or null for an empty body
     * @param message the text inside {@code <error>}, or null with a null code
     */
    ApiError(int status, String code, String message) {
        super(message == null ? "HTTP " + status : message, null, false, false);
        this.status = status;
        this.code = code;
    }

    /** An error of the catalogue with its own status. */
    static ApiError of(MeterErrorCode code, String message) {
        return new ApiError(code.status(), code.code(), message);
    }

    /** apisonator's {@code bad_request} with its default message. */
    static ApiError badRequest() {
        return badRequest("request contains syntax errors, should not be repeated without modification");
    }

    /** {@code bad_request} (400) with a specific message. */
    static ApiError badRequest(String message) {
        return of(MeterErrorCode.BAD_REQUEST, message);
    }

    /** Invalid UTF-8 anywhere in the parameters: apisonator's {@code halt 400, NotValidData}. */
    static ApiError notValidData() {
        return new ApiError(400, MeterErrorCode.NOT_VALID_DATA.code(), "all data must be valid UTF8");
    }

    /** The HTTP status. */
    int status() {
        return status;
    }

    /** The error code, or null when the response has no body. */
    String code() {
        return code;
    }
}
