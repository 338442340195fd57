package io.tollgate.gateway.local;

/**
 * A local-mode directory that cannot be applied. The message is one line {@code file: resource: field:
 * message}, e.g. {@code apis.yaml: PolicyBinding my-basic: spec.config.password: missing}; the whole
 * directory is then refused and the last good configuration keeps serving.
 */
public final class LocalConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LocalConfigException(String message) {
        super(message, null, false, false);
    }
}
