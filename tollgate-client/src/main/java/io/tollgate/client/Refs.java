package io.tollgate.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/** References as users write them: a numeric id, or a system name. */
public final class Refs {
    private Refs() {
    }

    public static boolean isId(String ref) {
        return ref != null && !ref.isEmpty() && ref.length() <= 18 && ref.chars().allMatch(Character::isDigit);
    }

    /** The entity of {@code items} whose id or {@code system_name} is {@code ref}. */
    public static Optional<JsonNode> match(List<JsonNode> items, String ref) {
        return items.stream().filter(i -> (isId(ref) && i.path("id").asLong() == Long.parseLong(ref))
                || ref.equals(i.path("system_name").asText(null))).findFirst();
    }

    public static long id(JsonNode entity) {
        return entity.path("id").asLong();
    }
}
