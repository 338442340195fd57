package io.tollgate.dist;

import io.tollgate.meter.config.MeterConfigSource;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tollgate meter}: the Service Management API alone, for gateways outside Tollgate (APIcast) or to
 * scale metering apart from the control plane. It reads its configuration and keeps its counters in
 * Redis, where {@code tollgate server} (or {@code up}) with the same {@code TOLLGATE_REDIS_URL} publishes
 * the replica. It never touches the system database.
 */
@Command(name = "meter", mixinStandardHelpOptions = true,
        description = {"Run the Service Management API (authorize/authrep/report) until Ctrl-C.",
                "Needs TOLLGATE_REDIS_URL: the replica and the counters are read from Redis."})
public final class MeterCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(MeterCommand.class);

    @Spec
    CommandSpec spec;

    @Mixin
    MeterOptions meterOptions;

    @Option(names = "--bind", defaultValue = "${env:TOLLGATE_BIND_ADDRESS:-0.0.0.0}",
            description = "Address to listen on (env TOLLGATE_BIND_ADDRESS, default 0.0.0.0).")
    String bind;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (!meterOptions.redis()) {
            throw new UserException("tollgate meter needs Redis for its configuration and counters:"
                    + " set TOLLGATE_REDIS_URL (or --redis-url) to the Redis the control plane publishes to");
        }
        Vertx vertx = Vertx.vertx();
        MeterStack stack;
        int port;
        try {
            stack = MeterStack.open(vertx, meterOptions);
            try {
                MeterConfigSource source = stack.follow();
                port = stack.serve(source, bind, meterOptions.meterPort);
            } catch (RuntimeException e) {
                stack.close();
                throw e;
            }
        } catch (RuntimeException e) {
            vertx.close().await();
            throw e;
        }
        AtomicBoolean closed = new AtomicBoolean();
        Runnable close = () -> {
            if (closed.compareAndSet(false, true)) {
                try {
                    stack.close();
                } finally {
                    vertx.close().await();
                }
                LOG.info("Tollgate meter stopped");
            }
        };
        Thread hook = new Thread(close, "tollgate-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        StopSignal stop = StopSignal.install();
        out.println("Tollgate meter is up. Service Management API: http://"
                + ("0.0.0.0".equals(bind) || "::".equals(bind) ? "localhost" : bind) + ":" + port + "  (Ctrl-C to stop)");
        out.flush();
        stop.await();
        close.run();
        Runtime.getRuntime().removeShutdownHook(hook);
        return 0;
    }
}
