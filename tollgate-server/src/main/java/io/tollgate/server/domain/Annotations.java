package io.tollgate.server.domain;

import io.tollgate.model.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** Annotations are merged key by key; a null value removes a key. */
final class Annotations {
    private Annotations() {
    }

    static Map<String, String> merge(Map<String, String> current, Map<String, String> changes) {
        Map<String, String> merged = new LinkedHashMap<>(current);
        changes.forEach((k, v) -> {
            if (v == null) {
                merged.remove(k);
            } else {
                merged.put(k, v);
            }
        });
        return merged;
    }

    static String json(Map<String, String> annotations) {
        return annotations.isEmpty() ? null : Json.write(annotations);
    }
}
