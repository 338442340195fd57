package io.tollgate.client;

/** The admin API could not be reached or spoken to (connection, TLS, timeout, an answer that is not JSON). */
public final class TransportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
