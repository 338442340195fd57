package io.tollgate.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tollgate.model.Json;

/**
 * JSON and YAML documents as the toolbox reads and writes them. YAML is written block style,
 * without a leading {@code ---}, quoting only what would otherwise read back as something else
 * (numbers, booleans and null-like strings stay quoted), so a document round-trips unchanged.
 */
public final class Documents {
    public static final ObjectMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                    .build())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    public static final ObjectMapper JSON = Json.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT);

    private Documents() {
    }

    /**
     * Parses JSON or YAML, told apart by content (JSON is YAML, but the JSON parser gives better
     * messages for JSON). The message of a failure says where.
     */
    public static JsonNode parse(String text, String source) {
        String trimmed = text.stripLeading();
        try {
            if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
                return Json.MAPPER.readTree(text);
            }
            JsonNode node = YAML.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new DocumentException(source + " is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new DocumentException(source + " is not valid JSON or YAML" + where + ": " + e.getOriginalMessage());
        }
    }

    public static String yaml(JsonNode node) {
        try {
            return YAML.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write YAML", e);
        }
    }

    public static String json(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** A document that cannot be read; the message says which and why. */
    public static final class DocumentException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public DocumentException(String message) {
            super(message);
        }
    }
}
