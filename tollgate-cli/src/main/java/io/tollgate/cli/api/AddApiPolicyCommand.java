package io.tollgate.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.client.GatewayApis;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tollgate api policy add <remote> <api> <policy> --config=…|--config-json=…}. */
@Command(name = "add", description = "Add a policy to an API and deploy, e.g. http-basic-authentication"
        + " --config=username=user,password=pw.")
public final class AddApiPolicyCommand extends ApiPolicyCommand {
    @Mixin
    PolicyConfiguration configuration;

    @Override
    JsonNode change(GatewayApis apis) {
        return apis.addPolicy(api, policy, configuration.toJson(inputs()));
    }

    @Override
    String done(String apiName) {
        return "added to API " + apiName;
    }
}
