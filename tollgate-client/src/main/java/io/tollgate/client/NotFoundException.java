package io.tollgate.client;

/** A reference (product, plan, metric, application …) that names nothing on the remote. */
public final class NotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }
}
