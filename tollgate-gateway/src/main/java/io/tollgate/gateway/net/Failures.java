package io.tollgate.gateway.net;

/** One-line descriptions of network failures for log lines and load errors. */
public final class Failures {
    private Failures() {
    }

    /**
     * The failure and its root cause: a TLS failure says why only there, e.g.
     * {@code SSLHandshakeException: … (CertPathBuilderException: unable to find valid certification …)}.
     */
    public static String reason(Throwable failure) {
        String reason = describe(failure);
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failure || root.getMessage() == null ? reason : reason + " (" + describe(root) + ")";
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        String type = failure.getClass().getSimpleName();
        return message == null || message.isBlank() ? type : message.contains(type) ? message : type + ": " + message;
    }
}
