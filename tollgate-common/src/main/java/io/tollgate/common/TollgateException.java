package io.tollgate.common;

import static java.util.Objects.requireNonNull;

/** A failure with a catalogued {@link ErrorCode}; its message is safe to show to the caller. */
public class TollgateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode errorCode;

    public TollgateException(ErrorCode errorCode, Object... args) {
        super(requireNonNull(errorCode, "errorCode").message(args));
        this.errorCode = errorCode;
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    public static TollgateException notFound() {
        return new TollgateException(ErrorCode.NOT_FOUND);
    }
}
