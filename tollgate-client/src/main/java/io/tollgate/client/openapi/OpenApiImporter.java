package io.tollgate.client.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.client.AdminClient;
import io.tollgate.client.Documents;
import io.tollgate.client.Documents.DocumentException;
import io.tollgate.client.Metrics;
import io.tollgate.client.Refs;
import io.tollgate.common.SystemNames;
import io.tollgate.model.Owner;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Imports an OpenAPI document as a product, the way the 3scale toolbox does: the product (system
 * name from {@code -t} or the title) is created or updated; every operation becomes a method under
 * hits named by its operationId and a mapping rule (the product's rules are replaced by the
 * document's, exact match with {@code $} unless prefix matching); only methods of the document are
 * touched; an apiKey scheme sets where the gateway reads the user key, oauth2 makes the product OIDC
 * with the scheme's flow, no security adds the {@code default_credentials} policy; the private base
 * URL, public URLs, secret token and host header go to the proxy; the document is stored as the
 * product's ActiveDocs. Nothing that already matches is sent again, so a second run changes nothing.
 */
public final class OpenApiImporter {
    /** The command's options; null means "not given". */
    public record Options(String targetSystemName, String privateBaseUrl, String productionPublicBaseUrl,
            String stagingPublicBaseUrl, String secretToken, String hostHeader, String defaultCredentialsUserKey,
            boolean prefixMatching) {
    }

    /** What the import did. */
    public record Result(long productId, boolean productCreated, int methodsCreated, int methodsUpdated,
            int mappingRulesCreated, boolean activeDocsChanged, boolean proxyChanged) {
    }

    private final AdminClient client;

    public OpenApiImporter(AdminClient client) {
        this.client = client;
    }

    public Result importSpec(OpenApiSpec spec, Options options) {
        OpenApiSpec.Security security = spec.security();
        String privateUrl = options.privateBaseUrl() != null ? options.privateBaseUrl() : spec.privateBaseUrl();
        if (security == null && options.defaultCredentialsUserKey() == null) {
            throw new DocumentException("the document has no security requirement (an open API): give"
                    + " --default-credentials-userkey, the user key the gateway uses for anonymous calls");
        }
        String systemName = options.targetSystemName() != null ? options.targetSystemName()
                : SystemNames.derive(spec.title());
        String backendVersion = security != null && security.type().equals("oauth2") ? "oidc" : "1";

        Optional<JsonNode> existing = client.services().find(systemName);
        JsonNode service;
        if (existing.isEmpty()) {
            ObjectNode fields = Documents.JSON.createObjectNode().put("name", spec.title()).put("system_name", systemName)
                    .put("backend_version", backendVersion);
            if (spec.description() != null) {
                fields.put("description", spec.description());
            }
            service = client.services().create(fields);
        } else {
            service = existing.get();
            if (!backendVersion.equals(service.path("backend_version").asText())) {
                service = client.services().update(Refs.id(service),
                        Documents.JSON.createObjectNode().put("backend_version", backendVersion));
            }
        }
        long serviceId = Refs.id(service);
        int[] methods = methods(serviceId, spec.operations());
        int rules = rules(serviceId, spec, options.prefixMatching());
        boolean policies = policies(serviceId, security, options.defaultCredentialsUserKey());
        boolean proxy = proxy(serviceId, security, privateUrl, options);
        boolean docs = activeDocs(serviceId, systemName, spec);
        if ((methods[0] + methods[1] + rules > 0 || policies) && !proxy) {
            // Methods and rules do not deploy by themselves; a proxy update deploys when the gateway's
            // view changed (the toolbox's version bump).
            client.proxies().update(serviceId, Documents.JSON.createObjectNode().put("service_id", serviceId));
        }
        return new Result(serviceId, existing.isEmpty(), methods[0], methods[1], rules, docs, proxy || policies);
    }

    static String methodSystemName(String operationId) {
        return operationId.replaceAll("[^A-Za-z0-9_.-]", "_").toLowerCase(Locale.ROOT);
    }

    /** [created, updated]. */
    private int[] methods(long serviceId, List<OpenApiSpec.Operation> operations) {
        Metrics metrics = client.metrics(Owner.product(serviceId));
        List<JsonNode> existing = metrics.methods();
        long hits = Refs.id(metrics.hits());
        int created = 0;
        int updated = 0;
        for (OpenApiSpec.Operation operation : operations) {
            String systemName = methodSystemName(operation.operationId());
            ObjectNode fields = Documents.JSON.createObjectNode().put("friendly_name", operation.operationId())
                    .put("description", operation.description());
            Optional<JsonNode> method = existing.stream()
                    .filter(m -> systemName.equals(m.path("system_name").asText())).findFirst();
            if (method.isEmpty()) {
                metrics.createMethod(hits, fields.put("system_name", systemName));
                created++;
            } else if (!method.get().path("friendly_name").asText().equals(operation.operationId())
                    || !method.get().path("description").asText("").equals(operation.description())) {
                metrics.updateMethod(hits, Refs.id(method.get()), fields);
                updated++;
            }
        }
        return new int[] {created, updated};
    }

    /** The product's rules become the document's; nothing is sent when they already are. */
    private int rules(long serviceId, OpenApiSpec spec, boolean prefixMatching) {
        List<JsonNode> methods = client.metrics(Owner.product(serviceId)).methods();
        List<String> wanted = new ArrayList<>();
        List<ObjectNode> bodies = new ArrayList<>();
        for (OpenApiSpec.Operation operation : spec.operations()) {
            String systemName = methodSystemName(operation.operationId());
            long metricId = methods.stream().filter(m -> systemName.equals(m.path("system_name").asText()))
                    .map(Refs::id).findFirst().orElseThrow();
            String pattern = spec.basePath() + operation.path() + (prefixMatching ? "" : "$");
            wanted.add(operation.method() + " " + pattern + " " + metricId);
            bodies.add(Documents.JSON.createObjectNode().put("http_method", operation.method()).put("pattern", pattern)
                    .put("metric_id", metricId).put("delta", 1).put("last", false));
        }
        var api = client.mappingRules(Owner.product(serviceId));
        List<JsonNode> current = api.list().stream()
                .sorted(java.util.Comparator.comparingLong(r -> r.path("position").asLong())).toList();
        List<String> present = current.stream().map(r -> r.path("http_method").asText() + " "
                + r.path("pattern").asText() + " " + r.path("metric_id").asLong()
                + (r.path("delta").asLong() == 1 && !r.path("last").asBoolean() ? "" : " changed")).toList();
        if (present.equals(wanted)) {
            return 0;
        }
        current.forEach(r -> api.delete(Refs.id(r)));
        bodies.forEach(api::create);
        return bodies.size();
    }

    /** An open API gets the default_credentials policy (before apicast) with the given user key. */
    private boolean policies(long serviceId, OpenApiSpec.Security security, String userKey) {
        if (security != null) {
            return false;
        }
        ArrayNode chain = client.proxies().policies(serviceId);
        ObjectNode configuration = Documents.JSON.createObjectNode().put("auth_type", "user_key").put("user_key", userKey);
        for (JsonNode entry : chain) {
            if ("default_credentials".equals(entry.path("name").asText())) {
                if (entry.path("configuration").equals(configuration)) {
                    return false;
                }
                ((ObjectNode) entry).set("configuration", configuration);
                client.proxies().replacePolicies(serviceId, chain);
                return true;
            }
        }
        ObjectNode policy = Documents.JSON.createObjectNode().put("name", "default_credentials").put("version", "builtin")
                .put("enabled", true);
        policy.set("configuration", configuration);
        ArrayNode updated = Documents.JSON.createArrayNode().add(policy);
        updated.addAll(chain);
        client.proxies().replacePolicies(serviceId, updated);
        return true;
    }

    private boolean proxy(long serviceId, OpenApiSpec.Security security, String privateUrl, Options options) {
        ObjectNode wanted = Documents.JSON.createObjectNode();
        putIf(wanted, "api_backend", privateUrl);
        putIf(wanted, "endpoint", options.productionPublicBaseUrl());
        putIf(wanted, "sandbox_endpoint", options.stagingPublicBaseUrl());
        putIf(wanted, "secret_token", options.secretToken());
        putIf(wanted, "hostname_rewrite", options.hostHeader());
        if (security != null && security.type().equals("apiKey")) {
            wanted.put("credentials_location", security.in().equals("header") ? "headers" : "query")
                    .put("auth_user_key", security.name());
        } else if (security != null) {
            wanted.put("credentials_location", "headers");
        }
        JsonNode current = client.proxies().get(serviceId);
        ObjectNode patch = Documents.JSON.createObjectNode();
        wanted.properties().forEach(f -> {
            if (!current.path(f.getKey()).asText("").equals(f.getValue().asText())) {
                patch.set(f.getKey(), f.getValue());
            }
        });
        boolean changed = false;
        if (!patch.isEmpty()) {
            client.proxies().update(serviceId, patch);
            changed = true;
        }
        if (security != null && security.type().equals("oauth2")) {
            ObjectNode flows = flows(security.flow());
            JsonNode oidc = client.proxies().oidc(serviceId);
            if (flows.properties().stream().anyMatch(f -> oidc.path(f.getKey()).asBoolean() != f.getValue().asBoolean())) {
                client.proxies().updateOidc(serviceId, flows);
                changed = true;
            }
        }
        return changed;
    }

    /** The OIDC flow an OAuth 2 flow stands for (2.0 and 3.x names). */
    static ObjectNode flows(String flow) {
        String on = switch (flow) {
            case "implicit" -> "implicit_flow_enabled";
            case "password" -> "direct_access_grants_enabled";
            case "application", "clientCredentials" -> "service_accounts_enabled";
            default -> "standard_flow_enabled";
        };
        ObjectNode flows = Documents.JSON.createObjectNode();
        for (String f : new String[] {"standard_flow_enabled", "implicit_flow_enabled", "service_accounts_enabled",
                "direct_access_grants_enabled"}) {
            flows.put(f, f.equals(on));
        }
        return flows;
    }

    private boolean activeDocs(long serviceId, String systemName, OpenApiSpec spec) {
        String body = Documents.json(spec.document());
        ObjectNode fields = Documents.JSON.createObjectNode().put("name", spec.title()).put("service_id", serviceId)
                .put("body", body).put("published", true).put("skip_swagger_validations", false);
        Optional<JsonNode> existing = client.activeDocs().find(systemName);
        if (existing.isEmpty()) {
            client.activeDocs().create(fields.put("system_name", systemName));
            return true;
        }
        JsonNode doc = existing.get();
        boolean same = doc.path("name").asText().equals(spec.title()) && doc.path("service_id").asLong() == serviceId
                && doc.path("body").asText().equals(body) && doc.path("published").asBoolean();
        if (!same) {
            client.activeDocs().update(Refs.id(doc), fields);
        }
        return !same;
    }

    private static void putIf(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
