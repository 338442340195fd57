package io.tollgate.server.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.tollgate.model.openapi.OpenApiProblem;
import io.tollgate.model.openapi.OpenApiVersion;
import io.tollgate.model.openapi.ParserMessages;
import java.util.List;
import java.util.Optional;

/**
 * Validates an ActiveDocs body as OpenAPI 2.0, 3.0 or 3.1 with swagger-parser. Vendor extensions
 * ({@code x-…}) are allowed everywhere; references are not resolved (a document with an external
 * {@code $ref} is not fetched from the server).
 */
final class OpenApiValidation {
    private OpenApiValidation() {
    }

    /** What is wrong with {@code document}; empty when it is a valid OpenAPI document. */
    static List<OpenApiProblem> problems(String text, JsonNode document) {
        Optional<OpenApiVersion> version = OpenApiVersion.detect(document);
        if (version.isEmpty()) {
            return List.of(OpenApiVersion.unknownVersion(document));
        }
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        SwaggerParseResult result = new OpenAPIParser().readContents(text, null, options);
        List<String> messages = result.getMessages() == null ? List.of() : result.getMessages();
        return messages.stream().map(m -> ParserMessages.toProblem(m, document)).toList();
    }
}
