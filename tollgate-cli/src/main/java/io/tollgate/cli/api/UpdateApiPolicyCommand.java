package io.tollgate.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.client.GatewayApis;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tollgate api policy update <remote> <api> <policy> --config=…|--config-json=…}: replaces the configuration. */
@Command(name = "update", description = "Replace the configuration of an API's policy and deploy.")
public final class UpdateApiPolicyCommand extends ApiPolicyCommand {
    @Mixin
    PolicyConfiguration configuration;

    @Override
    JsonNode change(GatewayApis apis) {
        return apis.updatePolicy(api, policy, configuration.toJson(inputs()));
    }

    @Override
    String done(String apiName) {
        return "of API " + apiName + " updated";
    }
}
