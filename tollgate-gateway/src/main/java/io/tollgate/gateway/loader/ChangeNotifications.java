package io.tollgate.gateway.loader;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the server's change notifications: one long poll open at a time
 * ({@code …/{env}/changes.json?since=<token>&wait=<s>}); when the token moves, {@code onChange}
 * runs (the boot loader reloads, the lazy loader forgets its cached hosts) and the next poll starts
 * at once. A failed poll is retried with backoff, logged when it starts failing and when it recovers;
 * a server without the endpoint (404, e.g. 3scale) is left alone and the periodic refresh does the work.
 * Runs on the loader's context.
 */
final class ChangeNotifications {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeNotifications.class);
    /** The longest pause between two attempts to reconnect. */
    private static final Duration MAX_PAUSE = Duration.ofSeconds(30);
    private static final long QUICK_NANOS = Duration.ofMillis(500).toNanos();

    private final Context context;
    private final PortalClient client;
    private final String environment;
    private final long waitSeconds;
    private final Runnable onChange;
    private final Backoff backoff;
    private final long retryMillis;
    private String token;
    private boolean closed;
    private long timer = -1;

    ChangeNotifications(Context context, PortalClient client, LoaderSettings settings, Runnable onChange) {
        this.context = context;
        this.client = client;
        this.environment = settings.environment().pathName();
        this.waitSeconds = Math.max(1, Math.min(60, settings.tuning().notificationWait().toSeconds()));
        this.onChange = onChange;
        this.backoff = new Backoff(settings.tuning().retryMin(), MAX_PAUSE);
        this.retryMillis = Math.max(1, settings.tuning().retryMin().toMillis());
    }

    /** The current token, at once (before the first load, so that no change after it is missed). */
    Future<String> currentToken() {
        return client.changes(null, 0).map(PortalClient.Changes::token);
    }

    /**
     * Starts polling from {@code since}: the token the loaded configuration is at least as new as, or
     * null when unknown (then the first answer counts as a change).
     */
    void start(String since) {
        context.runOnContext(v -> {
            token = since;
            poll();
        });
    }

    private void poll() {
        if (closed) {
            return;
        }
        String since = token;
        long started = System.nanoTime();
        client.changes(since, since == null ? 0 : waitSeconds).onComplete(result -> {
            if (closed) {
                return;
            }
            if (result.succeeded()) {
                if (backoff.failing()) {
                    LOG.info("{} change notifications from {} work again", environment, client.endpoint());
                    backoff.reset();
                }
                String now = result.result().token();
                if (!now.equals(since)) {
                    token = now;
                    onChange.run();
                    poll();
                } else if (System.nanoTime() - started < QUICK_NANOS) {
                    // "No change" at once: something between us and the server does not wait; do not spin.
                    later(retryMillis);
                } else {
                    poll();
                }
                return;
            }
            Throwable failure = result.cause();
            if (failure instanceof LoadException e && e.status() == 404) {
                LOG.info("{} change notifications are not offered by {} (HTTP 404); changes arrive with the periodic "
                        + "refresh", environment, client.endpoint());
                return;
            }
            boolean first = !backoff.failing();
            long delay = backoff.nextMillis();
            if (first) {
                LOG.warn("{} change notifications failed: {}; reconnecting with backoff (the periodic refresh "
                        + "continues)", environment, failure.getMessage());
            } else {
                LOG.debug("{} change notifications failed again: {}; next attempt in {} ms", environment,
                        failure.getMessage(), delay);
            }
            later(delay);
        });
    }

    private void later(long delayMillis) {
        timer = context.owner().setTimer(delayMillis, id -> {
            timer = -1;
            poll();
        });
    }

    void close() {
        context.runOnContext(v -> {
            closed = true;
            if (timer >= 0) {
                context.owner().cancelTimer(timer);
            }
        });
    }
}
