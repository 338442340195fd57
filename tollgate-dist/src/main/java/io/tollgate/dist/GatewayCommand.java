package io.tollgate.dist;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.tollgate.client.registration.RegistrationFile;
import io.tollgate.gateway.report.ControlPlaneReporter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tollgate.gateway.loader.Environment;
import io.tollgate.gateway.loader.LoaderSettings;
import io.tollgate.gateway.meter.GatewayMeter;
import io.tollgate.gateway.meter.InProcessMeter;
import io.tollgate.gateway.meter.NoMeter;
import io.tollgate.gateway.server.GatewayOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tollgate gateway}: one environment's gateway on its own. Its configuration comes, by
 * {@code --mode}, from a control plane ({@code TOLLGATE_PORTAL_ENDPOINT}) or a file
 * ({@code TOLLGATE_CONFIG_FILE}), or in local mode from a directory of declarative resources
 * ({@code --config-dir}); it meters in process with the counters and the replica in Redis
 * ({@code TOLLGATE_REDIS_URL}, the Redis the control plane publishes to), or, without Redis, answers
 * metered requests 503.
 */
@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = {"Run a gateway (one environment) until Ctrl-C.",
                "Configuration (--mode=control-plane): TOLLGATE_PORTAL_ENDPOINT=https://TOKEN@admin-host (a tenant's "
                        + "or the master's /master/api/proxy/configs) or TOLLGATE_CONFIG_FILE=services.json.",
                "Local mode (--mode=local --config-dir=DIR): YAML resources (ApiInstance, Service, PolicyBinding, "
                        + "Configuration), watched and reloaded.",
                "Connected mode (--mode=connected): registered with tollgate registration create; configuration, "
                        + "heartbeats and usage over mTLS with the registration's certificate.",
                "Metering: TOLLGATE_REDIS_URL (counters and the meter replica the control plane publishes)."})
public final class GatewayCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayCommand.class);
    /** How long a configuration file gets to load before the command gives up (a file is local). */
    private static final long FILE_LOAD_SECONDS = 30;
    /** Seconds between two reports of a registered gateway to the control plane (default 15). */
    static final String HEARTBEAT_INTERVAL = "TOLLGATE_GATEWAY_HEARTBEAT_INTERVAL";
    /** How often the registration file is looked at for a renewal. */
    private static final Duration REGISTRATION_POLL = Duration.ofSeconds(2);

    @Spec
    CommandSpec spec;

    @Mixin
    MeterOptions meterOptions;

    @Option(names = "--mode", defaultValue = "${env:TOLLGATE_GATEWAY_MODE:-control-plane}",
            description = "control-plane (default: TOLLGATE_PORTAL_ENDPOINT or TOLLGATE_CONFIG_FILE), local (YAML "
                    + "resources in --config-dir) or connected (registered: configuration from the control plane "
                    + "over mTLS, see --registration) (env TOLLGATE_GATEWAY_MODE).")
    String mode;

    @Option(names = "--registration", defaultValue = "${env:TOLLGATE_REGISTRATION_FILE}",
            description = "The gateway's registration.yaml (tollgate registration create): required in connected "
                    + "mode, optional in local mode (heartbeat and usage upload). Default: <home>/conf.d/"
                    + "registration.yaml (env TOLLGATE_REGISTRATION_FILE). A renewed file put there is used "
                    + "without a restart.")
    Path registrationFile;

    @Option(names = "--config-dir", defaultValue = "${env:TOLLGATE_CONFIG_DIR}",
            description = "Local mode: the directory of YAML resources, watched and reloaded (env TOLLGATE_CONFIG_DIR).")
    Path configDir;

    @Option(names = "--environment", defaultValue = "${env:TOLLGATE_DEPLOYMENT_ENV:-production}",
            description = "production or staging (env TOLLGATE_DEPLOYMENT_ENV, default production).")
    String environment;

    @Option(names = "--port", description = "Traffic port (env TOLLGATE_GATEWAY_PORT, default 8080; for staging "
            + "TOLLGATE_STAGING_PORT, default 8090).")
    Integer port;

    @Option(names = "--management-port", defaultValue = "${env:TOLLGATE_MANAGEMENT_PORT:-9090}",
            description = "Management port: /status/live, /status/ready, /status/info, /metrics (env "
                    + "TOLLGATE_MANAGEMENT_PORT, default 9090).")
    int managementPort;

    @Option(names = "--bind", defaultValue = "${env:TOLLGATE_BIND_ADDRESS:-0.0.0.0}",
            description = "Address to listen on (env TOLLGATE_BIND_ADDRESS, default 0.0.0.0).")
    String bind;

    @Option(names = "--home", defaultValue = "${env:TOLLGATE_HOME:-./data}",
            description = "Data directory: the last good configuration is kept in <home>/gateway (env TOLLGATE_HOME).")
    Path home;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        GatewayMode gatewayMode = GatewayMode.parse(mode);
        Environment env = parseEnvironment();
        boolean local = gatewayMode == GatewayMode.LOCAL;
        if (local && port != null) {
            throw new UserException("--port: not used in local mode (each API instance listens on the port of its "
                    + "spec.address)");
        }
        checkPort("--management-port", managementPort);
        GatewayOptions options = GatewayEnvironment.options(System.getenv());
        GatewayRegistration registration = registration(gatewayMode);
        if (registration != null && gatewayMode == GatewayMode.CONNECTED) {
            env = registeredEnvironment(registration, env);
        }
        LoaderSettings loader = loaderSettings(gatewayMode, env, registration);
        int trafficPort = local ? -1 : port != null ? port : defaultPort(env);
        if (!local) {
            checkPort("--port", trafficPort);
        }
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
        MeterStack meterStack = null;
        GatewayStack gateway = null;
        ControlPlaneReporter reporter = null;
        try {
            PrometheusMeterRegistry registry;
            GatewayMeter meter;
            if (meterOptions.redis()) {
                meterStack = MeterStack.open(vertx, meterOptions);
                meter = new InProcessMeter(meterStack.engine(meterStack.follow()), Clock.systemUTC());
                registry = meterStack.registry();
            } else {
                LOG.warn(local ? "No meter: TOLLGATE_REDIS_URL is not set, so API instances with client-id-enforcement"
                        + " answer 503; the others are not metered and work" : "No meter: TOLLGATE_REDIS_URL is not set,"
                        + " so products with the apicast policy answer 503; point it at the Redis the control plane"
                        + " publishes to");
                meter = NoMeter.INSTANCE;
                registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            }
            gateway = GatewayStack.start(vertx, meter, options, List.of(new GatewayStack.Listener(loader, trafficPort)),
                    bind, managementPort, registry);
            if (local) {
                awaitLocal(gateway, loader);
            } else if (loader.configFile() != null) {
                awaitFile(gateway, loader);
            }
            if (registration != null) {
                reporter = new ControlPlaneReporter(vertx, registration.identity(),
                        registration.registration().gatewayApiUrl(), heartbeatInterval(), Version.current(),
                        gateway.holders(), gateway.metrics(), Clock.systemUTC(), local).start();
                registration.watch(vertx, REGISTRATION_POLL);
            }
        } catch (RuntimeException e) {
            closeAll(reporter, registration, gateway, meterStack, vertx);
            throw e;
        }
        GatewayStack started = gateway;
        MeterStack meters = meterStack;
        ControlPlaneReporter reports = reporter;
        AtomicBoolean closed = new AtomicBoolean();
        Runnable close = () -> {
            if (closed.compareAndSet(false, true)) {
                closeAll(reports, registration, started, meters, vertx);
                LOG.info("Tollgate gateway stopped");
            }
        };
        Thread hook = new Thread(close, "tollgate-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        StopSignal stop = StopSignal.install();
        String host = "0.0.0.0".equals(bind) || "::".equals(bind) ? "localhost" : bind;
        String management = "  Management: http://" + host + ":" + started.managementPort() + "/status/ready  (Ctrl-C"
                + " to stop)";
        if (local) {
            out.println("Tollgate gateway (" + env + ", local mode, " + loader.configDir() + ") is up: "
                    + apiInstances(started, env) + management);
        } else if (gatewayMode == GatewayMode.CONNECTED) {
            String unusable = registration.identity().unusable(java.time.Instant.now());
            out.println("Tollgate gateway " + registration.registration().name() + " (" + env + ", connected to "
                    + registration.registration().gatewayApiUrl() + ") is up: http://" + host + ":"
                    + started.started().get(0).port() + " and the ports of its API instances;" + management);
            if (unusable != null) {
                out.println("tollgate: " + unusable + "; until then it loads no configuration and serves nothing");
                LOG.error("gateway {} serves nothing: {}", registration.registration().name(), unusable);
            }
        } else {
            out.println("Tollgate gateway (" + env + ") is up: http://" + host + ":" + started.started().get(0).port()
                    + management);
        }
        out.flush();
        stop.await();
        close.run();
        Runtime.getRuntime().removeShutdownHook(hook);
        return 0;
    }

    private Environment parseEnvironment() {
        try {
            return Environment.of(environment);
        } catch (IllegalArgumentException e) {
            throw new UserException("--environment: " + e.getMessage().replace("environment: ", ""));
        }
    }

    private static int defaultPort(Environment env) {
        String name = env == Environment.STAGING ? "TOLLGATE_STAGING_PORT" : "TOLLGATE_GATEWAY_PORT";
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            return env == Environment.STAGING ? 8090 : 8080;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new UserException(name + ": \"" + value + "\" (expected: a port number 0..65535)");
        }
    }

    private static void checkPort(String name, int port) {
        if (port < 0 || port > 65535) {
            throw new UserException(name + ": " + port + " (expected: 0..65535)");
        }
    }

    /**
     * The registration: required in connected mode; in local mode the one named by --registration, or
     * the one at the runtime location when there is one there (heartbeats and usage upload only).
     */
    private GatewayRegistration registration(GatewayMode gatewayMode) {
        Path defaultFile = home.resolve(RegistrationFile.RUNTIME_DIRECTORY).resolve(RegistrationFile.NAME);
        Path file = registrationFile != null ? registrationFile : defaultFile;
        return switch (gatewayMode) {
            case CONTROL_PLANE -> {
                if (registrationFile != null) {
                    throw new UserException("--registration: only for --mode=connected or --mode=local");
                }
                yield null;
            }
            case LOCAL -> {
                if (registrationFile == null && !java.nio.file.Files.exists(defaultFile)) {
                    LOG.info("local mode without a registration ({} does not exist): no heartbeats, no usage upload",
                            defaultFile);
                    yield null;
                }
                yield GatewayRegistration.read(file, "--registration");
            }
            case CONNECTED -> {
                GatewayRegistration registration = GatewayRegistration.read(file, "--registration");
                if (!registration.registration().connected()) {
                    throw new UserException("--registration: " + file + " registers " + registration.registration()
                            .name() + " for local mode (--connected=false); run it with --mode=local, or register a "
                            + "connected gateway");
                }
                yield registration;
            }
        };
    }

    /** A connected gateway serves the environment it is registered for; --environment may only agree. */
    private Environment registeredEnvironment(GatewayRegistration registration, Environment asked) {
        Environment registered;
        try {
            registered = Environment.of(registration.registration().environment());
        } catch (IllegalArgumentException e) {
            throw new UserException("--registration: " + registration.file() + ": " + e.getMessage(), e);
        }
        boolean explicit = spec.commandLine().getParseResult().hasMatchedOption("--environment")
                || (System.getenv("TOLLGATE_DEPLOYMENT_ENV") != null && !System.getenv("TOLLGATE_DEPLOYMENT_ENV")
                        .isBlank());
        if (explicit && asked != registered) {
            throw new UserException("--environment: " + asked + " (expected: " + registered + ", the environment "
                    + registration.registration().name() + " is registered for)");
        }
        return registered;
    }

    private static Duration heartbeatInterval() {
        String value = System.getenv(HEARTBEAT_INTERVAL);
        if (value == null || value.isBlank()) {
            return Duration.ofSeconds(15);
        }
        try {
            long seconds = Long.parseLong(value.trim());
            if (seconds > 0 && seconds <= 3600) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new UserException(HEARTBEAT_INTERVAL + ": \"" + value + "\" (expected: seconds, 1..3600)");
    }

    private LoaderSettings loaderSettings(GatewayMode gatewayMode, Environment env, GatewayRegistration registration) {
        return switch (gatewayMode) {
            case CONTROL_PLANE -> {
                if (configDir != null) {
                    throw new UserException("--config-dir: only for --mode=local");
                }
                yield controlPlaneSettings(env);
            }
            case LOCAL -> localSettings(env);
            case CONNECTED -> {
                if (configDir != null) {
                    throw new UserException("--config-dir: only for --mode=local");
                }
                yield connectedSettings(env, registration);
            }
        };
    }

    private LoaderSettings connectedSettings(Environment env, GatewayRegistration registration) {
        for (String ignored : List.of(LoaderSettings.CONFIG_FILE, LoaderSettings.PORTAL_ENDPOINT,
                LoaderSettings.CA_BUNDLE, LoaderSettings.INSECURE)) {
            String value = System.getenv(ignored);
            if (value != null && !value.isBlank()) {
                LOG.info("connected mode ignores {} (configuration comes from {} with the registration's certificate"
                        + " and CA)", ignored, registration.registration().gatewayApiUrl());
            }
        }
        Map<String, String> variables = new HashMap<>(System.getenv());
        variables.put(LoaderSettings.HOME, home.toString());
        try {
            return LoaderSettings.connected(variables, env, registration.registration().gatewayApiUrl(),
                    registration.identity());
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage(), e);
        }
    }

    private LoaderSettings localSettings(Environment env) {
        if (configDir == null) {
            throw new UserException("--config-dir: missing (expected: the directory of the YAML resources local mode "
                    + "serves)");
        }
        if (!java.nio.file.Files.isDirectory(configDir)) {
            throw new UserException("--config-dir: " + configDir + " (expected: a directory)");
        }
        for (String ignored : List.of(LoaderSettings.CONFIG_FILE, LoaderSettings.PORTAL_ENDPOINT)) {
            String value = System.getenv(ignored);
            if (value != null && !value.isBlank()) {
                LOG.info("local mode ignores {} (the configuration is {})", ignored, configDir);
            }
        }
        return LoaderSettings.builder(env).configDir(configDir.toAbsolutePath().normalize()).home(home)
                .variables(System::getenv).build();
    }

    /** {@code http://0.0.0.0:8081 (my-api), …} — what the local gateway serves. */
    private static String apiInstances(GatewayStack gateway, Environment env) {
        var listeners = gateway.productListeners().get(env.pathName()).status();
        if (listeners.isEmpty()) {
            return "no API instances yet;";
        }
        StringBuilder b = new StringBuilder();
        for (var l : listeners) {
            b.append(b.isEmpty() ? "" : ", ").append(l.url()).append(" (").append(l.product())
                    .append(l.error() == null ? "" : ": " + l.error()).append(')');
        }
        return b.toString();
    }

    /**
     * The directory is the user's own: if it does not load, say so and stop; once it has, wait for the
     * API instances' ports (a port that cannot be bound is logged, and the others serve).
     */
    private static void awaitLocal(GatewayStack gateway, LoaderSettings loader) {
        try {
            gateway.firstLoads().get(0).toCompletionStage().toCompletableFuture().get(FILE_LOAD_SECONDS,
                    TimeUnit.SECONDS);
            for (var l : gateway.productListeners().values()) {
                l.settled().toCompletionStage().toCompletableFuture().get(FILE_LOAD_SECONDS, TimeUnit.SECONDS);
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new UserException("--config-dir: " + Platform.rootMessage(e), e);
        } catch (Exception e) {
            throw new UserException("--config-dir: " + loader.configDir() + " did not load: " + e, e);
        }
    }

    private LoaderSettings controlPlaneSettings(Environment env) {
        Map<String, String> variables = new HashMap<>(System.getenv());
        variables.put(LoaderSettings.HOME, home.toString());
        LoaderSettings settings;
        try {
            settings = LoaderSettings.fromEnvironment(variables, env);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage(), e);
        }
        return settings;
    }

    /** A configuration file is the user's own: if it does not load, say so and stop. */
    private static void awaitFile(GatewayStack gateway, LoaderSettings loader) {
        try {
            gateway.firstLoads().get(0).toCompletionStage().toCompletableFuture().get(FILE_LOAD_SECONDS,
                    TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new UserException("TOLLGATE_CONFIG_FILE: " + Platform.rootMessage(e), e);
        } catch (Exception e) {
            throw new UserException("TOLLGATE_CONFIG_FILE: " + loader.configFile() + " did not load: " + e, e);
        }
    }

    private static void closeAll(ControlPlaneReporter reporter, GatewayRegistration registration,
            GatewayStack gateway, MeterStack meterStack, Vertx vertx) {
        if (registration != null) {
            registration.close();
        }
        try {
            if (gateway != null) {
                gateway.close();
            }
        } finally {
            // After the listeners: the last report counts every request they answered.
            if (reporter != null) {
                reporter.close();
            }
            closeAll(null, meterStack, vertx);
        }
    }

    private static void closeAll(GatewayStack gateway, MeterStack meterStack, Vertx vertx) {
        try {
            if (gateway != null) {
                gateway.close();
            }
        } finally {
            try {
                if (meterStack != null) {
                    meterStack.close();
                }
            } finally {
                vertx.close().await();
            }
        }
    }
}
