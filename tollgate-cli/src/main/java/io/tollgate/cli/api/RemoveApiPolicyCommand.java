package io.tollgate.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.client.GatewayApis;
import picocli.CommandLine.Command;

/** {@code tollgate api policy remove <remote> <api> <policy>}. */
@Command(name = "remove", description = "Remove a policy from an API and deploy.")
public final class RemoveApiPolicyCommand extends ApiPolicyCommand {
    @Override
    JsonNode change(GatewayApis apis) {
        return apis.removePolicy(api, policy);
    }

    @Override
    String done(String apiName) {
        return "removed from API " + apiName;
    }
}
