package io.tollgate.gateway.loader;

import io.tollgate.gateway.image.CompiledProduct;
import io.tollgate.gateway.image.GatewayImage;
import io.tollgate.gateway.image.ProductSource;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code boot} loader: the whole environment from the server at start, then again every cache
 * period (none when negative) and whenever a change notification says the configuration moved. The
 * image is exactly what the server lists, so a deleted product disappears with the next load.
 *
 * <p>A failed load keeps the previous image, logs {@code failed to load configuration: <reason>}
 * (with the HTTP status) and is retried with backoff. When the very first load fails, the last good
 * configuration on disk is served instead (one log line with its age) while the server is retried.
 * After every load that changed the image, the image is saved as the new last good configuration.
 * A registered gateway whose certificate has expired does not load and does not start from the last
 * good configuration either (SPEC G6); a renewed registration reloads at once.
 * State lives on the loader's context; loads never overlap (a reload asked for during one runs right
 * after it).
 */
final class BootLoader extends LoaderBase {
    private static final Logger LOG = LoggerFactory.getLogger(BootLoader.class);

    private final LoaderSettings settings;
    private final PortalClient client;
    private final ImageUpdates updates;
    private final WorkerExecutor worker;
    private final LastGoodFile lastGood;
    private final ChangeNotifications notifications;
    private final Backoff backoff;
    private final String label;
    private boolean loading;
    private boolean again;
    private boolean saved;
    private long timer = -1;

    BootLoader(Context context, LoaderSettings settings, PortalClient client, ImageUpdates updates,
            WorkerExecutor worker) {
        super(context);
        this.settings = settings;
        this.client = client;
        this.updates = updates;
        this.worker = worker;
        this.lastGood = new LastGoodFile(settings.lastGoodFile(), settings.environment().pathName());
        this.notifications = settings.notifications()
                ? new ChangeNotifications(context, client, settings, this::reload) : null;
        this.backoff = new Backoff(settings.tuning().retryMin(), settings.tuning().retryMax());
        this.label = client.endpoint().toString();
    }

    /** Takes the change token first (so that no change after it is missed), then loads. */
    BootLoader start() {
        client.followRenewals(() -> context.runOnContext(v -> reload()));
        context.runOnContext(v -> {
            Future<String> token = notifications == null ? Future.succeededFuture(null)
                    : notifications.currentToken().otherwiseEmpty();
            token.onComplete(t -> {
                reload();
                if (notifications != null) {
                    notifications.start(t.result());
                }
            });
        });
        return this;
    }

    /** Loads now, or right after the load in progress. On the loader's context. */
    private void reload() {
        if (closed) {
            return;
        }
        if (loading) {
            again = true;
            return;
        }
        loading = true;
        cancelTimer();
        client.listAll().compose(sources -> updates.replace(sources, label)).onComplete(this::loaded);
    }

    private void loaded(AsyncResult<ImageUpdates.Outcome> result) {
        loading = false;
        if (closed) {
            return;
        }
        if (result.succeeded()) {
            if (backoff.failing()) {
                LOG.info("{} configuration loaded from {} again", updates.environment(), label);
            }
            backoff.reset();
            firstLoad.tryComplete();
            if (result.result().published() || !saved) {
                save(result.result().image());
            }
            if (settings.cache().isPositive()) {
                schedule(settings.cache().toMillis());
            }
        } else {
            String reason = result.cause().getMessage();
            long delay = backoff.nextMillis();
            GatewayImage current = updates.current();
            LOG.error("failed to load configuration: {}; {}; retrying in {}", reason, current.loaded()
                    ? updates.environment() + " keeps serving configuration " + current.generation() + " from "
                            + current.source()
                    : updates.environment() + " has no configuration yet", Backoff.seconds(delay));
            if (!firstLoad.future().isComplete()) {
                serveLastGood(reason);
            }
            schedule(delay);
        }
        if (again) {
            again = false;
            reload();
        }
    }

    /** The first load failed: serve the configuration saved by an earlier run, if there is one. */
    private void serveLastGood(String reason) {
        if (client.unusableIdentity() != null) {
            // An expired registration must not keep a new replica serving what it may no longer load (SPEC G6).
            firstLoad.tryFail(new LoadException(reason));
            return;
        }
        worker.<Optional<LastGoodFile.Saved>>executeBlocking(lastGood::read, true).compose(saved -> {
            if (saved.isEmpty()) {
                return Future.failedFuture(new LoadException(reason + " (and there is no last good configuration "
                        + lastGood.path() + ")"));
            }
            LastGoodFile.Saved s = saved.get();
            String source = "last good configuration " + lastGood.path() + " (saved " + s.savedAt() + ")";
            return updates.replaceIfNothingLoaded(s.sources(), source).map(outcome -> {
                if (outcome.published()) {
                    LOG.warn("{} cannot load its configuration from {}; serving the last good configuration {}, "
                            + "saved {} ({} ago), {} products; still trying the server", updates.environment(), label,
                            lastGood.path(), s.savedAt(), s.age(settings.clock().instant()),
                            outcome.image().byId().size());
                }
                return (Void) null;
            });
        }).onComplete(r -> {
            if (r.succeeded()) {
                firstLoad.tryComplete();
            } else {
                firstLoad.tryFail(r.cause());
            }
        });
    }

    /** Writes the image as the last good configuration (on the worker; a failure is logged, not fatal). */
    private void save(GatewayImage image) {
        saved = true;
        List<ProductSource> sources = image.products().stream()
                .sorted(Comparator.comparingLong(p -> p.config().id())).map(CompiledProduct::source).toList();
        worker.executeBlocking(() -> {
            lastGood.write(sources, label, settings.clock().instant());
            return null;
        }, true).onFailure(e -> LOG.warn("{} cannot write the last good configuration {}: {}", updates.environment(),
                lastGood.path(), e.toString()));
    }

    private void schedule(long delayMillis) {
        cancelTimer();
        timer = context.owner().setTimer(Math.max(1, delayMillis), id -> {
            timer = -1;
            reload();
        });
    }

    private void cancelTimer() {
        if (timer >= 0) {
            context.owner().cancelTimer(timer);
            timer = -1;
        }
    }

    @Override
    protected void stop() {
        cancelTimer();
        if (notifications != null) {
            notifications.close();
        }
        client.close();
    }
}
