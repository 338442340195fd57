package io.tollgate.dist;

import io.tollgate.common.ValidationException;
import io.tollgate.server.Bootstrap;
import io.tollgate.server.ControlPlane;
import io.tollgate.server.http.AdminApiServer;
import io.tollgate.store.Database;
import io.tollgate.gateway.loader.Environment;
import io.tollgate.gateway.loader.LoaderSettings;
import io.tollgate.gateway.meter.GatewayMeter;
import io.tollgate.gateway.meter.InProcessMeter;
import io.tollgate.gateway.server.GatewayOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processes of one Tollgate node in one JVM: the control plane (database + admin API) and, for
 * {@code up}, the meter (Service Management API); the gateways join it in later versions.
 * {@link #close()} stops them in reverse order.
 */
final class Platform implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Platform.class);
    static final String CREDENTIALS_FILE = "credentials.env";

    private final Vertx vertx;
    private final Database database;
    private final ControlPlane controlPlane;
    private final MeterStack meter;
    private final int adminPort;
    private final int meterPort;
    private GatewayStack gateways;
    private int gatewayApiPort = -1;

    private Platform(Vertx vertx, Database database, ControlPlane controlPlane, MeterStack meter, int adminPort,
            int meterPort) {
        this.vertx = vertx;
        this.database = database;
        this.controlPlane = controlPlane;
        this.meter = meter;
        this.adminPort = adminPort;
        this.meterPort = meterPort;
    }

    /**
     * Opens the database, runs the first-start bootstrap if needed and starts listening: the admin API,
     * and with {@code serveMeter} the Service Management API over the in-process replica and the
     * production and staging gateways, which serve every tenant's products.
     */
    static Platform start(PlatformOptions options, MeterOptions meterOptions, boolean serveMeter,
            Bootstrap.Settings bootstrap, PrintWriter out) {
        options.validate();
        meterOptions.validate();
        Path home = prepareHome(options.home);
        Database database;
        try {
            database = Database.open(options.database());
        } catch (RuntimeException e) {
            throw new UserException("cannot open the system database " + options.database() + ": " + rootMessage(e), e);
        }
        GatewayOptions gatewayOptions = serveMeter ? GatewayEnvironment.options(System.getenv()) : null;
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
        MeterStack meter = null;
        Platform platform = null;
        try {
            meter = MeterStack.open(vertx, meterOptions);
            ControlPlane controlPlane = new ControlPlane(database, Clock.systemUTC(), options.endpoints(),
                    options.userSessionTtl(), meter.sink(serveMeter), meter.stats(), options.gatewaySettings());
            loadCertificateAuthority(controlPlane);
            Optional<Bootstrap.Result> first;
            try {
                first = controlPlane.bootstrap().runIfFirstStart(bootstrap);
            } catch (ValidationException e) {
                throw new UserException("first start: " + e.getMessage()
                        + " (check TOLLGATE_ADMIN_USERNAME, TOLLGATE_ADMIN_EMAIL and TOLLGATE_ADMIN_PASSWORD)", e);
            }
            first.ifPresent(result -> announceFirstStart(result, home, out));
            int port = listen(controlPlane, vertx, options);
            int meterPort = serveMeter ? meter.serve(meter.local(), options.bind, meterOptions.meterPort) : -1;
            platform = new Platform(vertx, database, controlPlane, meter, port, meterPort);
            if (serveMeter) {
                platform.gateways = startGateways(vertx, controlPlane, meter, gatewayOptions, options, port);
            }
            platform.gatewayApiPort = listenGatewayApi(controlPlane, vertx, options);
            return platform;
        } catch (RuntimeException e) {
            if (platform != null) {
                platform.close();
                throw e;
            }
            if (meter != null) {
                meter.close();
            }
            vertx.close().await();
            database.close();
            throw e;
        }
    }

    /**
     * The gateways of {@code up}: production on the gateway port, staging on the staging port, both
     * loading every tenant's configurations from this process's admin API (the master's listing, with
     * the process-internal read token, over loopback) and metering through the in-process meter that
     * the Service Management API uses too (one set of counters).
     */
    private static GatewayStack startGateways(Vertx vertx, ControlPlane controlPlane, MeterStack meter,
            GatewayOptions gatewayOptions, PlatformOptions options, int adminPort) {
        String loopback = options.bind.contains(":") && !options.bind.equals("0.0.0.0") ? "[::1]" : "127.0.0.1";
        Map<String, String> variables = new HashMap<>(System.getenv());
        // up's gateways serve the control plane's products: neither a file nor another endpoint.
        variables.remove(LoaderSettings.CONFIG_FILE);
        variables.put(LoaderSettings.PORTAL_ENDPOINT, "http://" + controlPlane.internalToken() + "@" + loopback + ":"
                + adminPort + "/master/api/proxy/configs");
        variables.put(LoaderSettings.HOME, options.home.toString());
        List<GatewayStack.Listener> listeners;
        try {
            listeners = List.of(
                    new GatewayStack.Listener(LoaderSettings.fromEnvironment(variables, Environment.PRODUCTION),
                            options.gatewayPort),
                    new GatewayStack.Listener(LoaderSettings.fromEnvironment(variables, Environment.STAGING),
                            options.stagingPort));
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage(), e);
        }
        GatewayMeter gatewayMeter = new InProcessMeter(meter.engine(meter.local()), Clock.systemUTC());
        return GatewayStack.start(vertx, gatewayMeter, gatewayOptions, listeners, options.bind, options.managementPort,
                meter.registry());
    }

    int adminPort() {
        return adminPort;
    }

    /** The gateway API's (mTLS) port. */
    int gatewayApiPort() {
        return gatewayApiPort;
    }

    /** The gateway CA, loaded (or created) before anything listens: a key it cannot decrypt stops the start. */
    private static void loadCertificateAuthority(ControlPlane controlPlane) {
        try {
            controlPlane.gatewayFleet().certificateAuthority();
        } catch (IllegalStateException e) {
            throw new UserException(e.getMessage(), e);
        }
    }

    private static int listenGatewayApi(ControlPlane controlPlane, Vertx vertx, PlatformOptions options) {
        try {
            return controlPlane.startGatewayApi(vertx, options.bind, options.gatewayApiPort).await();
        } catch (Exception e) { // await() rethrows the checked BindException as it is
            if (isAddressInUse(e)) {
                throw new UserException("cannot listen on " + options.bind + ":" + options.gatewayApiPort
                        + " for the gateway API: " + rootMessage(e) + " (set --gateway-api-port or"
                        + " TOLLGATE_GATEWAY_API_PORT)", e);
            }
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
    }

    /** What the gateways listen on (empty for the control plane alone). */
    List<GatewayStack.Started> gateways() {
        return gateways == null ? List.of() : gateways.started();
    }

    /** The gateway management port, or -1. */
    int managementPort() {
        return gateways == null ? -1 : gateways.managementPort();
    }

    /** The Service Management API's port, or -1 when this process does not serve it. */
    int meterPort() {
        return meterPort;
    }

    @Override
    public void close() {
        try {
            try {
                if (gateways != null) {
                    gateways.close();
                }
                meter.close();
            } finally {
                controlPlane.stop().await();
            }
        } finally {
            vertx.close().await();
            database.close();
        }
        LOG.info("Tollgate stopped");
    }

    private static int listen(ControlPlane controlPlane, Vertx vertx, PlatformOptions options) {
        try {
            return controlPlane.start(vertx, new AdminApiServer.Options(options.bind, options.adminPort,
                    AdminApiServer.Options.DEFAULT_MAX_BODY_BYTES, 16)).await();
        } catch (Exception e) { // await() rethrows the checked BindException as it is
            if (isAddressInUse(e)) {
                throw new UserException("cannot listen on " + options.bind + ":" + options.adminPort + " for the admin API: "
                        + rootMessage(e) + " (set --admin-port or TOLLGATE_ADMIN_PORT)", e);
            }
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
    }

    private static Path prepareHome(Path home) {
        try {
            if (!Files.isDirectory(home)) {
                // The home holds the database and credentials: owner-only from the start.
                Files.createDirectories(home, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            }
            return home;
        } catch (IOException e) {
            throw new UserException("cannot create the home directory " + home + ": " + e.getMessage(), e);
        }
    }

    /** Prints the generated secrets once and keeps them in a 0600 file under the home. */
    private static void announceFirstStart(Bootstrap.Result result, Path home, PrintWriter out) {
        if (result.generatedSecrets().isEmpty()) {
            out.println("First start: master account and default tenant created with the preset credentials.");
            out.flush();
            return;
        }
        Path file = home.resolve(CREDENTIALS_FILE);
        StringBuilder content = new StringBuilder("# Generated by Tollgate on first start. Keep this file private.\n");
        result.generatedSecrets().forEach((name, value) -> content.append(name).append('=').append(value).append('\n'));
        SecretFiles.writePrivate(file, content.toString());
        out.println("First start: master account and default tenant created. Generated credentials"
                + " (shown only now; also saved to " + file + ", mode 0600):");
        result.generatedSecrets().forEach((name, value) -> out.println("  " + name + "=" + value));
        out.flush();
    }

    /**
     * Whether binding failed because the port is taken: a {@link BindException} with NIO, a native
     * "Address already in use" with epoll.
     */
    static boolean isAddressInUse(Throwable e) {
        Throwable root = rootCause(e);
        return root instanceof BindException
                || (root.getMessage() != null && root.getMessage().contains("Address already in use"));
    }

    static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    static String rootMessage(Throwable e) {
        Throwable root = rootCause(e);
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** Kept for tests: whether a file has owner-only permissions. */
    static boolean isPrivate(Path file) throws IOException {
        return Files.getPosixFilePermissions(file).equals(PosixFilePermissions.fromString("rw-------"));
    }
}
