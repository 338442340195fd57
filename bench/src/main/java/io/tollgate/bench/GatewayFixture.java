package io.tollgate.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.common.Secrets;
import io.tollgate.gateway.image.ProductSource;
import io.tollgate.meter.Period;
import io.tollgate.meter.config.MeterApp;
import io.tollgate.meter.config.MeterLimit;
import io.tollgate.meter.config.MeterMetric;
import io.tollgate.meter.config.MeterPlan;
import io.tollgate.meter.config.MeterService;
import io.tollgate.meter.config.MeterSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the gateway benchmarks serve: {@code products} products, each answering for
 * {@code p<i>.bench}, with user_key credentials in the query, {@value #RULES} mapping rules (nine
 * {@code GET /api/resource<n>/{id}} patterns, then {@code GET /api/items}), each on its own method under
 * {@code hits}, and one application (user key {@code bench-key-<i>}) on a plan with a per-minute
 * limit on {@code hits} of {@value #LIMIT} — high enough never to trip. A request for
 * {@code /api/items?user_key=bench-key-0} on {@code p0.bench} evaluates all ten rules and matches the
 * last.
 *
 * @param products how many products (and applications)
 * @param upstream the upstream URL every product proxies to
 * @param firstAppId the id of application 0 (counter keys embed it: pick a range unused on a shared Redis)
 */
public record GatewayFixture(int products, String upstream, long firstAppId) {
    public static final int RULES = 10;
    public static final long LIMIT = 1_000_000_000_000L;

    public GatewayFixture {
        if (products < 1) {
            throw new IllegalArgumentException("products: " + products + " (expected: >= 1)");
        }
    }

    /** The request path wrk sends to product {@code i}. */
    public static String path(int i) {
        return "/api/items?user_key=bench-key-" + i;
    }

    public static String host(int i) {
        return "p" + i + ".bench";
    }

    private static long serviceId(int i) {
        return i + 1L;
    }

    private static long metricId(int i, int n) {
        return serviceId(i) * 100 + n;
    }

    /** The meter's replica: services, plans with their limit, applications. */
    public MeterSnapshot snapshot() {
        List<MeterService> services = new ArrayList<>(products);
        List<MeterPlan> plans = new ArrayList<>(products);
        List<MeterApp> apps = new ArrayList<>(products);
        for (int i = 0; i < products; i++) {
            long sid = serviceId(i);
            List<MeterMetric> metrics = new ArrayList<>();
            metrics.add(new MeterMetric(metricId(i, 0), "hits", 0));
            for (int r = 0; r < RULES; r++) {
                metrics.add(new MeterMetric(metricId(i, r + 1), "m" + r, metricId(i, 0)));
            }
            services.add(new MeterService(sid, 1, "1", true, Set.of(Secrets.sha256(token(i))), false, metrics));
            plans.add(new MeterPlan(sid, sid, "Bench", List.of(new MeterLimit(metricId(i, 0), Period.MINUTE, LIMIT))));
            apps.add(new MeterApp(firstAppId + i, sid, sid, MeterApp.LIVE, "bench-key-" + i, null, List.of(),
                    List.of(), null));
        }
        return new MeterSnapshot(1, List.of(), services, plans, apps);
    }

    /** Every product's configuration, as the control plane would publish it. */
    public List<ProductSource> sources() {
        List<ProductSource> sources = new ArrayList<>(products);
        for (int i = 0; i < products; i++) {
            sources.add(ProductSource.of(content(i), 1));
        }
        return sources;
    }

    /**
     * The same products, product {@code i} with the secret token of generation {@code generations[i]}
     * (0: the first one, as {@link #sources()}), so that an image swap recompiles exactly the products
     * whose generation changed since the previous swap.
     */
    public List<ProductSource> sources(int[] generations) {
        List<ProductSource> sources = new ArrayList<>(products);
        for (int i = 0; i < products; i++) {
            ObjectNode content = content(i);
            int generation = generations[i];
            if (generation > 0) {
                ((ObjectNode) content.get("proxy")).put("secret_token", "generation-" + generation);
            }
            sources.add(ProductSource.of(content, generation + 1));
        }
        return sources;
    }

    ObjectNode content(int i) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode().put("id", serviceId(i)).put("account_id", 1).put("name", "Bench " + i)
                .put("system_name", "bench_" + i).put("backend_version", "1")
                .put("backend_authentication_type", "service_token").put("backend_authentication_value", token(i));
        ObjectNode proxy = root.putObject("proxy");
        proxy.putArray("hosts").add(host(i));
        proxy.put("api_backend", upstream).put("credentials_location", "query").put("auth_user_key", "user_key");
        for (String kind : List.of("auth_failed", "auth_missing", "no_match", "limits_exceeded")) {
            proxy.put("error_" + kind, kind).put("error_headers_" + kind, "text/plain; charset=us-ascii");
        }
        proxy.putArray("policy_chain").addObject().put("name", "apicast").put("version", "builtin")
                .putObject("configuration");
        ArrayNode rules = proxy.putArray("proxy_rules");
        for (int r = 0; r < RULES; r++) {
            String pattern = r < RULES - 1 ? "/api/resource" + r + "/{id}" : "/api/items";
            rules.addObject().put("id", r + 1).put("http_method", "GET").put("pattern", pattern)
                    .put("metric_system_name", "m" + r).put("delta", 1).put("last", false);
        }
        return root;
    }

    private static String token(int i) {
        return "bench-token-" + i;
    }
}
