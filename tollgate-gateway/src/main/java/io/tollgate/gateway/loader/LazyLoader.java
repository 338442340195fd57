package io.tollgate.gateway.loader;

import io.tollgate.gateway.image.CompiledProduct;
import io.tollgate.gateway.image.GatewayImage;
import io.tollgate.gateway.image.HostLoader;
import io.tollgate.gateway.image.ProductSource;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code lazy} loader: a request's host is fetched from the server ({@code ?host=H}) before the
 * request is routed, and what the server answered is merged into the image and kept for the cache
 * period (0: fetched for every request, negative: kept for good). A product the server no longer lists
 * for the host leaves the image. Concurrent requests for one host share one fetch.
 *
 * <p>When the server cannot be reached, requests are served from what the image has, and for a
 * backoff period (1 s doubling up to the retry maximum) no request waits for the server. A change
 * notification forgets every cached host, so the next request for each fetches it again.
 *
 * <p>Every change of the image is written to the last good configuration file (as the boot loader
 * does, coalesced: one write at a time, the latest image next), and a start serves that file's
 * products until the server answers for their hosts — so a gateway restarted while the server is down
 * still serves the hosts it had fetched.
 *
 * <p>{@link #needsLoad} runs on the event loops for every request: a map read and a clock read. The
 * fetches and their bookkeeping run on the loader's context, the merges on its worker.
 */
final class LazyLoader extends LoaderBase implements HostLoader {
    /** Cached hosts beyond this are forgotten (random Host headers must not grow the map without end). */
    static final int MAX_HOSTS = 100_000;
    private static final Logger LOG = LoggerFactory.getLogger(LazyLoader.class);

    private final PortalClient client;
    private final ImageUpdates updates;
    private final ChangeNotifications notifications;
    private final Clock clock;
    private final long cacheMillis;
    private final String label;
    private final Backoff backoff;
    /** Host → until when its configuration counts as fresh (epoch millis). */
    private final Map<String, Long> fresh = new ConcurrentHashMap<>();
    /** Fetches in progress by host; only touched on the loader's context. */
    private final Map<String, Promise<Void>> inflight = new HashMap<>();
    private volatile long serverDownUntil;
    private final LastGoodFile lastGood;
    /** Saving state; only touched on the loader's context. */
    private boolean saving;
    private GatewayImage toSave;

    LazyLoader(Context context, LoaderSettings settings, PortalClient client, ImageUpdates updates) {
        super(context);
        this.client = client;
        this.updates = updates;
        this.clock = settings.clock();
        this.cacheMillis = settings.cache().toMillis();
        this.label = client.endpoint() + " (lazy)";
        this.backoff = new Backoff(settings.tuning().retryMin(), settings.tuning().retryMax());
        this.lastGood = new LastGoodFile(settings.lastGoodFile(), settings.environment().pathName());
        this.notifications = settings.notifications() && cacheMillis != 0
                ? new ChangeNotifications(context, client, settings, fresh::clear) : null;
    }

    /**
     * Publishes the last good configuration, or an empty image when there is none (the gateway is
     * ready: configuration comes with the requests).
     */
    LazyLoader start() {
        context.runOnContext(v -> {
            context.owner().<Optional<LastGoodFile.Saved>>executeBlocking(lastGood::read, false)
                    .otherwise(e -> {
                        LOG.warn("{} ignores its last good configuration: {}", updates.environment(), e.getMessage());
                        return Optional.empty();
                    })
                    .compose(saved -> saved.isEmpty() ? updates.update(image -> image.loaded() ? null : List.of(), label)
                            : updates.replaceIfNothingLoaded(saved.get().sources(), "last good configuration "
                                    + lastGood.path() + " (saved " + saved.get().savedAt() + ")").map(outcome -> {
                                        if (outcome.published()) {
                                            LOG.info("{} starts with the last good configuration {} (saved {}), {} "
                                                    + "products; each host is fetched again on its first request",
                                                    updates.environment(), lastGood.path(), saved.get().savedAt(),
                                                    outcome.image().byId().size());
                                        }
                                        return outcome;
                                    }))
                    .onComplete(r -> firstLoad.handle(r.mapEmpty()));
            if (notifications != null) {
                notifications.start(null);
            }
        });
        return this;
    }

    @Override
    public Optional<HostLoader> hostLoader() {
        return Optional.of(this);
    }

    @Override
    public boolean needsLoad(String host, CompiledProduct current) {
        if (closed) {
            return false;
        }
        long now = clock.millis();
        if (now < serverDownUntil) {
            return false;
        }
        if (cacheMillis == 0) {
            return true;
        }
        Long until = fresh.get(host);
        return until == null || until <= now;
    }

    @Override
    public Future<Void> load(String host) {
        Promise<Void> loaded = Promise.promise();
        context.runOnContext(v -> fetch(host, loaded));
        return loaded.future();
    }

    private void fetch(String host, Promise<Void> loaded) {
        Promise<Void> running = inflight.get(host);
        if (running != null) {
            running.future().onComplete(loaded);
            return;
        }
        inflight.put(host, loaded);
        long started = clock.millis();
        client.listHost(host).compose(sources -> updates.update(image -> merged(image, host, sources), label))
                .onComplete(result -> {
                    inflight.remove(host);
                    if (result.succeeded()) {
                        if (backoff.failing()) {
                            LOG.info("{} configuration from {} loads again", updates.environment(), client.endpoint());
                        }
                        backoff.reset();
                        remember(host, started);
                        if (result.result().published()) {
                            save(result.result().image());
                        }
                        loaded.complete();
                    } else {
                        long delay = backoff.nextMillis();
                        serverDownUntil = clock.millis() + delay;
                        LOG.error("failed to load configuration: {}; {} serves what it has for {}; requests do not "
                                + "wait for the server for {}", result.cause().getMessage(), updates.environment(),
                                host, Backoff.seconds(delay));
                        loaded.fail(result.cause());
                    }
                });
    }

    /**
     * The image's sources with {@code host}'s products replaced by what the server sent: those not
     * sent any more leave (and their other hosts are fetched again on their next request).
     */
    private List<ProductSource> merged(GatewayImage image, String host, List<ProductSource> fetched) {
        Set<Long> fetchedIds = new HashSet<>();
        boolean same = true;
        for (ProductSource s : fetched) {
            long id = s.id();
            fetchedIds.add(id);
            CompiledProduct known = image.byId().get(id);
            same &= known != null && known.source().fingerprint().equals(s.fingerprint());
        }
        CompiledProduct serving = image.find(host);
        if (same && (serving == null || fetchedIds.contains(serving.config().id()))) {
            // The usual case with a cache of 0: nothing changed, so no build (which costs O(products)).
            return null;
        }
        List<ProductSource> next = new ArrayList<>(image.byId().size() + fetched.size());
        for (CompiledProduct p : image.products()) {
            if (fetchedIds.contains(p.config().id())) {
                continue;
            }
            if (p.config().hosts().contains(host)) {
                p.config().hosts().forEach(fresh::remove);
                continue;
            }
            next.add(p.source());
        }
        next.addAll(fetched);
        return next;
    }

    /** Writes {@code image} as the last good configuration: one write at a time, then the latest image. */
    private void save(GatewayImage image) {
        if (saving) {
            toSave = image;
            return;
        }
        saving = true;
        List<ProductSource> sources = image.products().stream()
                .sorted(java.util.Comparator.comparingLong(p -> p.config().id())).map(CompiledProduct::source).toList();
        context.owner().executeBlocking(() -> {
            lastGood.write(sources, label, clock.instant());
            return null;
        }, false).onComplete(r -> {
            if (r.failed()) {
                LOG.warn("{} cannot write the last good configuration {}: {}", updates.environment(), lastGood.path(),
                        r.cause().toString());
            }
            saving = false;
            GatewayImage next = toSave;
            toSave = null;
            if (next != null && !closed) {
                save(next);
            }
        });
    }

    private void remember(String host, long fetchedAt) {
        if (cacheMillis == 0) {
            return;
        }
        if (fresh.size() >= MAX_HOSTS) {
            long now = clock.millis();
            fresh.values().removeIf(until -> until <= now);
            if (fresh.size() >= MAX_HOSTS) {
                fresh.clear();
            }
        }
        fresh.put(host, cacheMillis < 0 ? Long.MAX_VALUE : fetchedAt + cacheMillis);
    }

    @Override
    protected void stop() {
        if (notifications != null) {
            notifications.close();
        }
        client.close();
    }
}
