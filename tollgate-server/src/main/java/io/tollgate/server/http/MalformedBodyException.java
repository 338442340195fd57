package io.tollgate.server.http;

import io.tollgate.common.ErrorCode;
import io.tollgate.common.TollgateException;

/** A request body that cannot be parsed: 400 with what went wrong. */
public final class MalformedBodyException extends TollgateException {
    private static final long serialVersionUID = 1L;

    public MalformedBodyException(String format, String detail) {
        super(ErrorCode.MALFORMED_BODY, format, detail);
    }
}
