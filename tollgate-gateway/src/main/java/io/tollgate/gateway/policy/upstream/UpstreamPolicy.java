package io.tollgate.gateway.policy.upstream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.gateway.config.JsonFields;
import io.tollgate.gateway.config.ProductConfig;
import io.tollgate.gateway.pipeline.Exchange;
import io.tollgate.gateway.policy.Policy;
import io.tollgate.gateway.policy.PolicyContext;
import io.tollgate.gateway.policy.PolicyFactory;
import io.tollgate.gateway.upstream.UpstreamTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code upstream}: the first rule whose {@code regex} is found in the request path sends the request
 * to that rule's {@code url}, as APIcast does: the URL's scheme, host and port are where it goes, the
 * URL's path is put in front of the request path ({@code http://b/api} + {@code /pets} →
 * {@code /api/pets}), and the upstream gets the URL's host (with a non-default port) as its Host
 * header. No rule matches: the request goes where it would have gone.
 *
 * <p>The path is matched in the rewrite phase, as the policy's place in the chain sees it (after an
 * earlier {@code url_rewriting}); the choice is applied in the upstream phase. The first policy that
 * chooses an upstream wins, so an {@code upstream} policy placed before {@code routing} takes
 * precedence over the product's backend routing.
 */
public final class UpstreamPolicy implements Policy {
    /** This instance's match, carried from the rewrite to the upstream phase. */
    private final Exchange.Key<UpstreamTarget> matched = Exchange.key("upstream-policy-target");
    private final List<Rule> rules;

    private UpstreamPolicy(List<Rule> rules) {
        this.rules = rules;
    }

    private record Rule(Pattern regex, UpstreamTarget target) {
    }

    /** Parses {@code {rules: [{regex, url}]}}. */
    public static final class Factory implements PolicyFactory {
        @Override
        public String name() {
            return "upstream";
        }

        @Override
        public Policy create(ObjectNode configuration, ProductConfig product, PolicyContext context) {
            JsonFields config = JsonFields.of(configuration, "");
            List<Rule> rules = new ArrayList<>();
            for (JsonFields rule : config.objects("rules")) {
                String regex = rule.requiredString("regex");
                Pattern pattern;
                try {
                    pattern = Pattern.compile(regex);
                } catch (PatternSyntaxException e) {
                    throw rule.fail("regex", "\"" + regex + "\" (expected: a regular expression: "
                            + e.getDescription() + ")");
                }
                try {
                    rules.add(new Rule(pattern, UpstreamTarget.parse(rule.requiredString("url"))));
                } catch (IllegalArgumentException e) {
                    throw rule.fail("url", e.getMessage());
                }
            }
            return new UpstreamPolicy(List.copyOf(rules));
        }
    }

    @Override
    public void onRewrite(Exchange ex) {
        String path = ex.path();
        for (Rule rule : rules) {
            if (rule.regex().matcher(path).find()) {
                ex.put(matched, rule.target());
                break;
            }
        }
        ex.proceed();
    }

    @Override
    public void onUpstream(Exchange ex) {
        UpstreamTarget target = ex.get(matched);
        if (target != null && !ex.upstreamChosen()) {
            ex.setUpstream(target);
            ex.setUpstreamHost(target.authority());
        }
        ex.proceed();
    }
}
