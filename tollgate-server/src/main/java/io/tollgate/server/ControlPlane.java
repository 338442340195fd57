package io.tollgate.server;

import static java.util.Objects.requireNonNull;

import io.tollgate.meter.config.LocalMeterConfig;
import io.tollgate.meter.config.MeterConfigSink;
import io.tollgate.meter.stats.UsageStats;
import io.tollgate.server.api.AccessTokensResource;
import io.tollgate.server.api.ActiveDocsResource;
import io.tollgate.server.api.ApplicationPlansResource;
import io.tollgate.server.api.ApplicationsResource;
import io.tollgate.server.api.BackendApisResource;
import io.tollgate.server.api.BackendUsagesResource;
import io.tollgate.server.api.DeveloperAccountsResource;
import io.tollgate.server.api.DeveloperUsersResource;
import io.tollgate.server.api.FeaturesResource;
import io.tollgate.server.api.MappingRulesResource;
import io.tollgate.server.api.MetricsResource;
import io.tollgate.server.api.PlanFeaturesResource;
import io.tollgate.server.api.PolicyRegistryResource;
import io.tollgate.server.api.PricingRulesResource;
import io.tollgate.server.api.MeterResource;
import io.tollgate.server.api.ProductsResource;
import io.tollgate.server.api.ProviderResource;
import io.tollgate.server.api.ProvidersResource;
import io.tollgate.server.api.ProxyConfigChangesResource;
import io.tollgate.server.api.ProxyConfigsResource;
import io.tollgate.server.api.ProxyResource;
import io.tollgate.server.api.ConnectedAppsResource;
import io.tollgate.server.api.GatewayApisResource;
import io.tollgate.server.api.GatewaysResource;
import io.tollgate.server.api.RegistrationsResource;
import io.tollgate.server.gateway.GatewayApiServer;
import io.tollgate.server.gateway.GatewayFleet;
import io.tollgate.server.gateway.GatewayRegistry;
import io.tollgate.server.gateway.GatewaySettings;
import io.tollgate.store.Page;
import java.util.Optional;
import io.tollgate.server.api.ReferrerFiltersResource;
import io.tollgate.server.api.ServiceTokensResource;
import io.tollgate.server.api.StatsResource;
import io.tollgate.server.api.UsageLimitsResource;
import io.tollgate.server.domain.AccessTokenService;
import io.tollgate.server.domain.ActiveDocService;
import io.tollgate.server.domain.AuditLog;
import io.tollgate.server.domain.ApplicationPlanService;
import io.tollgate.server.domain.ApplicationService;
import io.tollgate.server.domain.BackendApiService;
import io.tollgate.server.domain.BackendUsageService;
import io.tollgate.server.domain.DeveloperAccountService;
import io.tollgate.server.domain.DeveloperUserService;
import io.tollgate.server.domain.EndpointDefaults;
import io.tollgate.server.domain.FeatureService;
import io.tollgate.server.domain.GatewayApiPolicyService;
import io.tollgate.server.domain.GatewayApiService;
import io.tollgate.server.domain.MappingRuleService;
import io.tollgate.server.domain.MetricService;
import io.tollgate.server.domain.PlanFeatureService;
import io.tollgate.server.domain.PolicyRegistryService;
import io.tollgate.server.domain.PricingRuleService;
import io.tollgate.server.domain.ProductService;
import io.tollgate.server.domain.ProviderService;
import io.tollgate.server.domain.ProxyConfigChanges;
import io.tollgate.server.domain.ProxyConfigService;
import io.tollgate.server.domain.ProxyConfigs;
import io.tollgate.server.domain.ProxyService;
import io.tollgate.server.domain.ReferrerFilterService;
import io.tollgate.server.domain.ServiceTokenService;
import io.tollgate.server.domain.StatsService;
import io.tollgate.server.domain.TenantService;
import io.tollgate.server.domain.UsageLimitService;
import io.tollgate.server.domain.UserSessions;
import io.tollgate.server.http.AdminApiServer;
import io.tollgate.server.http.AuditTrail;
import io.tollgate.server.http.Authenticator;
import io.tollgate.server.http.Routes;
import io.tollgate.server.meter.MeterReplicator;
import io.tollgate.server.meter.MeterSnapshots;
import io.tollgate.server.meter.NoUsageStats;
import io.tollgate.store.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane: the domain services over one database, the admin API that exposes them, and
 * the replication of the meter's configuration. This is the one place where resources are listed.
 */
public final class ControlPlane {
    private static final Logger LOG = LoggerFactory.getLogger(ControlPlane.class);

    private final Database database;
    private final Clock clock;
    private final EndpointDefaults endpoints;
    private final TenantService tenants;
    private final UserSessions sessions;
    private final UsageStats usageStats;
    private final MeterReplicator meterReplicator;
    /** Read-only master access for gateways in this process; never stored, never printed. */
    private final String internalToken = io.tollgate.common.Secrets.newToken();

    private final ProxyConfigChanges configChanges;
    private final GatewayFleet fleet;
    private final GatewayRegistry gatewayRegistry;
    private AdminApiServer server;
    private GatewayApiServer gatewayApi;

    /** A control plane whose user sessions last {@link UserSessions#DEFAULT_TTL}. */
    public ControlPlane(Database database, Clock clock, EndpointDefaults endpoints) {
        this(database, clock, endpoints, UserSessions.DEFAULT_TTL);
    }

    /**
     * A control plane that publishes the meter's configuration in process (to a {@link LocalMeterConfig}
     * nobody reads) and keeps no usage statistics.
     *
     * @param sessionTtl how long a user's login session lasts
     */
    public ControlPlane(Database database, Clock clock, EndpointDefaults endpoints, Duration sessionTtl) {
        this(database, clock, endpoints, sessionTtl, new LocalMeterConfig(), NoUsageStats.INSTANCE);
    }

    /**
     * @param sessionTtl how long a user's login session lasts
     * @param meterConfig where the meter's configuration is published after every change
     * @param usageStats where the Analytics API reads usage from
     */
    public ControlPlane(Database database, Clock clock, EndpointDefaults endpoints, Duration sessionTtl,
            MeterConfigSink meterConfig, UsageStats usageStats) {
        this(database, clock, endpoints, sessionTtl, meterConfig, usageStats, GatewaySettings.DEFAULTS);
    }

    /** @param gateways how gateways register and how long their certificates and tokens last */
    public ControlPlane(Database database, Clock clock, EndpointDefaults endpoints, Duration sessionTtl,
            MeterConfigSink meterConfig, UsageStats usageStats, GatewaySettings gateways) {
        this.database = requireNonNull(database, "database");
        this.clock = requireNonNull(clock, "clock");
        this.endpoints = requireNonNull(endpoints, "endpoints");
        this.tenants = new TenantService(database, clock);
        this.sessions = new UserSessions(database, clock, sessionTtl);
        this.usageStats = requireNonNull(usageStats, "usageStats");
        this.meterReplicator = new MeterReplicator(new MeterSnapshots(database, clock),
                requireNonNull(meterConfig, "meterConfig"));
        this.configChanges = new ProxyConfigChanges(database);
        this.fleet = new GatewayFleet(database, clock, requireNonNull(gateways, "gateways"));
        this.gatewayRegistry = new GatewayRegistry(database, clock, gateways, fleet);
    }

    /** The gateway registry (registration, renewal, status). */
    public GatewayRegistry gatewayRegistry() {
        return gatewayRegistry;
    }

    /** The gateway CA and where the gateway API listens. */
    public GatewayFleet gatewayFleet() {
        return fleet;
    }

    /** Users' login sessions (for the portals). */
    public UserSessions sessions() {
        return sessions;
    }

    /** What keeps the meter's configuration in step with the database. */
    public MeterReplicator meterReplicator() {
        return meterReplicator;
    }

    /**
     * A token valid only while this process runs, reading as the master with read-only account
     * management access: what gateways started in the same process (tollgate up) load every tenant's
     * configuration with, from {@code /master/api/proxy/configs}. Never persisted or logged.
     */
    public String internalToken() {
        return internalToken;
    }

    /** Where gateways wait for configuration changes. */
    public ProxyConfigChanges configChanges() {
        return configChanges;
    }

    public Bootstrap bootstrap() {
        return new Bootstrap(database, tenants);
    }

    /** Every admin and master API route. */
    public Routes routes() {
        Routes routes = new Routes();
        MetricService metrics = new MetricService(database, clock);
        ProxyConfigs proxyConfigs = new ProxyConfigs(clock);
        List<Routes.Resource> resources = List.of(
                new ProvidersResource(tenants, endpoints),
                new ProductsResource(new ProductService(database, clock, endpoints)),
                new MetricsResource(metrics),
                new ProxyResource(new ProxyService(database, clock, proxyConfigs)),
                new ProxyConfigsResource(new ProxyConfigService(database, proxyConfigs)),
                new ProxyConfigChangesResource(configChanges),
                new FeaturesResource(new FeatureService(database, clock)),
                new ProviderResource(new ProviderService(database, tenants), endpoints),
                new AccessTokensResource(new AccessTokenService(database, clock)),
                new BackendApisResource(new BackendApiService(database, clock)),
                new BackendUsagesResource(new BackendUsageService(database, clock)),
                new MappingRulesResource(new MappingRuleService(database, clock)),
                new ApplicationPlansResource(new ApplicationPlanService(database, clock)),
                new UsageLimitsResource(new UsageLimitService(database, clock)),
                new PricingRulesResource(new PricingRuleService(database, clock)),
                new PlanFeaturesResource(new PlanFeatureService(database, clock)),
                new DeveloperAccountsResource(new DeveloperAccountService(database, clock)),
                new DeveloperUsersResource(new DeveloperUserService(database, clock)),
                new ApplicationsResource(new ApplicationService(database, clock)),
                new ServiceTokensResource(new ServiceTokenService(database, clock)),
                new ReferrerFiltersResource(new ReferrerFilterService(database, clock)),
                new StatsResource(new StatsService(database, usageStats)),
                new ActiveDocsResource(new ActiveDocService(database, clock)),
                new PolicyRegistryResource(new PolicyRegistryService(database, clock)),
                new MeterResource(meterReplicator),
                new GatewaysResource(gatewayRegistry),
                new GatewayApisResource(new GatewayApiService(database, clock, endpoints),
                        new GatewayApiPolicyService(database, clock)),
                new RegistrationsResource(gatewayRegistry, fleet),
                new ConnectedAppsResource(gatewayRegistry.connectedApps()));
        resources.forEach(resource -> resource.register(routes));
        return routes;
    }

    /**
     * Gives products from before service tokens one, publishes the meter's configuration, then
     * starts the admin API; the future completes with the bound port. Blocks on the database: call
     * it from the launching thread, not an event loop.
     */
    public Future<Integer> start(Vertx vertx, AdminApiServer.Options options) {
        new ServiceTokenService(database, clock).issueMissing();
        // Fails the start with a clear message when the CA key cannot be decrypted.
        fleet.certificateAuthority();
        try {
            meterReplicator.publishNow();
        } catch (RuntimeException e) {
            // The API still starts; the replicator keeps trying in the background.
            LOG.warn("Could not publish the meter configuration at start ({}: {})", e.getClass().getSimpleName(),
                    e.getMessage());
            meterReplicator.changed();
        }
        AuditLog audit = new AuditLog(database, clock);
        AuditTrail afterWrite = (request, response) -> {
            audit.record(request, response);
            // Committed by now: gateways waiting for this tenant's configuration look at once.
            configChanges.changed(request.accountId());
            if (!MeterResource.RESYNC.equals(request.path())) {
                meterReplicator.changed();
            }
        };
        server = new AdminApiServer(vertx, options, new Authenticator(database, clock, internalToken), routes(),
                afterWrite);
        return server.start();
    }

    /**
     * Starts the gateway API: mTLS on its own port, serving heartbeats and each gateway's own
     * tenant's proxy configurations (what {@code /admin/api/account/proxy_configs/:env} lists). The
     * future completes with the bound port. Blocks on the CA: call it from the launching thread.
     */
    public Future<Integer> startGatewayApi(Vertx vertx, String host, int port) {
        ProxyConfigService configs = new ProxyConfigService(database, new ProxyConfigs(clock));
        gatewayApi = new GatewayApiServer(vertx, fleet, gatewayRegistry, (accountId, environment, request) ->
                ProxyConfigsResource.listing(configs.ofAccount(accountId, environment,
                        Optional.ofNullable(request.request().getParam("host")),
                        Optional.ofNullable(request.request().getParam("version")), gatewayApiPage(request))),
                configChanges);
        return gatewayApi.start(host, port);
    }

    /** {@code page} (from 1) and {@code per_page} (1..500, default 500), as the admin API's listing takes them. */
    private static Page gatewayApiPage(io.vertx.ext.web.RoutingContext request) {
        return new Page(pageParam(request, "page", Integer.MAX_VALUE / Page.MAX_SIZE, 1),
                pageParam(request, "per_page", Page.MAX_SIZE, Page.MAX_SIZE));
    }

    private static int pageParam(io.vertx.ext.web.RoutingContext request, String name, int max, int fallback) {
        String value = request.request().getParam(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String v = value.trim();
        if (v.length() > 9 || !v.chars().allMatch(Character::isDigit) || Integer.parseInt(v) < 1
                || Integer.parseInt(v) > max) {
            throw io.tollgate.common.ValidationException.of(name, "must be a whole number from 1 to " + max);
        }
        return Integer.parseInt(v);
    }

    public Future<Void> stop() {
        Future<Void> stopping = (gatewayApi == null ? Future.<Void>succeededFuture() : gatewayApi.stop())
                .eventually(() -> server == null ? Future.succeededFuture() : server.stop());
        return stopping.eventually(() -> {
            meterReplicator.close();
            configChanges.close();
            return Future.succeededFuture();
        });
    }
}
