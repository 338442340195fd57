package io.tollgate.client.product;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.client.AdminClient;
import io.tollgate.client.Documents;
import io.tollgate.client.Documents.DocumentException;
import io.tollgate.client.Refs;
import io.tollgate.client.plan.MetricIndex;
import io.tollgate.model.Owner;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Imports a {@code List} of one Product and its Backends (the {@link ProductExporter} shape) into a
 * tenant, idempotently: what is missing is created, what differs is updated, and a second import
 * of the same document creates nothing. Returns the report the 3scale toolbox prints:
 * {@code {<product>: {product_id, backends: {<backend>: {backend_id, missing_*_created}},
 * missing_*_created, application_plans: {<plan>: {application_plan_id, missing_limits_created,
 * missing_pricing_rules_created}}}}}.
 */
public final class ProductImporter {
    /**
     * How an import treats what is already there.
     *
     * @param rules      mapping rules: add the missing ones (import), or replace the list (copy)
     * @param rulesOnly  only the product's mapping rules (and the metrics and methods they count on)
     */
    public record Options(RuleMode rules, boolean rulesOnly) {
        public static final Options IMPORT = new Options(RuleMode.ADD_MISSING, false);
        public static final Options COPY = new Options(RuleMode.REPLACE, false);
    }

    /** What to do with the mapping rules already there. */
    public enum RuleMode { ADD_MISSING, REPLACE }

    private final AdminClient client;

    public ProductImporter(AdminClient client) {
        this.client = client;
    }

    /** The result: the report, and the product's id. */
    public record Result(long productId, ObjectNode report) {
    }

    public Result importDocument(JsonNode doc, Options options) {
        List<JsonNode> items = Crs.items(doc);
        List<JsonNode> products = items.stream().filter(i -> i.path("kind").asText().equals("Product")).toList();
        if (products.size() != 1) {
            throw new DocumentException("product definition: expected exactly one Product, found " + products.size());
        }
        JsonNode product = products.get(0).path("spec");
        Map<String, JsonNode> backends = new LinkedHashMap<>();
        items.stream().filter(i -> i.path("kind").asText().equals("Backend"))
                .forEach(i -> backends.put(i.path("spec").path("systemName").asText(), i.path("spec")));
        checkUsages(product, backends);

        ObjectNode entry = Documents.JSON.createObjectNode();
        ObjectNode backendReport = Documents.JSON.createObjectNode();
        if (!options.rulesOnly()) {
            for (JsonNode backend : backends.values()) {
                backendReport.set(backend.path("systemName").asText(), importBackend(backend, options).report());
            }
        }
        long serviceId = Refs.id(upsertProduct(product, options.rulesOnly()));
        entry.put("product_id", serviceId);
        entry.set("backends", backendReport);
        OwnerSync.Counts counts = OwnerSync.apply(client, Owner.product(serviceId), product, options.rules());
        entry.put("missing_methods_created", counts.methods()).put("missing_metrics_created", counts.metrics())
                .put("missing_mapping_rules_created", counts.rules());
        boolean changed = counts.metrics() + counts.methods() + counts.rules() > 0;
        if (!options.rulesOnly()) {
            changed |= syncUsages(serviceId, product.path("backendUsages"));
            MetricIndex index = MetricIndex.of(client, serviceId);
            ObjectNode planReport = Documents.JSON.createObjectNode();
            int plansCreated = 0;
            for (Map.Entry<String, JsonNode> plan : product.path("applicationPlans").properties()) {
                PlanSync.Counts c = PlanSync.apply(client, serviceId, plan.getKey(), plan.getValue(), index);
                plansCreated += c.created() ? 1 : 0;
                planReport.putObject(plan.getKey()).put("application_plan_id", c.planId())
                        .put("missing_limits_created", c.limits()).put("missing_pricing_rules_created", c.pricingRules());
            }
            entry.put("missing_application_plans_created", plansCreated);
            entry.set("application_plans", planReport);
            changed |= ProxySync.apply(client, serviceId, product);
        }
        if (changed) {
            // Rules, metrics and usages do not deploy by themselves: a proxy update deploys to
            // sandbox when the gateway's view changed (the toolbox's "bump").
            client.proxies().update(serviceId, Documents.JSON.createObjectNode().put("service_id", serviceId));
        }
        ObjectNode report = Documents.JSON.createObjectNode();
        report.set(product.path("systemName").asText(), entry);
        return new Result(serviceId, report);
    }

    /** A Backend's spec, applied alone (backend copy). */
    public BackendResult importBackend(JsonNode spec, Options options) {
        String systemName = spec.path("systemName").asText();
        Optional<JsonNode> existing = client.backends().find(systemName);
        JsonNode backend;
        ObjectNode fields = Documents.JSON.createObjectNode().put("name", spec.path("name").asText(systemName))
                .put("description", spec.path("description").asText(""))
                .put("private_endpoint", spec.path("privateBaseURL").asText(""));
        if (existing.isEmpty()) {
            backend = client.backends().create(fields.deepCopy().put("system_name", systemName));
        } else {
            backend = existing.get();
            if (!options.rulesOnly() && (!backend.path("name").asText().equals(fields.path("name").asText())
                    || !Crs.text(backend.get("description")).equals(fields.path("description").asText())
                    || !Crs.text(backend.get("private_endpoint")).equals(fields.path("private_endpoint").asText()))) {
                backend = client.backends().update(Refs.id(backend), fields);
            }
        }
        OwnerSync.Counts counts = OwnerSync.apply(client, Owner.backend(Refs.id(backend)), spec, options.rules());
        ObjectNode report = Documents.JSON.createObjectNode().put("backend_id", Refs.id(backend))
                .put("missing_metrics_created", counts.metrics()).put("missing_methods_created", counts.methods())
                .put("missing_mapping_rules_created", counts.rules());
        return new BackendResult(Refs.id(backend), report);
    }

    /** A backend's id and its report entry. */
    public record BackendResult(long backendId, ObjectNode report) {
    }

    private void checkUsages(JsonNode product, Map<String, JsonNode> backends) {
        for (Map.Entry<String, JsonNode> usage : product.path("backendUsages").properties()) {
            if (!backends.containsKey(usage.getKey()) && client.backends().find(usage.getKey()).isEmpty()) {
                throw new DocumentException("product definition: backendUsages." + usage.getKey()
                        + ": no such Backend in the document nor on " + client.remote());
            }
        }
    }

    private JsonNode upsertProduct(JsonNode spec, boolean rulesOnly) {
        String systemName = spec.path("systemName").asText();
        ObjectNode fields = Deployments.serviceFields(spec.path("deployment"))
                .put("name", spec.path("name").asText(systemName)).put("description", spec.path("description").asText(""));
        Optional<JsonNode> existing = client.services().find(systemName);
        if (existing.isEmpty()) {
            return client.services().create(fields.deepCopy().put("system_name", systemName));
        }
        JsonNode service = existing.get();
        boolean differs = fields.properties().stream()
                .anyMatch(f -> !Crs.text(service.get(f.getKey())).equals(f.getValue().asText()));
        return differs && !rulesOnly ? client.services().update(Refs.id(service), fields) : service;
    }

    /** Usages become those of the spec: paths updated, missing ones created, others removed. */
    private boolean syncUsages(long serviceId, JsonNode wanted) {
        boolean changed = false;
        List<JsonNode> current = client.services().backendUsages(serviceId);
        Map<Long, String> systemNames = new LinkedHashMap<>();
        for (JsonNode usage : current) {
            long backendId = usage.path("backend_id").asLong();
            systemNames.put(backendId, client.backends().get(backendId).path("system_name").asText());
        }
        for (JsonNode usage : current) {
            String backend = systemNames.get(usage.path("backend_id").asLong());
            if (!wanted.has(backend)) {
                client.services().deleteBackendUsage(serviceId, Refs.id(usage));
                changed = true;
            } else if (!wanted.path(backend).path("path").asText("/").equals(usage.path("path").asText())) {
                client.services().updateBackendUsage(serviceId, Refs.id(usage), wanted.path(backend).path("path").asText("/"));
                changed = true;
            }
        }
        for (Map.Entry<String, JsonNode> usage : wanted.properties()) {
            if (!systemNames.containsValue(usage.getKey())) {
                long backendId = Refs.id(client.backends().require(usage.getKey()));
                client.services().createBackendUsage(serviceId, backendId, usage.getValue().path("path").asText("/"));
                changed = true;
            }
        }
        return changed;
    }

}
