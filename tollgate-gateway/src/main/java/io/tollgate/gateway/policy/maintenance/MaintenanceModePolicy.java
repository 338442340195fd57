package io.tollgate.gateway.policy.maintenance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.gateway.config.JsonFields;
import io.tollgate.gateway.config.ProductConfig;
import io.tollgate.gateway.pipeline.Exchange;
import io.tollgate.gateway.policy.Policy;
import io.tollgate.gateway.policy.PolicyContext;
import io.tollgate.gateway.policy.PolicyFactory;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * {@code maintenance_mode}: answers every request itself, in the rewrite phase (before credentials,
 * rules and the meter), with {@code status} (503), {@code message} and {@code message_content_type}.
 * The upstream sees nothing.
 */
public final class MaintenanceModePolicy implements Policy {
    private final int status;
    private final String contentType;
    private final byte[] body;

    private MaintenanceModePolicy(int status, String contentType, String message) {
        this.status = status;
        this.contentType = contentType;
        this.body = message.getBytes(StandardCharsets.UTF_8);
    }

    /** Parses {@code {status, message, message_content_type}}. */
    public static final class Factory implements PolicyFactory {
        @Override
        public String name() {
            return "maintenance_mode";
        }

        @Override
        public Policy create(ObjectNode configuration, ProductConfig product, PolicyContext context) {
            JsonFields config = JsonFields.of(configuration, "");
            return new MaintenanceModePolicy(config.intValue("status", 503, 100, 599),
                    config.string("message_content_type", "text/plain; charset=utf-8"),
                    config.string("message", "Service Unavailable - Maintenance"));
        }
    }

    @Override
    public void onRewrite(Exchange ex) {
        ex.respond(status, contentType, Buffer.buffer(body));
    }
}
