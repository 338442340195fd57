package io.tollgate.server.gateway;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;

/**
 * Which gateway a client certificate names: the SAN URI {@value #URI_PREFIX}{@code <id>} the CA put
 * there. Only certificates the CA signed reach this (the TLS handshake checked the chain), so the
 * id is the CA's word; the registry still checks that the gateway exists and is not deleted.
 */
public final class GatewayIdentity {
    public static final String URI_PREFIX = "urn:tollgate:gateway:";
    private static final int SAN_URI = 6;

    private GatewayIdentity() {
    }

    static String uri(long gatewayId) {
        return URI_PREFIX + gatewayId;
    }

    /** The gateway id in {@code certificate}'s SAN, or empty when it names none. */
    public static OptionalLong of(X509Certificate certificate) {
        Collection<List<?>> names;
        try {
            names = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return OptionalLong.empty();
        }
        if (names == null) {
            return OptionalLong.empty();
        }
        for (List<?> name : names) {
            if (name.size() == 2 && Integer.valueOf(SAN_URI).equals(name.get(0))
                    && name.get(1) instanceof String uri && uri.startsWith(URI_PREFIX)) {
                String id = uri.substring(URI_PREFIX.length());
                if (!id.isEmpty() && id.length() < 19 && id.chars().allMatch(Character::isDigit)) {
                    return OptionalLong.of(Long.parseLong(id));
                }
            }
        }
        return OptionalLong.empty();
    }
}
