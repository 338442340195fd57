package io.tollgate.dist;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Waits for Ctrl-C (SIGINT) or SIGTERM. Handling the signals ourselves, instead of relying on a
 * JVM shutdown hook, lets the main thread stop everything in order and exit with status 0 — a
 * clean stop is not a failure for a supervisor (a JVM killed through its hooks exits with 130/143).
 */
final class StopSignal {
    private static final Logger LOG = LoggerFactory.getLogger(StopSignal.class);

    private final CountDownLatch received = new CountDownLatch(1);

    /** Installs the handlers; call before the service starts accepting work. */
    static StopSignal install() {
        StopSignal stop = new StopSignal();
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    LOG.info("Received SIG{}, stopping", signal.getName());
                    stop.received.countDown();
                });
            } catch (IllegalArgumentException unsupported) {
                // Not every platform lets us handle every signal; the JVM's default stays in place.
                LOG.debug("Cannot handle SIG{} here", name);
            }
        }
        return stop;
    }

    void await() throws InterruptedException {
        received.await();
    }
}
