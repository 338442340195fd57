package io.tollgate.gateway.loader;

/**
 * A configuration could not be fetched or read: the server was unreachable or answered other than
 * 200, the answer was not a configuration listing, or a file could not be read. The message is
 * what follows {@code failed to load configuration: } in the log (SPEC O9) and never holds a token.
 */
public final class LoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    /**
     * @param status the server's HTTP status, or 0 when there was no answer
     */
    public LoadException(String message, int status) {
        super(message, null, false, false);
        this.status = status;
    }

    public LoadException(String message) {
        this(message, 0);
    }

    /** The server's HTTP status, or 0 when it did not answer. */
    public int status() {
        return status;
    }
}
