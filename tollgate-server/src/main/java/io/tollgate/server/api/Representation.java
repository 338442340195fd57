package io.tollgate.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.function.Function;

/**
 * The 3scale JSON envelopes: {@code {"service":{…}}} for one entity, {@code {"services":[{"service":{…}}]}}
 * for a list (every element wrapped), {@code links} with {@code rel}/{@code href}, and ISO-8601 UTC
 * timestamps without fractions ({@code 2019-02-08T18:23:04Z}).
 */
public final class Representation {
    public static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private Representation() {
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /** {@code {"<key>": entity}}. */
    public static ObjectNode wrap(String key, JsonNode entity) {
        ObjectNode root = NODES.objectNode();
        root.set(key, entity);
        return root;
    }

    /** {@code {"<plural>": [{"<singular>": …}, …]}}. */
    public static <T> ObjectNode list(String plural, String singular, Collection<T> items,
            Function<T, ObjectNode> render) {
        ObjectNode root = NODES.objectNode();
        ArrayNode array = root.putArray(plural);
        items.forEach(item -> array.add(wrap(singular, render.apply(item))));
        return root;
    }

    /** {@code [{"<singular>": …}, …]}: the bare array some 3scale lists are (backend usages). */
    public static <T> ArrayNode bareList(String singular, Collection<T> items, Function<T, ObjectNode> render) {
        ArrayNode array = NODES.arrayNode();
        items.forEach(item -> array.add(wrap(singular, render.apply(item))));
        return array;
    }

    public static String timestamp(Instant instant) {
        return instant == null ? null : TIMESTAMP.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    public static void timestamps(ObjectNode node, Instant createdAt, Instant updatedAt) {
        node.put("created_at", timestamp(createdAt));
        node.put("updated_at", timestamp(updatedAt));
    }

    /** Appends {@code {"rel": rel, "href": baseUrl + path}} to the node's {@code links}. */
    public static ObjectNode link(ObjectNode node, String rel, String baseUrl, String path) {
        ArrayNode links = node.has("links") ? (ArrayNode) node.get("links") : node.putArray("links");
        links.addObject().put("rel", rel).put("href", baseUrl + path);
        return node;
    }
}
