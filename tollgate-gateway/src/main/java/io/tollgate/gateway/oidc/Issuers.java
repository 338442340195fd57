package io.tollgate.gateway.oidc;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.shareddata.Shareable;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The issuers of one gateway process (one per Vert.x instance), by discovery URL, so that products
 * trusting the same issuer share its keys and its fetches: 10,000 products on one Keycloak realm make
 * one discovery request, not 10,000, and a product whose configuration changes keeps the keys its
 * previous version had. An issuer is dropped when the last product using it is closed.
 *
 * <p>Fetches use one HTTP client with TLS verification on (the JVM's trust store); it lives as long
 * as the Vert.x instance.
 */
public final class Issuers implements Shareable {
    private static final String MAP = "tollgate.oidc.issuers";

    private final Vertx vertx;
    private final JwksCaching caching;
    private final HttpClient client;
    private final ConcurrentHashMap<String, Issuer> issuers = new ConcurrentHashMap<>();

    Issuers(Vertx vertx, JwksCaching caching) {
        this.vertx = requireNonNull(vertx, "vertx");
        this.caching = requireNonNull(caching, "caching");
        int timeout = (int) Math.min(Integer.MAX_VALUE, caching.fetchTimeout().toMillis());
        this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(timeout)
                .setKeepAlive(true).setVerifyHost(true).setTrustAll(false));
    }

    /** The registry of {@code vertx}, created on first use with the default caching. */
    public static Issuers of(Vertx vertx) {
        return vertx.sharedData().<String, Issuers>getLocalMap(MAP)
                .computeIfAbsent("issuers", k -> new Issuers(vertx, JwksCaching.DEFAULTS));
    }

    /** Uses the issuer at {@code discoveryUrl} (created when new); pair with {@link #release}. */
    Issuer acquire(String discoveryUrl, Clock clock) {
        return issuers.compute(discoveryUrl, (url, existing) -> (existing != null ? existing
                : new Issuer(url, new JwksFetcher(client, caching), caching, clock, vertx)).retain());
    }

    /** One user of {@code issuer} less; the last one removes it. */
    void release(Issuer issuer) {
        issuers.computeIfPresent(issuer.discoveryUrl(), (url, existing) ->
                existing == issuer && issuer.release() ? null : existing);
    }

    /** How many issuers are in use (tests, status). */
    int size() {
        return issuers.size();
    }
}
