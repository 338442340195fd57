package io.tollgate.gateway.loader;

import static java.util.Objects.requireNonNull;

import io.tollgate.gateway.image.HostLoader;
import io.tollgate.gateway.image.ImageBuilder;
import io.tollgate.gateway.image.ImageHolder;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the configuration loader of one environment, as its settings say: local mode's directory of
 * resources when there is one, the local file when {@code TOLLGATE_CONFIG_FILE} is set, else the server
 * with the {@code boot} or {@code lazy} loader.
 * The launcher passes {@link ConfigSource#hostLoader()} to the environment's listener, waits for
 * {@link ConfigSource#firstLoad()} as it sees fit, and closes the source at shutdown.
 *
 * <pre>{@code
 * LoaderSettings settings = LoaderSettings.fromEnvironment(System.getenv(), Environment.PRODUCTION);
 * ConfigSource source = ConfigLoaders.start(vertx, settings, images, builder);
 * GatewayServer server = new GatewayServer(vertx, images, options, metrics, source.hostLoader().orElse(null));
 * source.firstLoad().await();
 * }</pre>
 *
 * <p>Threads: the loader's state lives on one Vert.x context; parsing, compiling and file I/O run on
 * the worker pool {@code tollgate-config-loader-<env>} (one thread, so images are built one at a time).
 */
public final class ConfigLoaders {
    /** The worker pool of an environment's loader is this prefix and the environment. */
    public static final String WORKER_POOL = "tollgate-config-loader-";
    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoaders.class);

    private ConfigLoaders() {
    }

    /**
     * @param images the environment's image holder (its environment name should be the settings')
     * @param builder compiles the products (policy registry and context)
     */
    public static ConfigSource start(Vertx vertx, LoaderSettings settings, ImageHolder images,
            ImageBuilder builder) {
        requireNonNull(vertx, "vertx");
        requireNonNull(settings, "settings");
        String environment = settings.environment().pathName();
        WorkerExecutor worker = vertx.createSharedWorkerExecutor(WORKER_POOL + environment, 1);
        Context context = vertx.getOrCreateContext();
        ImageUpdates updates = new ImageUpdates(requireNonNull(images, "images"), requireNonNull(builder, "builder"),
                worker, settings.clock());
        LOG.info("{} configuration from {}", environment, settings.describe());
        ConfigSource source;
        if (settings.configDir() != null) {
            io.tollgate.gateway.local.LocalTranslator translator = new io.tollgate.gateway.local.LocalTranslator(
                    settings.variables(), builder::check);
            source = new LocalDirLoader(context, settings, updates, worker, translator).start();
        } else if (settings.configFile() != null) {
            if (settings.portal() != null) {
                LOG.info("{} ignores {} ({} takes precedence)", environment, LoaderSettings.PORTAL_ENDPOINT,
                        LoaderSettings.CONFIG_FILE);
            }
            source = new FileLoader(context, settings, updates, worker).start();
        } else {
            PortalEndpoint portal = settings.portal();
            if (!portal.tls() && !java.util.Set.of("127.0.0.1", "localhost", "[::1]", "::1").contains(portal.host())) {
                LOG.warn("{} sends its access token to {} without TLS; use https:// outside a trusted network",
                        environment, portal);
            }
            PortalClient client = new PortalClient(vertx, settings, worker);
            source = settings.loader() == LoaderSettings.Loader.LAZY
                    ? new LazyLoader(context, settings, client, updates).start()
                    : new BootLoader(context, settings, client, updates, worker).start();
        }
        return new Closing(source, worker);
    }

    /** Closes the worker pool after the loader. */
    private record Closing(ConfigSource source, WorkerExecutor worker) implements ConfigSource {
        @Override
        public Future<Void> firstLoad() {
            return source.firstLoad();
        }

        @Override
        public Optional<HostLoader> hostLoader() {
            return source.hostLoader();
        }

        @Override
        public Future<Void> close() {
            return source.close().eventually(worker::close);
        }
    }
}
