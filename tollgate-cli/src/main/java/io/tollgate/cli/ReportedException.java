package io.tollgate.cli;

/**
 * A failure whose message is already in its final form and is printed exactly as it is, without
 * the usual {@code tollgate: } prefix: the registration errors of SPEC G2, which scripts match
 * word for word ({@code [tollgate][error] registration call returned error response: …}).
 */
public final class ReportedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReportedException(String message, Throwable cause) {
        super(message, cause);
    }
}
