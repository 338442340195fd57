package io.tollgate.cli;

/** A toolbox command cannot do what it was asked; the message is one line for the user. */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CliException(String message) {
        super(message);
    }

    public CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
