package io.tollgate.cli.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.client.Documents;
import picocli.CommandLine.Option;

/** The product fields {@code service create} and {@code service apply} both take. */
final class ServiceFields {
    @Option(names = {"-a", "--authentication-mode"}, paramLabel = "<mode>",
            description = "Authentication mode: 1 (API key), 2 (app id and app key), oidc (OpenID Connect).")
    String authenticationMode;

    @Option(names = {"-d", "--deployment-mode"}, paramLabel = "<mode>",
            description = "Deployment mode: hosted, self_managed or service_mesh_istio.")
    String deploymentMode;

    @Option(names = "--description", paramLabel = "<text>", description = "Description of the product.")
    String description;

    @Option(names = "--support-email", paramLabel = "<email>", description = "Support email of the product.")
    String supportEmail;

    /** The fields given, as the admin API names them. */
    ObjectNode toJson() {
        ObjectNode fields = Documents.JSON.createObjectNode();
        if (authenticationMode != null) {
            fields.put("backend_version", authenticationMode);
        }
        if (deploymentMode != null) {
            fields.put("deployment_option", deploymentMode);
        }
        if (description != null) {
            fields.put("description", description);
        }
        if (supportEmail != null) {
            fields.put("support_email", supportEmail);
        }
        return fields;
    }
}
