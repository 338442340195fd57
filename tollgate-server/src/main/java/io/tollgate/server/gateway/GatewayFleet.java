package io.tollgate.server.gateway;

import static java.util.Objects.requireNonNull;

import io.tollgate.store.Database;
import java.net.URI;
import java.time.Clock;

/**
 * What the registration endpoints and the gateway API share: the installation's CA (loaded from the
 * database, or created, on first use) and where the gateway API listens, to tell registering
 * gateways.
 */
public final class GatewayFleet {
    private final Database database;
    private final Clock clock;
    private final GatewaySettings settings;
    private volatile CertificateAuthority ca;
    private volatile int gatewayApiPort = -1;

    public GatewayFleet(Database database, Clock clock, GatewaySettings settings) {
        this.database = requireNonNull(database, "database");
        this.clock = requireNonNull(clock, "clock");
        this.settings = requireNonNull(settings, "settings");
    }

    public GatewaySettings settings() {
        return settings;
    }

    /** The CA; the first call loads or creates it (blocking, on the database). */
    public CertificateAuthority certificateAuthority() {
        CertificateAuthority loaded = ca;
        if (loaded == null) {
            synchronized (this) {
                loaded = ca;
                if (loaded == null) {
                    loaded = CaStore.loadOrCreate(database, clock, settings.secretKey());
                    ca = loaded;
                }
            }
        }
        return loaded;
    }

    void gatewayApiListening(int port) {
        this.gatewayApiPort = port;
    }

    /**
     * The gateway API's URL for a gateway registering through {@code adminBaseUrl}: the configured
     * one, else the same host on the gateway API's port; null when no gateway API runs.
     */
    public String gatewayApiUrl(String adminBaseUrl) {
        if (settings.gatewayApiUrl() != null) {
            return settings.gatewayApiUrl();
        }
        if (gatewayApiPort < 0) {
            return null;
        }
        String host = URI.create(adminBaseUrl).getHost();
        return "https://" + (host == null ? "localhost" : host) + ":" + gatewayApiPort;
    }
}
