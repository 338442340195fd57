package io.tollgate.model;

import java.util.Locale;

public enum AccountKind {
    MASTER, PROVIDER, BUYER;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AccountKind fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
