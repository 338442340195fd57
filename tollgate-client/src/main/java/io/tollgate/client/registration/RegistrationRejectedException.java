package io.tollgate.client.registration;

/**
 * The control plane refused a registration or renewal with HTTP 400; {@link #reason()} is what it
 * said, e.g. {@code no valid registration token was found}.
 */
public final class RegistrationRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String reason;

    public RegistrationRejectedException(String reason) {
        super("registration call returned error response: HTTP/1.1 400 Bad Request: " + reason);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
