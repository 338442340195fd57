package io.tollgate.common;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How a certificate's validity times are shown: {@code 2026-12-06 21:00:00 +0000 UTC} (SPEC G4). */
public final class CertificateTimes {
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss '+0000 UTC'")
            .withZone(ZoneOffset.UTC);

    private CertificateTimes() {
    }

    /** {@code instant} as {@code tollgate registration inspect} prints an expiry. */
    public static String shown(Instant instant) {
        return SHOWN.format(instant);
    }
}
