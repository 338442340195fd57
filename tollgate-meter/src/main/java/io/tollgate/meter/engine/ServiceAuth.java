package io.tollgate.meter.engine;

import io.tollgate.common.Secrets;
import io.tollgate.meter.config.MeterImage;
import io.tollgate.meter.config.MeterImage.ServiceView;
import io.tollgate.meter.config.MeterTenant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the service a call is for and checks that the caller may use it: a {@code service_token} with
 * its {@code service_id}, or a legacy {@code provider_key} with an optional {@code service_id} (the
 * tenant's default service when absent). Tokens and keys are compared as SHA-256 digests; the replica
 * never holds them in clear.
 */
final class ServiceAuth {
    /** Digests of recently seen tokens and keys: a SHA-256 per call would dominate an in-memory authrep. */
    private static final int DIGEST_CACHE_MAX = 10_000;
    private static final ConcurrentHashMap<String, String> DIGESTS = new ConcurrentHashMap<>();

    private ServiceAuth() {
    }

    /** The SHA-256 digest of {@code secret}, cached; the cache is emptied when it grows past its bound. */
    static String digest(String secret) {
        String cached = DIGESTS.get(secret);
        if (cached != null) {
            return cached;
        }
        if (DIGESTS.size() >= DIGEST_CACHE_MAX) {
            DIGESTS.clear();
        }
        String digest = Secrets.sha256(secret);
        DIGESTS.put(secret, digest);
        return digest;
    }

    /** The service, or a {@link MeterException} with apisonator's code and text. */
    static ServiceView resolve(MeterImage image, String serviceToken, String providerKey, String serviceId) {
        if (!blank(serviceToken)) {
            if (blank(serviceId)) {
                throw new MeterException(MeterErrorCode.SERVICE_ID_MISSING, "Service ID is missing");
            }
            return id(serviceId).flatMap(image::service)
                    .filter(s -> s.service().serviceTokenDigests().contains(digest(serviceToken)))
                    .orElseThrow(() -> new MeterException(MeterErrorCode.SERVICE_TOKEN_INVALID,
                            "service token \"" + serviceToken + "\" or service id \"" + serviceId + "\" is invalid"));
        }
        if (blank(providerKey)) {
            throw new MeterException(MeterErrorCode.PROVIDER_KEY_OR_SERVICE_TOKEN_REQUIRED,
                    "Provider key or service token are required");
        }
        MeterTenant tenant = image.tenantByProviderKeyDigest(digest(providerKey))
                .filter(MeterTenant::active)
                .orElseThrow(() -> new MeterException(MeterErrorCode.PROVIDER_KEY_INVALID,
                        "provider key \"" + providerKey + "\" is invalid"));
        if (blank(serviceId)) {
            return image.service(tenant.defaultServiceId())
                    .orElseThrow(() -> new MeterException(MeterErrorCode.PROVIDER_KEY_INVALID_OR_SERVICE_MISSING,
                            "provider key \"" + providerKey + "\" invalid and/or service ID missing"));
        }
        return id(serviceId).flatMap(image::service)
                .filter(s -> s.service().tenantId() == tenant.id())
                .orElseThrow(() -> new MeterException(MeterErrorCode.SERVICE_ID_INVALID,
                        "service id \"" + serviceId + "\" is invalid"));
    }

    static boolean blank(String value) {
        return value == null || value.isEmpty();
    }

    private static Optional<Long> id(String text) {
        if (text.isEmpty() || text.length() > 18) {
            return Optional.empty();
        }
        long id = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return Optional.empty();
            }
            id = id * 10 + (c - '0');
        }
        return Optional.of(id);
    }
}
