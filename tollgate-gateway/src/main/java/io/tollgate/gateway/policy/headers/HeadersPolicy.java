package io.tollgate.gateway.policy.headers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.gateway.config.JsonFields;
import io.tollgate.gateway.config.ProductConfig;
import io.tollgate.gateway.pipeline.Exchange;
import io.tollgate.gateway.policy.Policy;
import io.tollgate.gateway.policy.PolicyContext;
import io.tollgate.gateway.policy.PolicyFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code headers}: changes the request headers the upstream gets (in the rewrite phase, so a policy
 * or the {@code apicast} credentials later in the chain see them too) and the response headers the
 * client gets (every response: the upstream's and the gateway's own). Operations are
 * {@link HeaderCommand set, add, push, delete}; values are plain or Liquid.
 *
 * <p>Setting the request's {@code Host} chooses the Host header the upstream gets (it is not a
 * header the gateway copies); deleting it is refused when the configuration loads.
 */
public final class HeadersPolicy implements Policy {
    private final List<HeaderCommand> request;
    private final List<HeaderCommand> response;

    private HeadersPolicy(List<HeaderCommand> request, List<HeaderCommand> response) {
        this.request = request;
        this.response = response;
    }

    /** Parses {@code {request: [commands], response: [commands]}}. */
    public static final class Factory implements PolicyFactory {
        @Override
        public String name() {
            return "headers";
        }

        @Override
        public Policy create(ObjectNode configuration, ProductConfig product, PolicyContext context) {
            JsonFields config = JsonFields.of(configuration, "");
            List<HeaderCommand> request = commands(config, "request");
            for (int i = 0; i < request.size(); i++) {
                HeaderCommand c = request.get(i);
                if (c.header().equalsIgnoreCase("host") && c.op() != HeaderCommand.Op.SET) {
                    throw config.fail("request[" + i + "].op", "\"" + c.op().name().toLowerCase(java.util.Locale.ROOT)
                            + "\" on Host (expected: set: a request has exactly one Host)");
                }
            }
            return new HeadersPolicy(request, commands(config, "response"));
        }

        private static List<HeaderCommand> commands(JsonFields config, String field) {
            List<HeaderCommand> out = new ArrayList<>();
            for (JsonFields f : config.objects(field)) {
                out.add(HeaderCommand.parse(f));
            }
            return List.copyOf(out);
        }
    }

    @Override
    public void onRewrite(Exchange ex) {
        for (HeaderCommand c : request) {
            if (c.header().equalsIgnoreCase("host")) {
                String host = c.value() == null ? "" : HeaderCommand.clean(c.value().render(ex));
                ex.setUpstreamHost(host.isEmpty() ? null : host);
            } else {
                c.apply(ex.requestHeaders(), ex);
            }
        }
        ex.proceed();
    }

    @Override
    public void onResponse(Exchange ex) {
        for (HeaderCommand c : response) {
            c.apply(ex.response().headers(), ex);
        }
    }
}
