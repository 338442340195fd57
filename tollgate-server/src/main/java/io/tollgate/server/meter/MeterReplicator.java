package io.tollgate.server.meter;

import static java.util.Objects.requireNonNull;

import io.tollgate.meter.config.MeterConfigSink;
import io.tollgate.meter.config.MeterSnapshot;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the meter's configuration in step with the system database: after a change, a fresh
 * {@link MeterSnapshot} is built and published to the {@link MeterConfigSink}.
 *
 * <p>Changes are coalesced on one worker thread ({@value #THREAD}): a change schedules a rebuild
 * {@link #DEBOUNCE} later unless one is already waiting, so a burst of writes costs one rebuild, at
 * most one rebuild runs at a time, and a change that arrives while one runs gets another after it
 * (the waiting flag is cleared before the database is read). A failed publication is logged and
 * retried on the next change or after {@link #RETRY}, whichever comes first.
 */
public final class MeterReplicator implements AutoCloseable {
    /** The worker thread's name. */
    public static final String THREAD = "tollgate-meter-replicator";
    /** How long a change waits for others to join it before the rebuild. */
    public static final Duration DEBOUNCE = Duration.ofMillis(50);
    /** When a failed publication is tried again if nothing changes meanwhile. */
    public static final Duration RETRY = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(MeterReplicator.class);

    /**
     * What one publication contained.
     *
     * @param version the snapshot's version
     */
    public record Published(long version, int tenants, int services, int plans, int applications) {
        static Published of(MeterSnapshot snapshot) {
            return new Published(snapshot.version(), snapshot.tenants().size(), snapshot.services().size(),
                    snapshot.plans().size(), snapshot.apps().size());
        }
    }

    private final MeterSnapshots snapshots;
    private final MeterConfigSink sink;
    private final ScheduledExecutorService worker;
    private final Object publishing = new Object();
    private final AtomicBoolean queued = new AtomicBoolean();
    private final AtomicBoolean retryScheduled = new AtomicBoolean();
    private volatile boolean failing;

    public MeterReplicator(MeterSnapshots snapshots, MeterConfigSink sink) {
        this.snapshots = requireNonNull(snapshots, "snapshots");
        this.sink = requireNonNull(sink, "sink");
        this.worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, THREAD);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Builds and publishes a snapshot now, on the calling thread (blocking: database and sink).
     * Publications are serialised, so versions reach the sink in increasing order.
     *
     * @throws RuntimeException when the database cannot be read or the sink refuses the snapshot
     */
    public Published publishNow() {
        synchronized (publishing) {
            MeterSnapshot snapshot = snapshots.build();
            sink.publish(snapshot);
            failing = false;
            Published published = Published.of(snapshot);
            LOG.debug("Published meter configuration {}", published);
            return published;
        }
    }

    /** Something the meter depends on may have changed: publish a new snapshot soon. Never blocks. */
    public void changed() {
        if (queued.compareAndSet(false, true)) {
            try {
                worker.schedule(this::rebuild, DEBOUNCE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closed) {
                queued.set(false);
            }
        }
    }

    /** Whether the last publication failed (and a retry is pending). */
    public boolean failing() {
        return failing;
    }

    private void rebuild() {
        queued.set(false);
        try {
            publishNow();
        } catch (RuntimeException e) {
            failing = true;
            // The message only: the snapshot holds credentials and is never logged.
            LOG.warn("Could not publish the meter configuration ({}: {}); retrying on the next change or in {} s",
                    e.getClass().getSimpleName(), e.getMessage(), RETRY.toSeconds());
            LOG.debug("Meter configuration publication failure", e);
            scheduleRetry();
        }
    }

    private void scheduleRetry() {
        if (retryScheduled.compareAndSet(false, true)) {
            try {
                worker.schedule(() -> {
                    retryScheduled.set(false);
                    if (failing) {
                        changed();
                    }
                }, RETRY.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closed) {
                retryScheduled.set(false);
            }
        }
    }

    /** Stops the worker; a rebuild in progress is interrupted, pending ones are dropped. */
    @Override
    public void close() {
        worker.shutdownNow();
    }
}
