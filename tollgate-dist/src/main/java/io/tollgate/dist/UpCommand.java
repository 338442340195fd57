package io.tollgate.dist;

import io.tollgate.server.Bootstrap;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code tollgate up}: the whole platform in one process on embedded defaults (H2 under the home,
 * in-memory counters). Runs until interrupted; Ctrl-C or SIGTERM shuts it down cleanly.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Run the all-in-one platform (admin API on port 3000, Service Management API on 3001)"
                + " until Ctrl-C.",
                "",
                "The first start creates the master account and a default tenant. Preset their credentials with",
                "TOLLGATE_MASTER_ACCESS_TOKEN, TOLLGATE_ADMIN_ACCESS_TOKEN, TOLLGATE_ADMIN_USERNAME (default admin),",
                "TOLLGATE_ADMIN_PASSWORD and TOLLGATE_ADMIN_EMAIL; what is not preset is generated, printed once",
                "and saved to <home>/credentials.env (mode 0600).",
                ""})
public class UpCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PlatformOptions options;

    @Mixin
    MeterOptions meterOptions;

    /** The role name used in the start banner. */
    String role() {
        return "Tollgate";
    }

    /** Whether this process serves the Service Management API. */
    boolean servesMeter() {
        return true;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Bootstrap.Settings bootstrap = new Bootstrap.Settings(
                System.getenv("TOLLGATE_MASTER_ACCESS_TOKEN"),
                System.getenv("TOLLGATE_ADMIN_ACCESS_TOKEN"),
                System.getenv("TOLLGATE_ADMIN_USERNAME"),
                System.getenv("TOLLGATE_ADMIN_PASSWORD"),
                System.getenv("TOLLGATE_ADMIN_EMAIL"),
                null);
        Platform platform = Platform.start(options, meterOptions, servesMeter(), bootstrap, out);
        // Any other way out of the JVM (System.exit elsewhere, SIGHUP) still stops cleanly.
        AtomicBoolean closed = new AtomicBoolean();
        Runnable close = () -> {
            if (closed.compareAndSet(false, true)) {
                platform.close();
            }
        };
        Thread hook = new Thread(close, "tollgate-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        StopSignal stop = StopSignal.install();
        StringBuilder gateways = new StringBuilder();
        for (GatewayStack.Started g : platform.gateways()) {
            gateways.append("  Gateway (").append(g.environment()).append("): http://").append(displayHost()).append(':')
                    .append(g.port());
        }
        if (platform.managementPort() >= 0) {
            gateways.append("  Management: http://").append(displayHost()).append(':').append(platform.managementPort());
        }
        out.println(role() + " is up. Admin API: http://" + displayHost() + ":" + platform.adminPort()
                + (platform.meterPort() < 0 ? "" : "  Service Management API: http://" + displayHost() + ":"
                        + platform.meterPort())
                + gateways
                + "  Gateway API (mTLS): https://" + displayHost() + ":" + platform.gatewayApiPort()
                + "  Data: " + options.home.toAbsolutePath().normalize() + "  (Ctrl-C to stop)");
        out.flush();
        stop.await();
        close.run();
        Runtime.getRuntime().removeShutdownHook(hook);
        return 0;
    }

    private String displayHost() {
        return "0.0.0.0".equals(options.bind) || "::".equals(options.bind) ? "localhost" : options.bind;
    }
}
