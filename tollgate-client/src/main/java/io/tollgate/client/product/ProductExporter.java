package io.tollgate.client.product;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.client.AdminClient;
import io.tollgate.client.Documents;
import io.tollgate.client.Metrics;
import io.tollgate.client.Refs;
import io.tollgate.client.plan.MetricIndex;
import io.tollgate.model.Owner;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;

/**
 * Serializes a product as a {@code List} of one {@code Product} and the {@code Backend}s it uses, in
 * the 3scale operator's CRD shape: metrics, methods and mapping rules, the policy chain, plans with
 * limits and pricing rules (naming metrics by system name, and by backend), backend usages and the
 * deployment (authentication, gateway responses, public base URLs). Read-only; two exports of an
 * unchanged product differ only in the {@code tollgate_created_at} annotation.
 */
public final class ProductExporter {
    private final AdminClient client;
    private final Clock clock;
    private final String toolVersion;

    public ProductExporter(AdminClient client, Clock clock, String toolVersion) {
        this.client = client;
        this.clock = clock;
        this.toolVersion = toolVersion;
    }

    public ObjectNode export(JsonNode service) {
        long serviceId = Refs.id(service);
        ObjectNode list = Documents.JSON.createObjectNode().put("apiVersion", "v1").put("kind", "List");
        ArrayNode items = list.putArray("items");
        ObjectNode product = Crs.resource("Product", service.path("system_name").asText(), clock, toolVersion);
        items.add(product);
        ObjectNode spec = product.putObject("spec");
        spec.put("name", service.path("name").asText()).put("systemName", service.path("system_name").asText())
                .put("description", Crs.text(service.get("description")));
        Metrics metrics = client.metrics(Owner.product(serviceId));
        List<JsonNode> all = metrics.all();
        spec.set("mappingRules", rules(client.mappingRules(Owner.product(serviceId)).list(), all));
        spec.set("metrics", metrics(all));
        spec.set("methods", methods(all));
        spec.set("policies", client.proxies().policies(serviceId));
        MetricIndex index = MetricIndex.of(client, serviceId);
        spec.set("applicationPlans", plans(serviceId, index));
        ObjectNode usages = spec.putObject("backendUsages");
        for (JsonNode usage : client.services().backendUsages(serviceId)) {
            JsonNode backend = client.backends().get(usage.path("backend_id").asLong());
            usages.putObject(backend.path("system_name").asText()).put("path", usage.path("path").asText());
            items.add(backend(backend));
        }
        spec.set("deployment", Deployments.export(service, client.proxies().get(serviceId),
                client.proxies().oidc(serviceId)));
        return list;
    }

    /** One backend as a {@code Backend} resource. */
    public ObjectNode backend(JsonNode backend) {
        long backendId = Refs.id(backend);
        ObjectNode item = Crs.resource("Backend", backend.path("system_name").asText(), clock, toolVersion);
        ObjectNode spec = item.putObject("spec");
        spec.put("name", backend.path("name").asText()).put("systemName", backend.path("system_name").asText())
                .put("privateBaseURL", Crs.text(backend.get("private_endpoint")))
                .put("description", Crs.text(backend.get("description")));
        List<JsonNode> all = client.metrics(Owner.backend(backendId)).all();
        spec.set("mappingRules", rules(client.mappingRules(Owner.backend(backendId)).list(), all));
        spec.set("metrics", metrics(all));
        spec.set("methods", methods(all));
        return item;
    }

    static ArrayNode rules(List<JsonNode> rules, List<JsonNode> metrics) {
        ArrayNode out = Documents.JSON.createArrayNode();
        rules.stream().sorted(Comparator.comparingLong(r -> r.path("position").asLong())).forEach(rule -> {
            String metric = metrics.stream().filter(m -> Refs.id(m) == rule.path("metric_id").asLong())
                    .map(m -> m.path("system_name").asText()).findFirst().orElse("hits");
            out.addObject().put("httpMethod", rule.path("http_method").asText())
                    .put("pattern", rule.path("pattern").asText()).put("metricMethodRef", metric)
                    .put("increment", rule.path("delta").asLong()).put("last", rule.path("last").asBoolean());
        });
        return out;
    }

    private static ObjectNode metrics(List<JsonNode> all) {
        ObjectNode out = Documents.JSON.createObjectNode();
        all.stream().filter(m -> !Metrics.isMethod(m)).forEach(m -> out.putObject(m.path("system_name").asText())
                .put("friendlyName", m.path("friendly_name").asText()).put("unit", m.path("unit").asText())
                .put("description", Crs.text(m.get("description"))));
        return out;
    }

    private static ObjectNode methods(List<JsonNode> all) {
        ObjectNode out = Documents.JSON.createObjectNode();
        all.stream().filter(Metrics::isMethod).forEach(m -> out.putObject(m.path("system_name").asText())
                .put("friendlyName", m.path("friendly_name").asText())
                .put("description", Crs.text(m.get("description"))));
        return out;
    }

    private ObjectNode plans(long serviceId, MetricIndex index) {
        ObjectNode out = Documents.JSON.createObjectNode();
        for (JsonNode plan : client.plans(serviceId).list()) {
            long planId = Refs.id(plan);
            ObjectNode spec = out.putObject(plan.path("system_name").asText());
            spec.put("name", plan.path("name").asText())
                    .put("appsRequireApproval", plan.path("approval_required").asBoolean())
                    .put("trialPeriod", plan.path("trial_period_days").asInt(0));
            spec.set("setupFee", plan.path("setup_fee"));
            spec.put("custom", plan.path("custom").asBoolean()).put("state", plan.path("state").asText());
            spec.set("costMonth", plan.path("cost_per_month"));
            ArrayNode pricing = spec.putArray("pricingRules");
            client.plans(serviceId).pricingRules(planId).stream()
                    .sorted(Comparator.comparing((JsonNode r) -> sortKey(index, r))
                            .thenComparingLong(r -> r.path("min").asLong()))
                    .forEach(rule -> {
                        ObjectNode item = pricing.addObject();
                        item.set("from", rule.path("min"));
                        item.set("to", rule.path("max"));
                        item.set("pricePerUnit", rule.path("cost_per_unit"));
                        item.set("metricMethodRef", ref(index, rule.path("metric_id").asLong()));
                    });
            ArrayNode limits = spec.putArray("limits");
            client.plans(serviceId).limits(planId).stream()
                    .sorted(Comparator.comparing((JsonNode l) -> sortKey(index, l))
                            .thenComparing(l -> l.path("period").asText()))
                    .forEach(limit -> {
                        ObjectNode item = limits.addObject().put("period", limit.path("period").asText())
                                .put("value", limit.path("value").asLong());
                        item.set("metricMethodRef", ref(index, limit.path("metric_id").asLong()));
                    });
        }
        return out;
    }

    /** Orders by metric names, not ids, so that exports of copies in other tenants list the same order. */
    private static String sortKey(MetricIndex index, JsonNode item) {
        return index.key(item.path("metric_id").asLong()).map(k -> (k.backend() == null ? "" : k.backend()) + "/"
                + k.systemName()).orElse("");
    }

    private static ObjectNode ref(MetricIndex index, long metricId) {
        MetricIndex.Key key = index.key(metricId).orElseThrow(() -> new IllegalStateException(
                "metric " + metricId + " is neither the product's nor a used backend's"));
        ObjectNode ref = Documents.JSON.createObjectNode().put("systemName", key.systemName());
        if (key.backend() != null) {
            ref.put("backend", key.backend());
        }
        return ref;
    }
}
