package io.tollgate.server.http;

import io.tollgate.common.ErrorCode;
import io.tollgate.common.TollgateException;

/**
 * A DELETE refused because something still refers to the object; 403 with
 * {"errors":{"base":["…"]}}, as 3scale answers a failed destroy.
 */
public final class DeleteRefusedException extends TollgateException {
    private static final long serialVersionUID = 1L;

    public DeleteRefusedException(String reason) {
        super(ErrorCode.DELETE_REFUSED, reason);
    }
}
