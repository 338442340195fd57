package io.tollgate.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/** One-line messages for the ways a call can fail before the admin API answers. */
final class Failures {
    private Failures() {
    }

    static TransportException transport(Remote remote, IOException e) {
        Throwable root = root(e);
        String detail = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        if (has(e, SSLHandshakeException.class) || has(e, java.security.cert.CertificateException.class)) {
            String why = detail.contains("PKIX") || detail.contains("certification path")
                    ? "the server's certificate is not trusted (" + detail + ")"
                    : detail.contains("No subject alternative") || detail.contains("No name matching")
                            ? "the server's certificate does not match the host (" + detail + ")"
                            : detail;
            return new TransportException("TLS handshake with " + remote + " failed: " + why
                    + "; set SSL_CERT_FILE to a PEM file holding the server's certificate or its CA,"
                    + " or pass -k/--insecure to skip verification", e);
        }
        if (has(e, SSLException.class)) {
            return new TransportException("TLS with " + remote + " failed: " + detail
                    + " (is it an https server? use http:// for a plain one)", e);
        }
        if (e instanceof HttpConnectTimeoutException) {
            return new TransportException("cannot connect to " + remote + ": timed out", e);
        }
        if (e instanceof HttpTimeoutException) {
            return new TransportException(remote + " did not answer in time", e);
        }
        if (has(e, ConnectException.class)) {
            // The JDK client often reports a refused connection as a bare ClosedChannelException.
            String why = root.getMessage() == null || root.getMessage().isBlank() ? "connection refused" : detail;
            return new TransportException("cannot connect to " + remote + ": " + why, e);
        }
        if (has(e, UnknownHostException.class) || has(e, UnresolvedAddressException.class)) {
            return new TransportException("cannot resolve the host of " + remote, e);
        }
        return new TransportException("cannot talk to " + remote + ": " + detail, e);
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static Throwable root(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
