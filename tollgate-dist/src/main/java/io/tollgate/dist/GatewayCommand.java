package io.tollgate.dist;

import io.micrometer.prometheusmetrics.PrometheusConfig;
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
                "Metering: TOLLGATE_REDIS_URL (counters and the meter replica the control plane publishes)."})
public final class GatewayCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayCommand.class);
    /** How long a configuration file gets to load before the command gives up (a file is local). */
    private static final long FILE_LOAD_SECONDS = 30;

    @Spec
    CommandSpec spec;

    @Mixin
    MeterOptions meterOptions;

    @Option(names = "--mode", defaultValue = "${env:TOLLGATE_GATEWAY_MODE:-control-plane}",
            description = "control-plane (default: TOLLGATE_PORTAL_ENDPOINT or TOLLGATE_CONFIG_FILE), local (YAML "
                    + "resources in --config-dir) or connected (not available yet) (env TOLLGATE_GATEWAY_MODE).")
    String mode;

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
        int trafficPort = local ? -1 : port != null ? port : defaultPort(env);
        if (local && port != null) {
            throw new UserException("--port: not used in local mode (each API instance listens on the port of its "
                    + "spec.address)");
        }
        checkPort("--management-port", managementPort);
        GatewayOptions options = GatewayEnvironment.options(System.getenv());
        LoaderSettings loader = loaderSettings(gatewayMode, env);
        if (!local) {
            checkPort("--port", trafficPort);
        }
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
        MeterStack meterStack = null;
        GatewayStack gateway = null;
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
        } catch (RuntimeException e) {
            closeAll(gateway, meterStack, vertx);
            throw e;
        }
        GatewayStack started = gateway;
        MeterStack meters = meterStack;
        AtomicBoolean closed = new AtomicBoolean();
        Runnable close = () -> {
            if (closed.compareAndSet(false, true)) {
                closeAll(started, meters, vertx);
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

    private LoaderSettings loaderSettings(GatewayMode gatewayMode, Environment env) {
        return switch (gatewayMode) {
            case CONTROL_PLANE -> {
                if (configDir != null) {
                    throw new UserException("--config-dir: only for --mode=local");
                }
                yield controlPlaneSettings(env);
            }
            case LOCAL -> localSettings(env);
            case CONNECTED -> throw new UserException("--mode=connected: not available yet (use --mode=control-plane "
                    + "with TOLLGATE_PORTAL_ENDPOINT, or --mode=local with --config-dir)");
        };
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
