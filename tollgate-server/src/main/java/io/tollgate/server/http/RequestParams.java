package io.tollgate.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.common.ErrorCode;
import io.tollgate.common.TollgateException;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/** Merges query, body and path parameters into one JSON object, as Rails' {@code params}. */
final class RequestParams {
    /**
     * Fails on anything after the first JSON value: {@code {"name":"a"} {"name":"b"}} is a
     * broken body, not a request for "a" with the rest silently dropped.
     */
    /** Where a bare JSON array body is kept. */
    static final String ARRAY_BODY = "_json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private RequestParams() {
    }

    static ObjectNode merge(String query, String contentType, Buffer body, Map<String, String> pathParams) {
        ObjectNode params = FormParams.parse(query);
        params.setAll(body(contentType, body));
        pathParams.forEach(params::put);
        return params;
    }

    private static ObjectNode body(String contentType, Buffer body) {
        String text = body.toString(StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return JSON.createObjectNode();
        }
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("application/x-www-form-urlencoded")) {
            return FormParams.parse(text.trim());
        }
        if (type.isEmpty() || type.startsWith("application/json") || type.contains("+json")) {
            return json(text);
        }
        throw new TollgateException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, contentType);
    }

    /**
     * A JSON body: an object, or a bare array (some clients send the policy chain without its
     * {@code policies_config} key), which {@link Routes.Route#acceptsArrayBody()} routes read.
     */
    private static ObjectNode json(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new MalformedBodyException("JSON", e.getOriginalMessage() + at);
        }
        if (node instanceof ObjectNode object) {
            return object;
        }
        if (node.isArray()) {
            // As Rails does, a bare array is kept under "_json"; only routes that accept one read it.
            ObjectNode wrapped = JSON.createObjectNode();
            wrapped.set(ARRAY_BODY, node);
            return wrapped;
        }
        throw new MalformedBodyException("JSON", "expected an object at the top level, got " + node.getNodeType());
    }
}
