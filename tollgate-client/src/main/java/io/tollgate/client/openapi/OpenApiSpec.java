package io.tollgate.client.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.tollgate.client.Documents;
import io.tollgate.model.openapi.OpenApiProblem;
import io.tollgate.model.openapi.OpenApiVersion;
import io.tollgate.model.openapi.ParserMessages;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An OpenAPI 2.0, 3.0 or 3.1 document, validated with swagger-parser (vendor extensions allowed),
 * and what an import takes from it: title, the private base URL and base path (2.0: schemes, host
 * and basePath; 3.x: the first server only, its variables filled with their defaults), the
 * operations, and the one global security scheme.
 */
public final class OpenApiSpec {
    static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch");

    /** One operation: its HTTP method, path, and operationId (or a name made of method and path). */
    public record Operation(String method, String path, String operationId, String description) {
    }

    /** The global security scheme: {@code apiKey} (in, name) or {@code oauth2} (its one flow); null for none. */
    public record Security(String type, String in, String name, String flow) {
    }

    private final JsonNode document;
    private final OpenApiVersion version;

    private OpenApiSpec(JsonNode document, OpenApiVersion version) {
        this.document = document;
        this.version = version;
    }

    /** Parses and validates; an invalid document is an {@link OpenApiException} listing every problem. */
    public static OpenApiSpec parse(String text, String source) {
        JsonNode document = Documents.parse(text, source);
        OpenApiVersion version = OpenApiVersion.detect(document)
                .orElseThrow(() -> new OpenApiException(source, List.of(OpenApiVersion.unknownVersion(document))));
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        SwaggerParseResult result = new OpenAPIParser().readContents(Documents.json(document), null, options);
        List<OpenApiProblem> problems = new ArrayList<>();
        if (result.getMessages() != null) {
            result.getMessages().forEach(m -> problems.add(ParserMessages.toProblem(m, document)));
        }
        OpenApiSpec spec = new OpenApiSpec(document, version);
        if (problems.isEmpty()) {
            spec.security(problems);
        }
        if (!problems.isEmpty()) {
            throw new OpenApiException(source, problems);
        }
        return spec;
    }

    public JsonNode document() {
        return document;
    }

    public OpenApiVersion version() {
        return version;
    }

    public String title() {
        return document.path("info").path("title").asText();
    }

    public String description() {
        return document.path("info").path("description").asText(null);
    }

    /** scheme://host[:port] of the API, or null when the document names no absolute server. */
    public String privateBaseUrl() {
        if (version == OpenApiVersion.SWAGGER_2_0) {
            String host = document.path("host").asText("");
            if (host.isEmpty()) {
                return null;
            }
            String scheme = document.path("schemes").path(0).asText("https");
            return scheme + "://" + host;
        }
        URI server = server();
        return server == null || server.getScheme() == null || server.getHost() == null ? null
                : server.getScheme() + "://" + server.getHost() + (server.getPort() < 0 ? "" : ":" + server.getPort());
    }

    /** The path every operation's path is relative to, without a trailing slash ("" for none). */
    public String basePath() {
        String path;
        if (version == OpenApiVersion.SWAGGER_2_0) {
            path = document.path("basePath").asText("");
        } else {
            URI server = server();
            path = server == null || server.getRawPath() == null ? "" : server.getRawPath();
        }
        return path.replaceAll("/+$", "");
    }

    private URI server() {
        JsonNode first = document.path("servers").path(0);
        String url = first.path("url").asText("");
        if (url.isEmpty()) {
            return null;
        }
        for (Map.Entry<String, JsonNode> variable : first.path("variables").properties()) {
            url = url.replace("{" + variable.getKey() + "}", variable.getValue().path("default").asText(""));
        }
        try {
            return URI.create(url);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            if (path.getKey().startsWith("x-")) {
                continue;
            }
            for (String method : METHODS) {
                JsonNode operation = path.getValue().get(method);
                if (operation == null) {
                    continue;
                }
                String id = operation.path("operationId").asText("");
                if (id.isBlank()) {
                    id = method + path.getKey();
                }
                String description = operation.path("summary").asText(operation.path("description").asText(""));
                operations.add(new Operation(method.toUpperCase(Locale.ROOT), path.getKey(), id, description));
            }
        }
        return operations;
    }

    /** The global security scheme, or null when the API is open. */
    public Security security() {
        return security(new ArrayList<>());
    }

    private Security security(List<OpenApiProblem> problems) {
        JsonNode requirements = document.path("security");
        if (!requirements.isArray() || requirements.isEmpty()) {
            return null;
        }
        if (requirements.size() > 1 || requirements.get(0).size() > 1) {
            problems.add(new OpenApiProblem("/security", "only one security requirement with one scheme is supported"));
            return null;
        }
        if (requirements.get(0).isEmpty()) {
            return null;
        }
        String name = requirements.get(0).fieldNames().next();
        String base = version == OpenApiVersion.SWAGGER_2_0 ? "/securityDefinitions/" : "/components/securitySchemes/";
        JsonNode scheme = document.at(base + name.replace("~", "~0").replace("/", "~1"));
        String pointer = base + name;
        if (scheme.isMissingNode()) {
            problems.add(new OpenApiProblem("/security/0/" + name, "names no security scheme (expected one at " + pointer + ")"));
            return null;
        }
        String type = scheme.path("type").asText();
        switch (type) {
            case "apiKey" -> {
                String in = scheme.path("in").asText();
                if (!in.equals("header") && !in.equals("query")) {
                    problems.add(new OpenApiProblem(pointer + "/in", "'" + in
                            + "' is not supported (expected header or query)"));
                    return null;
                }
                return new Security(type, in, scheme.path("name").asText(), null);
            }
            case "oauth2" -> {
                if (version == OpenApiVersion.SWAGGER_2_0) {
                    return new Security(type, null, null, scheme.path("flow").asText());
                }
                JsonNode flows = scheme.path("flows");
                if (flows.size() != 1) {
                    problems.add(new OpenApiProblem(pointer + "/flows", "exactly one flow is supported, found " + flows.size()));
                    return null;
                }
                return new Security(type, null, null, flows.fieldNames().next());
            }
            default -> {
                problems.add(new OpenApiProblem(pointer + "/type", "'" + type
                        + "' is not supported (expected apiKey or oauth2)"));
                return null;
            }
        }
    }
}
