package io.tollgate.meter.api;

import java.util.Map;

/**
 * apisonator's extensions, asked for with the request header {@code 3scale-options: a=1&b=1}
 * ({@code listener.rb threescale_extensions}, {@code docs/extensions.md}). Each is on when its value is
 * {@code 1}; {@code no_body} is also read from the deprecated {@code no_body} query parameter and is on
 * for any value but {@code 0} and {@code false}.
 *
 * @param noBody answer without a body
 * @param rejectionReasonHeader put the rejection code in {@code 3scale-rejection-reason} on a 409
 * @param limitHeaders add {@code 3scale-limit-remaining}, {@code -reset} and {@code -max-value}
 * @param hierarchy add {@code <hierarchy>} to the status body
 * @param flatUsage do not roll methods up into their parents
 * @param listAppKeys add {@code <app_keys>} to the status body
 */
record Extensions(boolean noBody, boolean rejectionReasonHeader, boolean limitHeaders, boolean hierarchy,
        boolean flatUsage, boolean listAppKeys) {

    /** The request header carrying the extensions. */
    static final String HEADER = "3scale-options";

    /** No extension. */
    static final Extensions NONE = new Extensions(false, false, false, false, false, false);

    /**
     * Reads the header value (a Rack query string; null when absent) and the request's parameters (for
     * the deprecated {@code no_body}; null when they could not be parsed).
     */
    static Extensions parse(String header, Map<String, Object> params) {
        Map<String, Object> ext = header == null ? Map.of() : RackParams.parse(header);
        Object noBody = ext.get("no_body");
        if (noBody == null && params != null) {
            noBody = params.get("no_body");
        }
        boolean noBodyOn = noBody != null && !"0".equals(noBody) && !"false".equals(noBody);
        return new Extensions(noBodyOn, on(ext, "rejection_reason_header"), on(ext, "limit_headers"),
                on(ext, "hierarchy"), on(ext, "flat_usage"), on(ext, "list_app_keys"));
    }

    /** Only {@code no_body}, from a header alone: for errors raised before the parameters are read. */
    static Extensions headerOnly(String header) {
        try {
            return parse(header, null);
        } catch (ApiError e) {
            return NONE;
        }
    }

    private static boolean on(Map<String, Object> ext, String name) {
        return "1".equals(ext.get(name));
    }
}
