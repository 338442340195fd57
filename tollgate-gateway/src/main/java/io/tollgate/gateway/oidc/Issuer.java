package io.tollgate.gateway.oidc;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One issuer's signing keys, shared by every product (and event loop) that trusts it.
 *
 * <p>The request path reads the current {@link SigningKeys} with one volatile read. Fetches are
 * coordinated without locks: at most one is in flight (concurrent callers share its future), at most
 * one starts per {@link JwksCaching#minRefreshInterval()} (a caller that comes sooner shares a single
 * fetch scheduled for when the interval is over), and a failed fetch leaves the previous keys in
 * place until their {@link JwksCaching#ttl()}. Time is the policy context's clock.
 */
final class Issuer {
    private static final Logger LOG = LoggerFactory.getLogger(Issuer.class);
    static final java.time.Duration BACKGROUND_RETRY = java.time.Duration.ofSeconds(30);

    private final String discoveryUrl;
    private final JwksFetcher fetcher;
    private final JwksCaching caching;
    private final Clock clock;
    private final Vertx vertx;
    private final AtomicInteger users = new AtomicInteger();
    private final AtomicReference<Future<SigningKeys>> inflight = new AtomicReference<>();
    private final AtomicReference<Future<SigningKeys>> scheduled = new AtomicReference<>();
    private volatile SigningKeys keys;
    private volatile long lastAttemptMillis = Long.MIN_VALUE / 2;
    private volatile boolean lastAttemptFailed;
    private volatile String lastDiscoveredIssuer;

    Issuer(String discoveryUrl, JwksFetcher fetcher, JwksCaching caching, Clock clock, Vertx vertx) {
        this.discoveryUrl = requireNonNull(discoveryUrl, "discoveryUrl");
        this.fetcher = requireNonNull(fetcher, "fetcher");
        this.caching = requireNonNull(caching, "caching");
        this.clock = requireNonNull(clock, "clock");
        this.vertx = requireNonNull(vertx, "vertx");
    }

    /**
     * The keys to verify with now, or null when there are none younger than the TTL. Keys older than
     * {@link JwksCaching#refreshAfter()} are returned and refetched in the background.
     */
    SigningKeys current() {
        SigningKeys k = keys;
        if (k == null) {
            return null;
        }
        long age = clock.millis() - k.fetchedAtMillis();
        if (age > caching.ttl().toMillis()) {
            return null;
        }
        if (age > caching.refreshAfter().toMillis() && inflight.get() == null && mayRefreshInBackground()) {
            fetchNow();
        }
        return k;
    }

    /**
     * Background refreshes of keys that still work are tried again no sooner than
     * {@link #BACKGROUND_RETRY} after a failure: an issuer that is down is not asked every few seconds
     * (and the log gets a line per attempt, not a flood) while its cached keys carry the traffic.
     */
    private boolean mayRefreshInBackground() {
        long wait = lastAttemptFailed ? Math.max(BACKGROUND_RETRY.toMillis(), caching.minRefreshInterval().toMillis())
                : caching.minRefreshInterval().toMillis();
        return clock.millis() - lastAttemptMillis >= wait;
    }

    /**
     * Keys newer than {@code seen} (the keys a caller looked at and found wanting; null for none): at
     * once when a fetch already replaced them, else from the fetch in flight, from one started now, or
     * from the one scheduled when the minimum interval has passed. Fails when that fetch fails.
     */
    Future<SigningKeys> newerThan(SigningKeys seen) {
        SigningKeys k = keys;
        if (k != null && k != seen && !expired(k)) {
            return Future.succeededFuture(k);
        }
        Future<SigningKeys> running = inflight.get();
        if (running != null) {
            return running;
        }
        if (mayFetchNow()) {
            return fetchNow();
        }
        return scheduledFetch();
    }

    /** Whether the last attempt failed and the interval before the next one has not passed. */
    boolean recentlyFailed() {
        return lastAttemptFailed && inflight.get() == null && !mayFetchNow();
    }

    /** Starts fetching unless a fetch is running or there are keys younger than refreshAfter (load time). */
    void prefetch() {
        SigningKeys k = keys;
        if (inflight.get() == null && (k == null || clock.millis() - k.fetchedAtMillis()
                > caching.refreshAfter().toMillis())) {
            fetchNow();
        }
    }

    private boolean expired(SigningKeys k) {
        return clock.millis() - k.fetchedAtMillis() > caching.ttl().toMillis();
    }

    private boolean mayFetchNow() {
        return clock.millis() - lastAttemptMillis >= caching.minRefreshInterval().toMillis();
    }

    /** The fetch in flight, or a new one. */
    private Future<SigningKeys> fetchNow() {
        Promise<SigningKeys> promise = Promise.promise();
        Future<SigningKeys> mine = promise.future();
        Future<SigningKeys> running = inflight.compareAndExchange(null, mine);
        if (running != null) {
            return running;
        }
        lastAttemptMillis = clock.millis();
        Future<JwksFetcher.Fetched> fetched;
        try {
            fetched = fetcher.fetch(discoveryUrl);
        } catch (RuntimeException e) {
            fetched = Future.failedFuture(e);
        }
        fetched.onComplete(result -> {
            if (result.succeeded()) {
                SigningKeys fresh = SigningKeys.of(result.result().keys(), result.result().issuer(), clock.millis(),
                        reason -> LOG.warn("oidc issuer {}: key left out: {}", discoveryUrl, reason));
                keys = fresh;
                lastAttemptFailed = false;
                logLoaded(fresh);
                inflight.set(null);
                promise.complete(fresh);
            } else {
                lastAttemptFailed = true;
                SigningKeys old = keys;
                LOG.warn("oidc issuer {}: fetching keys failed: {}; {}", discoveryUrl, result.cause().getMessage(),
                        old == null ? "no keys yet: its tokens cannot be verified"
                                : "keeping the " + old.all().size() + " keys fetched "
                                        + (clock.millis() - old.fetchedAtMillis()) / 1000 + " s ago");
                inflight.set(null);
                promise.fail(result.cause());
            }
        });
        return mine;
    }

    /** One fetch for everyone who asks before the interval is over, started when it is. */
    private Future<SigningKeys> scheduledFetch() {
        Promise<SigningKeys> promise = Promise.promise();
        Future<SigningKeys> waiting = scheduled.compareAndExchange(null, promise.future());
        if (waiting != null) {
            return waiting;
        }
        long delay = Math.max(1, lastAttemptMillis + caching.minRefreshInterval().toMillis() - clock.millis());
        vertx.setTimer(delay, id -> {
            scheduled.set(null);
            fetchNow().onComplete(promise);
        });
        return promise.future();
    }

    private void logLoaded(SigningKeys fresh) {
        LOG.info("oidc issuer {}: {} signing keys loaded (kids {})", discoveryUrl, fresh.all().size(), fresh.kids());
        String discovered = fresh.discoveredIssuer();
        if (discovered != null && !discovered.equals(lastDiscoveredIssuer)) {
            lastDiscoveredIssuer = discovered;
            if (!OidcSettings.stripSlash(discovered).equals(discoveryUrl.substring(0,
                    discoveryUrl.length() - OidcSettings.DISCOVERY_PATH.length()))) {
                LOG.warn("oidc issuer {}: the discovery document names the issuer {}; tokens from either are accepted",
                        discoveryUrl, OidcSettings.redact(discovered));
            }
        }
    }

    /** Counts one more product using the issuer. */
    Issuer retain() {
        users.incrementAndGet();
        return this;
    }

    /** Counts one product less; true when none is left. */
    boolean release() {
        return users.decrementAndGet() <= 0;
    }

    String discoveryUrl() {
        return discoveryUrl;
    }
}
