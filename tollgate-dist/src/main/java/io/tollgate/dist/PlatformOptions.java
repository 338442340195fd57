package io.tollgate.dist;

import io.tollgate.server.domain.EndpointDefaults;
import io.tollgate.server.domain.UserSessions;
import io.tollgate.server.gateway.GatewaySettings;
import io.tollgate.store.DatabaseConfig;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * Options shared by the launchers. Each has an environment variable, so a container or a systemd
 * unit can configure Tollgate without flags; a flag wins over its variable.
 */
public final class PlatformOptions {
    @Option(names = "--home", defaultValue = "${env:TOLLGATE_HOME:-./data}",
            description = "Data directory (env TOLLGATE_HOME, default ./data).")
    Path home;

    @Option(names = "--bind", defaultValue = "${env:TOLLGATE_BIND_ADDRESS:-0.0.0.0}",
            description = "Address to listen on (env TOLLGATE_BIND_ADDRESS, default 0.0.0.0).")
    String bind;

    @Option(names = "--admin-port", defaultValue = "${env:TOLLGATE_ADMIN_PORT:-3000}",
            description = "Admin API port (env TOLLGATE_ADMIN_PORT, default 3000).")
    int adminPort;

    @Option(names = "--gateway-port", defaultValue = "${env:TOLLGATE_GATEWAY_PORT:-8080}",
            description = "Production gateway port, used in default product URLs (env TOLLGATE_GATEWAY_PORT, default 8080).")
    int gatewayPort;

    @Option(names = "--staging-port", defaultValue = "${env:TOLLGATE_STAGING_PORT:-8090}",
            description = "Staging gateway port, used in default product URLs (env TOLLGATE_STAGING_PORT, default 8090).")
    int stagingPort;

    @Option(names = "--management-port", defaultValue = "${env:TOLLGATE_MANAGEMENT_PORT:-9090}",
            description = "Gateway management port: /status/live|ready|info and /metrics (env TOLLGATE_MANAGEMENT_PORT, default 9090).")
    int managementPort;

    @Option(names = "--gateway-api-port", defaultValue = "${env:TOLLGATE_GATEWAY_API_PORT:-3443}",
            description = "Gateway API port: mTLS for registered gateways (env TOLLGATE_GATEWAY_API_PORT, default 3443).")
    int gatewayApiPort;

    @Option(names = "--wildcard-domain", defaultValue = "${env:TOLLGATE_WILDCARD_DOMAIN:-localhost}",
            description = "Domain under which tenant and product host names are made (env TOLLGATE_WILDCARD_DOMAIN, default localhost).")
    String wildcardDomain;

    @Option(names = "--database-url", defaultValue = "${env:TOLLGATE_DATABASE_URL}",
            description = "JDBC URL of the system database (env TOLLGATE_DATABASE_URL; default: H2 file under the home).")
    String databaseUrl;

    @Option(names = "--database-user", defaultValue = "${env:TOLLGATE_DATABASE_USER}",
            description = "Database user (env TOLLGATE_DATABASE_USER).")
    String databaseUser;

    /** Only from the environment: a flag would show the password in the process list. */
    String databasePassword() {
        String password = System.getenv("TOLLGATE_DATABASE_PASSWORD");
        return password == null ? "" : password;
    }

    DatabaseConfig database() {
        if (databaseUrl == null || databaseUrl.isBlank()) {
            return DatabaseConfig.embedded(home);
        }
        return new DatabaseConfig(databaseUrl, databaseUser, databasePassword(), DatabaseConfig.DEFAULT_POOL_SIZE);
    }

    EndpointDefaults endpoints() {
        return new EndpointDefaults(wildcardDomain, gatewayPort, stagingPort);
    }

    /** Only from the environment (TOLLGATE_USER_SESSION_TTL, seconds; unset or empty: two weeks). */
    Duration userSessionTtl() {
        return userSessionTtl(System.getenv(UserSessions.TTL_VARIABLE));
    }

    static Duration userSessionTtl(String value) {
        try {
            return UserSessions.ttlFrom(value);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
    }

    /** Registration, certificates and the gateway API, from the environment (TOLLGATE_GATEWAY_*, TOLLGATE_SECRET_KEY). */
    GatewaySettings gatewaySettings() {
        try {
            return GatewaySettings.fromEnvironment(System::getenv);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
    }

    void validate() {
        userSessionTtl();
        gatewaySettings();
        checkPort("--gateway-api-port", gatewayApiPort);
        checkPort("--admin-port", adminPort);
        checkPort("--gateway-port", gatewayPort);
        checkPort("--staging-port", stagingPort);
        checkPort("--management-port", managementPort);
    }

    private static void checkPort(String name, int port) {
        if (port < 0 || port > 65535) {
            throw new UserException(name + ": " + port + " (expected: 0..65535)");
        }
    }
}
