package io.tollgate.server.gateway;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a connected app may do. Renewing a gateway certificate needs all three. */
public enum Scope {
    READ_SERVERS("read_servers", "Read Servers"),
    MANAGE_SERVERS("manage_servers", "Manage Servers"),
    VIEW_ORGANIZATION("view_organization", "View Organization");

    private final String code;
    private final String label;

    Scope(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    /** By code ({@code read_servers}) or label ({@code Read Servers}), any case. */
    public static Optional<Scope> parse(String text) {
        String t = text.trim();
        return Arrays.stream(values()).filter(s -> s.code.equalsIgnoreCase(t) || s.label.equalsIgnoreCase(t)
                || s.code.equals(t.toLowerCase(Locale.ROOT).replace(' ', '_'))).findFirst();
    }
}
