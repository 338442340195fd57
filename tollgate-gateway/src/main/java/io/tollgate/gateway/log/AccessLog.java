package io.tollgate.gateway.log;

import io.tollgate.gateway.pipeline.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON line per request on the logger {@value #LOGGER}: time, environment, product, method,
 * path (never the query string, where credentials may be), status, who answered, durations, client
 * address and host. No credentials, no headers.
 */
public final class AccessLog {
    public static final String LOGGER = "tollgate.access";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private AccessLog() {
    }

    public static boolean enabled() {
        return LOG.isInfoEnabled();
    }

    /** Logs one finished exchange. */
    public static void log(String environment, Exchange ex, String host) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        StringBuilder sb = new StringBuilder(256);
        sb.append("{\"time\":\"").append(java.time.Instant.now()).append('"');
        field(sb, "environment", environment);
        sb.append(",\"product\":").append(ex.product().config().id());
        field(sb, "method", ex.method());
        field(sb, "path", ex.path());
        field(sb, "host", host);
        sb.append(",\"status\":").append(ex.response().getStatusCode());
        field(sb, "responder", ex.responder());
        sb.append(",\"duration_ms\":").append(millis(ex.elapsedNanos()));
        sb.append(",\"upstream_ms\":").append(millis(ex.upstreamNanos()));
        sb.append(",\"meter_ms\":").append(millis(ex.meterNanos()));
        field(sb, "client", ex.clientAddress());
        sb.append('}');
        LOG.info(sb.toString());
    }

    /** A request refused before it reached a product (unknown host, bad path, limits). */
    public static void logRefused(String environment, String method, String host, int status, String reason,
            String client) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        StringBuilder sb = new StringBuilder(160);
        sb.append("{\"time\":\"").append(java.time.Instant.now()).append('"');
        field(sb, "environment", environment);
        field(sb, "method", method);
        field(sb, "host", host);
        sb.append(",\"status\":").append(status);
        field(sb, "responder", "gateway");
        field(sb, "reason", reason);
        field(sb, "client", client);
        sb.append('}');
        LOG.info(sb.toString());
    }

    private static String millis(long nanos) {
        long micros = nanos / 1000;
        return micros / 1000 + "." + String.format("%03d", micros % 1000);
    }

    private static void field(StringBuilder sb, String name, String value) {
        sb.append(",\"").append(name).append("\":");
        if (value == null) {
            sb.append("null");
            return;
        }
        sb.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
