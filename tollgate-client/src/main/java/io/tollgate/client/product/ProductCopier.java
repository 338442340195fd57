package io.tollgate.client.product;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.client.AdminClient;
import io.tollgate.client.Documents;
import io.tollgate.client.Refs;
import java.time.Clock;
import java.util.Optional;

/**
 * Copies a product (or a backend) from one tenant to another, or within one under another system
 * name: the source is exported ({@link ProductExporter}) and imported into the destination
 * ({@link ProductImporter}) — missing metrics and methods are created, plans, limits, pricing rules,
 * policies, backends and the deployment follow — then the product's ActiveDocs and the product fields
 * a CR does not carry (support email, referrer filters) are copied.
 */
public final class ProductCopier {
    private final AdminClient source;
    private final AdminClient destination;
    private final Clock clock;

    public ProductCopier(AdminClient source, AdminClient destination, Clock clock) {
        this.source = source;
        this.destination = destination;
        this.clock = clock;
    }

    /** What a product copy did: the import report and how many ActiveDocs were created or updated. */
    public record Result(long productId, ObjectNode report, int activeDocs) {
    }

    /**
     * @param targetSystemName the copy's system name, or null for the source's
     * @param options          how mapping rules are treated ({@link ProductImporter.Options#COPY} replaces them)
     */
    public Result copyProduct(String productRef, String targetSystemName, ProductImporter.Options options) {
        JsonNode service = source.services().require(productRef);
        ObjectNode list = new ProductExporter(source, clock, "copy").export(service);
        if (targetSystemName != null) {
            ((ObjectNode) list.path("items").get(0).path("spec")).put("systemName", targetSystemName);
        }
        ProductImporter.Result imported = new ProductImporter(destination).importDocument(list, options);
        if (options.rulesOnly()) {
            return new Result(imported.productId(), imported.report(), 0);
        }
        ObjectNode extra = Documents.JSON.createObjectNode();
        for (String field : new String[] {"support_email", "referrer_filters_required"}) {
            JsonNode value = service.get(field);
            if (value != null && !value.equals(destination.services().get(imported.productId()).get(field))) {
                extra.set(field, value);
            }
        }
        if (!extra.isEmpty()) {
            destination.services().update(imported.productId(), extra);
        }
        int docs = copyActiveDocs(Refs.id(service), imported.productId(), service.path("system_name").asText(),
                targetSystemName);
        return new Result(imported.productId(), imported.report(), docs);
    }

    /** A backend alone: missing metrics and methods created, mapping rules replaced. */
    public ProductImporter.BackendResult copyBackend(String backendRef, String targetSystemName) {
        JsonNode backend = source.backends().require(backendRef);
        ObjectNode spec = (ObjectNode) new ProductExporter(source, clock, "copy").backend(backend).path("spec");
        if (targetSystemName != null) {
            spec.put("systemName", targetSystemName);
        }
        return new ProductImporter(destination).importBackend(spec, ProductImporter.Options.COPY);
    }

    /**
     * The source product's ActiveDocs, created or updated at the destination by system name (a doc
     * named after the product takes the target's system name when one is given).
     */
    private int copyActiveDocs(long sourceId, long targetId, String sourceSystemName, String targetSystemName) {
        int copied = 0;
        for (JsonNode doc : source.activeDocs().list()) {
            if (doc.path("service_id").asLong(-1) != sourceId) {
                continue;
            }
            String systemName = doc.path("system_name").asText();
            if (targetSystemName != null && systemName.equals(sourceSystemName)) {
                systemName = targetSystemName;
            }
            ObjectNode fields = Documents.JSON.createObjectNode().put("name", doc.path("name").asText())
                    .put("service_id", targetId).put("body", doc.path("body").asText())
                    .put("published", doc.path("published").asBoolean())
                    .put("skip_swagger_validations", doc.path("skip_swagger_validations").asBoolean());
            fields.set("description", doc.get("description"));
            String name = systemName;
            Optional<JsonNode> existing = destination.activeDocs().list().stream()
                    .filter(d -> name.equals(d.path("system_name").asText())).findFirst();
            if (existing.isEmpty()) {
                destination.activeDocs().create(fields.put("system_name", systemName));
                copied++;
            } else if (differs(existing.get(), fields)) {
                destination.activeDocs().update(Refs.id(existing.get()), fields);
                copied++;
            }
        }
        return copied;
    }

    private static boolean differs(JsonNode current, ObjectNode wanted) {
        return wanted.properties().stream().anyMatch(f -> !current.path(f.getKey()).asText()
                .equals(f.getValue().asText()));
    }
}
