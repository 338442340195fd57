package io.tollgate.gateway.policy.cors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.gateway.config.JsonFields;
import io.tollgate.gateway.config.ProductConfig;
import io.tollgate.gateway.pipeline.Exchange;
import io.tollgate.gateway.policy.Policy;
import io.tollgate.gateway.policy.PolicyContext;
import io.tollgate.gateway.policy.PolicyFactory;
import io.vertx.core.MultiMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code cors}: answers CORS preflights itself (an {@code OPTIONS} with {@code Origin} and
 * {@code Access-Control-Request-Method} gets 204 in the rewrite phase, before authentication: a
 * browser sends no credentials on a preflight), and puts the {@code Access-Control-*} headers on
 * every response to a request that has an {@code Origin}, as APIcast does:
 * <ul>
 *   <li>{@code Allow-Headers}: {@code allow_headers}, else what the request asked for;
 *   <li>{@code Allow-Methods}: {@code allow_methods}, else the requested method;
 *   <li>{@code Allow-Origin}: {@code allow_origin} when it is {@code *} or an origin URL; when it is
 *       anything else it is a regular expression, and the request's Origin is allowed (echoed) only
 *       when the expression is found in it; absent: the request's Origin is echoed;
 *   <li>{@code Allow-Credentials}: {@code allow_credentials} (default true);
 *   <li>{@code Max-Age}: {@code max_age} seconds (default 600).
 * </ul>
 * When the answer depends on the Origin, {@code Vary: Origin} is added so that caches keep responses per origin.
 * Must come before {@code apicast}, or preflights would meet the credentials check.
 */
public final class CorsPolicy implements Policy {
    private static final Pattern ORIGIN_URL = Pattern.compile("https?://[A-Za-z0-9.\\-\\[\\]:]+(:\\d+)?/?");
    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS",
            "TRACE", "CONNECT");

    private final String allowHeaders;
    private final String allowMethods;
    private final String allowOrigin;
    private final Pattern originPattern;
    private final String allowCredentials;
    private final String maxAge;

    private CorsPolicy(String allowHeaders, String allowMethods, String allowOrigin, Pattern originPattern,
            String allowCredentials, String maxAge) {
        this.allowHeaders = allowHeaders;
        this.allowMethods = allowMethods;
        this.allowOrigin = allowOrigin;
        this.originPattern = originPattern;
        this.allowCredentials = allowCredentials;
        this.maxAge = maxAge;
    }

    /** Parses {@code {allow_headers, allow_methods, allow_origin, allow_credentials, max_age}}. */
    public static final class Factory implements PolicyFactory {
        @Override
        public String name() {
            return "cors";
        }

        @Override
        public Set<String> mustPrecede() {
            return Set.of("apicast");
        }

        @Override
        public Policy create(ObjectNode configuration, ProductConfig product, PolicyContext context) {
            JsonFields config = JsonFields.of(configuration, "");
            List<String> headers = config.strings("allow_headers");
            List<String> methods = config.strings("allow_methods");
            for (int i = 0; i < methods.size(); i++) {
                if (!METHODS.contains(methods.get(i))) {
                    throw config.fail("allow_methods[" + i + "]", "\"" + methods.get(i) + "\" (expected: one of "
                            + String.join(", ", METHODS) + ")");
                }
            }
            String origin = config.string("allow_origin").filter(s -> !s.isEmpty()).orElse(null);
            Pattern pattern = null;
            if (origin != null && !origin.equals("*") && !ORIGIN_URL.matcher(origin).matches()) {
                try {
                    pattern = Pattern.compile(origin);
                } catch (PatternSyntaxException e) {
                    throw config.fail("allow_origin", "\"" + origin + "\" (expected: *, an origin such as"
                            + " https://example.com, or a regular expression: " + e.getDescription() + ")");
                }
            }
            long maxAge = config.longValue("max_age", 600, 0, Integer.MAX_VALUE);
            return new CorsPolicy(headers.isEmpty() ? null : String.join(", ", headers),
                    methods.isEmpty() ? null : String.join(", ", methods), pattern == null ? origin : null, pattern,
                    Boolean.toString(config.bool("allow_credentials", true)), Long.toString(maxAge));
        }
    }

    @Override
    public void onRewrite(Exchange ex) {
        if (ex.method().equals("OPTIONS") && ex.header("Origin") != null
                && ex.header("Access-Control-Request-Method") != null) {
            ex.respond(204, null, (String) null); // the headers come in onResponse, as on any response
            return;
        }
        ex.proceed();
    }

    @Override
    public void onResponse(Exchange ex) {
        String origin = ex.header("Origin");
        if (origin == null) {
            return;
        }
        MultiMap h = ex.response().headers();
        String headers = allowHeaders != null ? allowHeaders : ex.header("Access-Control-Request-Headers");
        setOrRemove(h, "Access-Control-Allow-Headers", headers);
        String methods = allowMethods != null ? allowMethods : ex.header("Access-Control-Request-Method");
        setOrRemove(h, "Access-Control-Allow-Methods", methods);
        if (allowOrigin != null) {
            h.set("Access-Control-Allow-Origin", allowOrigin);
        } else {
            h.add("Vary", "Origin");
            if (originPattern == null || originPattern.matcher(origin).find()) {
                h.set("Access-Control-Allow-Origin", origin);
            } else {
                h.remove("Access-Control-Allow-Origin"); // not an allowed origin: the browser refuses the response
            }
        }
        h.set("Access-Control-Allow-Credentials", allowCredentials);
        h.set("Access-Control-Max-Age", maxAge);
    }

    private static void setOrRemove(MultiMap h, String name, String value) {
        if (value == null || value.isEmpty()) {
            h.remove(name);
        } else {
            h.set(name, value);
        }
    }
}
