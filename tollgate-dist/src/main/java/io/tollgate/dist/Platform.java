package io.tollgate.dist;

import io.tollgate.common.ValidationException;
import io.tollgate.server.Bootstrap;
import io.tollgate.server.ControlPlane;
import io.tollgate.server.http.AdminApiServer;
import io.tollgate.store.Database;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
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
     * and with {@code serveMeter} the Service Management API over the in-process replica.
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
        Vertx vertx = Vertx.vertx();
        MeterStack meter = null;
        try {
            meter = MeterStack.open(vertx, meterOptions);
            ControlPlane controlPlane = new ControlPlane(database, Clock.systemUTC(), options.endpoints(),
                    options.userSessionTtl(), meter.sink(serveMeter), meter.stats());
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
            return new Platform(vertx, database, controlPlane, meter, port, meterPort);
        } catch (RuntimeException e) {
            if (meter != null) {
                meter.close();
            }
            vertx.close().await();
            database.close();
            throw e;
        }
    }

    int adminPort() {
        return adminPort;
    }

    /** The Service Management API's port, or -1 when this process does not serve it. */
    int meterPort() {
        return meterPort;
    }

    @Override
    public void close() {
        try {
            try {
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
            if (rootCause(e) instanceof BindException) {
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
