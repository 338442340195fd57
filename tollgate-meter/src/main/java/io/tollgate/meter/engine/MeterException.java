package io.tollgate.meter.engine;

import static java.util.Objects.requireNonNull;

/** A call the meter refuses with an {@code <error>}: the code decides the HTTP status. */
public final class MeterException extends RuntimeException {
    private final MeterErrorCode code;

    /** An error with its human-readable message (the text inside the {@code <error>} element). */
    public MeterException(MeterErrorCode code, String message) {
        super(requireNonNull(message, "message"), null, false, false);
        this.code = requireNonNull(code, "code");
    }

    /** The machine-readable code. */
    public MeterErrorCode code() {
        return code;
    }
}
