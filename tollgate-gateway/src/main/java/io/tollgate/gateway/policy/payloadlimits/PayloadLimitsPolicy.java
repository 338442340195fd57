package io.tollgate.gateway.policy.payloadlimits;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.gateway.config.JsonFields;
import io.tollgate.gateway.config.ProductConfig;
import io.tollgate.gateway.pipeline.Exchange;
import io.tollgate.gateway.policy.Policy;
import io.tollgate.gateway.policy.PolicyContext;
import io.tollgate.gateway.policy.PolicyFactory;
import io.vertx.core.http.HttpHeaders;

/**
 * {@code payload_limits}: body size limits in bytes for one product, below the gateway's own
 * ({@code maxBodyBytes}); 0 means no limit of the policy's own.
 * <ul>
 *   <li>{@code request}: a declared {@code Content-Length} over it gets 413 in the rewrite phase, before
 *       credentials, the meter or the upstream see anything; a streamed (chunked) body is cut at the
 *       limit — 413 while the upstream has not answered, else the connection closes.
 *   <li>{@code response}: an upstream response that declares a larger {@code Content-Length} is
 *       replaced by a 413 to the client; a streamed one is cut when it crosses the limit (the client
 *       sees the connection or stream reset, never a silently truncated body that looks complete).
 * </ul>
 */
public final class PayloadLimitsPolicy implements Policy {
    private final long request;
    private final long response;

    private PayloadLimitsPolicy(long request, long response) {
        this.request = request;
        this.response = response;
    }

    /** Parses {@code {request, response}}. */
    public static final class Factory implements PolicyFactory {
        @Override
        public String name() {
            return "payload_limits";
        }

        @Override
        public Policy create(ObjectNode configuration, ProductConfig product, PolicyContext context) {
            JsonFields config = JsonFields.of(configuration, "");
            return new PayloadLimitsPolicy(config.longValue("request", 0, 0, Long.MAX_VALUE),
                    config.longValue("response", 0, 0, Long.MAX_VALUE));
        }
    }

    @Override
    public void onRewrite(Exchange ex) {
        if (request > 0) {
            String length = ex.header(HttpHeaders.CONTENT_LENGTH.toString());
            if (length != null && declared(length) > request) {
                ex.respond(413, "text/plain; charset=utf-8", "Payload Too Large\n");
                return;
            }
            ex.setMaxRequestBodyBytes(ex.maxRequestBodyBytes() < 0 ? request
                    : Math.min(ex.maxRequestBodyBytes(), request));
        }
        if (response > 0) {
            ex.setMaxResponseBodyBytes(ex.maxResponseBodyBytes() < 0 ? response
                    : Math.min(ex.maxResponseBodyBytes(), response));
        }
        ex.proceed();
    }

    private static long declared(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1; // the codec refused invalid lengths already
        }
    }
}
