package io.tollgate.gateway.image;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current image of one environment. The request path reads it with one volatile read; loaders
 * {@link #publish} a new one, which takes effect for the next request. Products the new image dropped
 * are closed after a grace period, when the requests that were using them are done.
 */
public final class ImageHolder {
    private static final Logger LOG = LoggerFactory.getLogger(ImageHolder.class);
    /** Longer than any request is allowed to take upstream (read timeout 60 s by default). */
    static final Duration RETIRE_AFTER = Duration.ofSeconds(120);

    private final String environment;
    private final AtomicReference<GatewayImage> current = new AtomicReference<>(GatewayImage.empty());
    private final List<Consumer<GatewayImage>> listeners = new CopyOnWriteArrayList<>();
    private final Vertx vertx;

    /**
     * @param environment "production" or "staging", for logs
     * @param vertx schedules the closing of retired products (null: close them at once, tests)
     */
    public ImageHolder(String environment, Vertx vertx) {
        this.environment = requireNonNull(environment, "environment");
        this.vertx = vertx;
    }

    public String environment() {
        return environment;
    }

    /** The image the next request sees. */
    public GatewayImage current() {
        return current.get();
    }

    /** Swaps in {@code result}'s image, logs what was rejected, and retires the dropped products. */
    public void publish(ImageBuilder.Result result) {
        current.set(result.image());
        for (String message : result.rejected()) {
            LOG.error("{} configuration rejected: {}", environment, message);
        }
        if (result.compiled() > 0 || !result.retired().isEmpty()) {
            LOG.info("{} configuration {} from {}: {} products ({} new or changed, {} dropped)", environment,
                    result.image().generation(), result.image().source(), result.image().byId().size(),
                    result.compiled(), result.retired().size());
        }
        retire(result.retired());
        for (Consumer<GatewayImage> l : listeners) {
            try {
                l.accept(result.image());
            } catch (RuntimeException e) {
                LOG.warn("{} image listener failed: {}", environment, e.toString());
            }
        }
    }

    /** Called with every image published from now on. */
    public void onPublish(Consumer<GatewayImage> listener) {
        listeners.add(requireNonNull(listener, "listener"));
    }

    private void retire(List<CompiledProduct> retired) {
        if (retired.isEmpty()) {
            return;
        }
        if (vertx == null) {
            retired.forEach(CompiledProduct::close);
            return;
        }
        vertx.setTimer(RETIRE_AFTER.toMillis(), id -> retired.forEach(CompiledProduct::close));
    }

    /** Closes every product of the current image (shutdown). */
    public void close() {
        current.getAndSet(GatewayImage.empty()).products().forEach(CompiledProduct::close);
    }
}
