package io.tollgate.model;

import static java.util.Objects.requireNonNull;

/** What metrics and mapping rules belong to: a product or a backend. */
public record Owner(Type type, long id) {
    public enum Type { PRODUCT, BACKEND }

    public Owner {
        requireNonNull(type, "type");
    }

    public static Owner product(long id) {
        return new Owner(Type.PRODUCT, id);
    }

    public static Owner backend(long id) {
        return new Owner(Type.BACKEND, id);
    }

    /** The services.id column value, or null for a backend. */
    public Long serviceId() {
        return type == Type.PRODUCT ? id : null;
    }

    /** The backend_apis.id column value, or null for a product. */
    public Long backendApiId() {
        return type == Type.BACKEND ? id : null;
    }

    public static Owner of(Long serviceId, Long backendApiId) {
        return serviceId != null ? product(serviceId) : backend(requireNonNull(backendApiId, "backendApiId"));
    }
}
