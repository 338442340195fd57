package io.tollgate.server.testing;

import io.tollgate.meter.config.LocalMeterConfig;
import io.tollgate.server.Bootstrap;
import io.tollgate.server.ControlPlane;
import io.tollgate.server.domain.EndpointDefaults;
import io.tollgate.server.domain.UserSessions;
import io.tollgate.server.http.AdminApiServer;
import io.tollgate.store.Database;
import io.tollgate.store.DatabaseConfig;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.UUID;

/**
 * A running control plane for tests: a fresh database (in-memory H2 unless another config is
 * given), bootstrapped with known tokens, the admin API on an ephemeral port, the meter's
 * configuration published in process and usage statistics in memory.
 */
public final class TestPlatform implements AutoCloseable {
    public static final String MASTER_TOKEN = "master-token-for-tests";
    public static final String ADMIN_TOKEN = "admin-token-for-tests";

    private final Vertx vertx;
    private final Database database;
    private final ControlPlane controlPlane;
    private final LocalMeterConfig meterConfig = new LocalMeterConfig();
    private final TestUsageStats usageStats = new TestUsageStats();
    private final String baseUrl;

    private TestPlatform(DatabaseConfig config, int maxBodyBytes) {
        this.vertx = Vertx.vertx();
        this.database = Database.open(config);
        this.controlPlane = new ControlPlane(database, Clock.systemUTC(), EndpointDefaults.LOCAL,
                UserSessions.DEFAULT_TTL, meterConfig, usageStats);
        controlPlane.bootstrap().runIfFirstStart(new Bootstrap.Settings(MASTER_TOKEN, ADMIN_TOKEN, "admin",
                "admin-password", "admin@example.com", null));
        int port = controlPlane.start(vertx, new AdminApiServer.Options("127.0.0.1", 0,
                maxBodyBytes, 4)).await();
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    public static TestPlatform start() {
        return start(inMemory());
    }

    public static TestPlatform start(DatabaseConfig config) {
        return new TestPlatform(config, AdminApiServer.Options.DEFAULT_MAX_BODY_BYTES);
    }

    /** A platform on a fresh in-memory database whose admin API refuses bodies over {@code maxBodyBytes}. */
    public static TestPlatform startWithMaxBody(int maxBodyBytes) {
        return new TestPlatform(inMemory(), maxBodyBytes);
    }

    private static DatabaseConfig inMemory() {
        return new DatabaseConfig("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 4);
    }

    /** A client authenticated as the default tenant's admin (read-write, all scopes). */
    public ApiClient admin() {
        return new ApiClient(baseUrl, ADMIN_TOKEN);
    }

    public ApiClient master() {
        return new ApiClient(baseUrl, MASTER_TOKEN);
    }

    public ApiClient anonymous() {
        return new ApiClient(baseUrl, null);
    }

    public ApiClient as(String token) {
        return new ApiClient(baseUrl, token);
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The control plane's user sessions (default length). */
    public UserSessions sessions() {
        return controlPlane.sessions();
    }

    /** The in-process gateway token ({@link ControlPlane#internalToken()}). */
    public String internalToken() {
        return controlPlane.internalToken();
    }

    public Database database() {
        return database;
    }

    /** Where the control plane publishes the meter's configuration. */
    public LocalMeterConfig meterConfig() {
        return meterConfig;
    }

    /** The usage statistics the Analytics API reads; tests record usage into it. */
    public TestUsageStats usageStats() {
        return usageStats;
    }

    @Override
    public void close() {
        controlPlane.stop().await();
        vertx.close().await();
        database.close();
    }
}
