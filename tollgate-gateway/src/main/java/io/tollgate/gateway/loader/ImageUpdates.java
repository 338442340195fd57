package io.tollgate.gateway.loader;

import io.tollgate.gateway.image.CompiledProduct;
import io.tollgate.gateway.image.GatewayImage;
import io.tollgate.gateway.image.ImageBuilder;
import io.tollgate.gateway.image.ImageHolder;
import io.tollgate.gateway.image.ProductSource;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds and publishes one environment's images, one at a time, on the loader's worker
 * ({@code tollgate-config-loader-<env>}, one thread): compiling is CPU work that must not run on an
 * event loop, and one build at a time means no update is lost between reading the current image and
 * publishing the next. A build that changes nothing is not published (the generation and the
 * configuration age move only with the configuration), but its rejections are still logged once.
 */
final class ImageUpdates {
    private static final Logger LOG = LoggerFactory.getLogger(ImageUpdates.class);
    private static final Pattern WHAT_SERVES = Pattern.compile(" \\((not served|version \\d+ keeps serving)\\)$");

    /**
     * What an update did.
     *
     * @param published whether a new image was swapped in
     * @param rejected the products or host claims that were rejected (already logged)
     */
    record Outcome(boolean published, GatewayImage image, List<String> rejected) {
    }

    private final ImageHolder holder;
    private final ImageBuilder builder;
    private final WorkerExecutor worker;
    private final Clock clock;
    private List<String> lastRejected = List.of();

    ImageUpdates(ImageHolder holder, ImageBuilder builder, WorkerExecutor worker, Clock clock) {
        this.holder = holder;
        this.builder = builder;
        this.worker = worker;
        this.clock = clock;
    }

    String environment() {
        return holder.environment();
    }

    GatewayImage current() {
        return holder.current();
    }

    /** An image of exactly {@code sources}; rejected products keep their previous valid version. */
    Future<Outcome> replace(List<ProductSource> sources, String label) {
        return update(image -> sources, label, false);
    }

    /**
     * An image of exactly {@code sources} only if none is rejected (a local file is one unit: a broken
     * edit changes nothing); otherwise fails with every problem, and nothing is published.
     */
    Future<Outcome> replaceAllOrNothing(List<ProductSource> sources, String label) {
        return update(image -> sources, label, true);
    }

    /**
     * An image of {@code sources} unless a configuration was loaded meanwhile (the last good file must
     * not replace what the server sent while it was being read).
     */
    Future<Outcome> replaceIfNothingLoaded(List<ProductSource> sources, String label) {
        return update(image -> image.loaded() ? null : sources, label, false);
    }

    /**
     * An image of the sources {@code next} derives from the current image (the lazy loader's merges);
     * nothing happens when it returns null.
     */
    Future<Outcome> update(Function<GatewayImage, List<ProductSource>> next, String label) {
        return update(next, label, false);
    }

    private Future<Outcome> update(Function<GatewayImage, List<ProductSource>> next, String label,
            boolean allOrNothing) {
        return worker.executeBlocking(() -> {
            GatewayImage previous = holder.current();
            List<ProductSource> sources = next.apply(previous);
            if (sources == null) {
                return new Outcome(false, previous, List.of());
            }
            ImageBuilder.Result result = builder.build(previous, sources, label, clock.instant());
            if (allOrNothing && !result.rejected().isEmpty()) {
                closeCompiled(previous, result.image());
                // Nothing of the file is applied: the builder's "(not served)" or "(version N keeps
                // serving)" would mislead.
                throw new LoadException(String.join("; ", result.rejected().stream()
                        .map(m -> WHAT_SERVES.matcher(m).replaceFirst("")).toList()));
            }
            boolean unchanged = previous.loaded() && result.compiled() == 0 && result.retired().isEmpty()
                    && result.image().byId().size() == previous.byId().size() && label.equals(previous.source());
            if (unchanged) {
                if (!result.rejected().equals(lastRejected)) {
                    result.rejected().forEach(m -> LOG.error("{} configuration rejected: {}", holder.environment(), m));
                }
                lastRejected = result.rejected();
                return new Outcome(false, previous, result.rejected());
            }
            holder.publish(result);
            lastRejected = result.rejected();
            return new Outcome(true, result.image(), result.rejected());
        }, true);
    }

    /** Closes what a build compiled for an image that is not published. */
    private static void closeCompiled(GatewayImage previous, GatewayImage unpublished) {
        Set<CompiledProduct> old = Collections.newSetFromMap(new IdentityHashMap<>());
        old.addAll(previous.products());
        for (CompiledProduct p : unpublished.products()) {
            if (!old.contains(p)) {
                p.close();
            }
        }
    }
}
