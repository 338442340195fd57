package io.tollgate.gateway.loader;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.gateway.config.ConfigException;
import io.tollgate.gateway.config.JsonFields;
import io.tollgate.gateway.image.ProductSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The two shapes a configuration comes in: the server's listing
 * {@code {"proxy_configs":[{"proxy_config":{"id","version","content"}}]}} (also what the last good
 * file holds), and a local file's {@code {"services":[content, …]}} (APIcast's). A product from the
 * server is identified by its version's id ({@code proxy_config:<id>}: versions never change), one
 * from a file by a digest of its content.
 */
final class ProxyConfigsJson {
    /** The fingerprint prefix of a server version. */
    static final String PROXY_CONFIG = "proxy_config:";
    // Parse errors must not quote the document: it holds service tokens and secrets.
    static final ObjectMapper JSON = JsonMapper.builder().disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private ProxyConfigsJson() {
    }

    /**
     * The products of a listing or a file.
     *
     * @throws ConfigException when it is not JSON or not one of the two shapes, naming the place
     */
    static List<ProductSource> parse(byte[] json) {
        return parse(read(json));
    }

    /** The products of a listing or a file already read. */
    static List<ProductSource> parse(JsonNode root) {
        JsonFields top = JsonFields.of(root, "");
        if (top.has("proxy_configs")) {
            return listing(top);
        }
        if (top.has("services")) {
            List<ProductSource> sources = new ArrayList<>();
            for (JsonNode service : array(top, "services")) {
                sources.add(ProductSource.of(service, 0));
            }
            return sources;
        }
        throw new ConfigException("neither proxy_configs nor services (expected: {\"proxy_configs\":[…]} or "
                + "{\"services\":[…]})");
    }

    static JsonNode read(byte[] json) {
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null || root.isMissingNode()) {
                throw new ConfigException("empty (expected: a JSON object)");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ConfigException("not valid JSON: " + e.getOriginalMessage()
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (IOException e) {
            throw new ConfigException("not readable: " + e.getMessage());
        }
    }

    private static List<ProductSource> listing(JsonFields top) {
        List<ProductSource> sources = new ArrayList<>();
        List<JsonFields> items = top.objects("proxy_configs");
        for (JsonFields item : items) {
            JsonFields config = item.object("proxy_config");
            long id = config.longValue("id").orElseThrow(() -> config.fail("id", "missing (expected: the version id)"));
            long version = config.longValue("version", 0, 0, Long.MAX_VALUE);
            JsonNode content = config.node().get("content");
            if (content == null || !content.isObject()) {
                throw config.fail("content", "missing (expected: the configuration object)");
            }
            sources.add(new ProductSource(content, version, PROXY_CONFIG + id));
        }
        return sources;
    }

    private static JsonNode array(JsonFields top, String field) {
        JsonNode v = top.node().get(field);
        if (!v.isArray()) {
            throw top.fail(field, "not an array (expected: an array of product configurations)");
        }
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isObject()) {
                throw new ConfigException(field + "[" + i + "]: not an object (expected: a product configuration)");
            }
        }
        return v;
    }

    /**
     * The listing of {@code sources} as the server writes it, with {@code extra} fields first (the last
     * good file). Sources that did not come from the server have no version id and are left out.
     */
    static ObjectNode listing(List<ProductSource> sources, ObjectNode extra) {
        ObjectNode root = extra.deepCopy();
        ArrayNode items = root.putArray("proxy_configs");
        for (ProductSource s : sources) {
            if (!s.fingerprint().startsWith(PROXY_CONFIG)) {
                continue;
            }
            ObjectNode config = items.addObject().putObject("proxy_config");
            config.put("id", Long.parseLong(s.fingerprint().substring(PROXY_CONFIG.length())))
                    .put("version", s.version());
            config.set("content", s.content());
        }
        return root;
    }
}
