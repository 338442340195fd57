package io.tollgate.meter;

/**
 * The counter store failed, or its circuit is open, and the failure policy is
 * {@link FailurePolicy#DENY}: the request cannot be metered. The engine answers HTTP 503
 * ({@code store_unavailable}).
 */
public final class StoreUnavailableException extends RuntimeException {
    /** A failure with its cause (the store's error), or {@code null} when the circuit was already open. */
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
