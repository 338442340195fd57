package io.tollgate.model;

import java.util.Optional;

/** Read-only or read-write. */
public enum TokenPermission {
    RO, RW;

    public String wire() {
        return this == RO ? "ro" : "rw";
    }

    public static Optional<TokenPermission> fromWire(String value) {
        return switch (value == null ? "" : value) {
            case "ro" -> Optional.of(RO);
            case "rw" -> Optional.of(RW);
            default -> Optional.empty();
        };
    }
}
