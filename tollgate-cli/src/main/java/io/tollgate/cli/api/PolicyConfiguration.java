package io.tollgate.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.cli.CliException;
import io.tollgate.cli.Inputs;
import io.tollgate.model.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --config=k=v,k=v} (string values) or {@code --config-json=FILE} (a JSON object, for values
 * that are numbers, lists or contain commas): a policy's configuration. Not {@code --config-file}: that
 * is the toolbox's global option (the remotes file), which every command inherits.
 */
public final class PolicyConfiguration {
    @Option(names = "--config", split = ",", paramLabel = "<key=value>",
            description = "Configuration fields, e.g. --config=username=user,password=pw (values are strings).")
    Map<String, String> pairs = new LinkedHashMap<>();

    @Option(names = "--config-json", paramLabel = "<file>",
            description = "Configuration as a JSON object in a file ('-' for stdin).")
    String file;

    /** The configuration object; {} when neither option was given. */
    ObjectNode toJson(Inputs inputs) {
        if (file != null && !pairs.isEmpty()) {
            throw new CliException("--config and --config-json: give one of them, not both");
        }
        if (file != null) {
            JsonNode parsed;
            try {
                parsed = Json.MAPPER.readTree(inputs.read(file));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new CliException("--config-json " + file + ": not JSON (" + e.getOriginalMessage() + ")", e);
            }
            if (!(parsed instanceof ObjectNode object)) {
                throw new CliException("--config-json " + file + ": expected a JSON object");
            }
            return object;
        }
        ObjectNode object = Json.MAPPER.createObjectNode();
        pairs.forEach(object::put);
        return object;
    }
}
