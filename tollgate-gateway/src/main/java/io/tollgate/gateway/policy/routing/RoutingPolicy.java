package io.tollgate.gateway.policy.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.gateway.config.ConfigException;
import io.tollgate.gateway.config.JsonFields;
import io.tollgate.gateway.config.ProductConfig;
import io.tollgate.gateway.pipeline.Exchange;
import io.tollgate.gateway.policy.Policy;
import io.tollgate.gateway.policy.PolicyContext;
import io.tollgate.gateway.policy.PolicyFactory;
import io.tollgate.gateway.template.ExchangeVars;
import io.tollgate.gateway.template.Template;
import io.tollgate.gateway.upstream.UpstreamTarget;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code routing}: sends a request to the upstream of the first rule whose condition matches, with an
 * optional {@code replace_path} (a template: {@code {{uri | remove_first: '/v1'}}}) and
 * {@code host_header}. This is how products reach their backends: the control plane writes one rule
 * per backend usage, longest path first. No rule matches → the request keeps its default upstream
 * ({@code api_backend}), if any.
 */
public final class RoutingPolicy implements Policy {
    private final List<Rule> rules;

    private RoutingPolicy(List<Rule> rules) {
        this.rules = rules;
    }

    private record Rule(UpstreamTarget target, Condition condition, Template replacePath, String hostHeader) {
    }

    /** Parses {@code {"rules":[{url, condition, replace_path, host_header}]}}. */
    public static final class Factory implements PolicyFactory {
        @Override
        public String name() {
            return "routing";
        }

        @Override
        public Policy create(ObjectNode configuration, ProductConfig product, PolicyContext context) {
            JsonFields config = JsonFields.of(configuration, "");
            List<Rule> rules = new ArrayList<>();
            for (JsonFields rule : config.objects("rules")) {
                UpstreamTarget target;
                try {
                    target = UpstreamTarget.parse(rule.requiredString("url"));
                } catch (IllegalArgumentException e) {
                    throw rule.fail("url", e.getMessage());
                }
                Template replace = null;
                if (rule.has("replace_path")) {
                    try {
                        replace = Template.compile(rule.requiredString("replace_path"));
                    } catch (ConfigException e) {
                        throw e.at(rule.path("replace_path"));
                    }
                }
                rules.add(new Rule(target, Condition.parse(rule.object("condition")), replace,
                        rule.string("host_header").filter(s -> !s.isBlank()).orElse(null)));
            }
            return new RoutingPolicy(List.copyOf(rules));
        }
    }

    @Override
    public void onUpstream(Exchange ex) {
        for (Rule rule : rules) {
            if (rule.condition().test(ex)) {
                ex.setUpstream(rule.target());
                if (rule.replacePath() != null) {
                    String path = rule.replacePath().render(new ExchangeVars(ex));
                    ex.setUpstreamPath(path.isEmpty() || path.charAt(0) != '/' ? "/" + path : path);
                }
                if (rule.hostHeader() != null) {
                    ex.setUpstreamHost(rule.hostHeader());
                }
                break;
            }
        }
        ex.proceed();
    }
}
