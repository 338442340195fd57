package io.tollgate.model.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** The OpenAPI versions Tollgate accepts, told apart by the document's {@code swagger}/{@code openapi} field. */
public enum OpenApiVersion {
    SWAGGER_2_0("2.0"), OPENAPI_3_0("3.0"), OPENAPI_3_1("3.1");

    private final String label;

    OpenApiVersion(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * The version of {@code document}, or the problem that prevents telling it: not an object, no
     * {@code swagger: "2.0"} nor {@code openapi: 3.0.x|3.1.x}.
     */
    public static Optional<OpenApiVersion> detect(JsonNode document) {
        if (document == null || !document.isObject()) {
            return Optional.empty();
        }
        JsonNode swagger = document.get("swagger");
        if (swagger != null && "2.0".equals(swagger.asText())) {
            return Optional.of(SWAGGER_2_0);
        }
        String openapi = document.path("openapi").asText("");
        if (openapi.matches("3\\.0(\\.\\d+)?(-.+)?")) {
            return Optional.of(OPENAPI_3_0);
        }
        if (openapi.matches("3\\.1(\\.\\d+)?(-.+)?")) {
            return Optional.of(OPENAPI_3_1);
        }
        return Optional.empty();
    }

    /** The problem to report when {@link #detect} finds no version. */
    public static OpenApiProblem unknownVersion(JsonNode document) {
        if (document == null || !document.isObject()) {
            return new OpenApiProblem("", "is not an OpenAPI document (expected a JSON or YAML object)");
        }
        if (document.has("swagger")) {
            return new OpenApiProblem("/swagger", "unsupported version '" + document.get("swagger").asText()
                    + "' (expected: 2.0)");
        }
        if (document.has("openapi")) {
            return new OpenApiProblem("/openapi", "unsupported version '" + document.get("openapi").asText()
                    + "' (expected: 3.0.x or 3.1.x)");
        }
        return new OpenApiProblem("", "is not an OpenAPI document (expected a 'swagger: \"2.0\"' or"
                + " 'openapi: 3.x' field)");
    }
}
