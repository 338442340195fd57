package io.tollgate.gateway.loader;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.gateway.config.ConfigException;
import io.tollgate.gateway.image.ProductSource;
import io.tollgate.gateway.net.Failures;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Talks to the server's proxy configuration endpoints without blocking: the paged listing of an
 * environment, one host's configurations, and the change notification long poll. Answers are parsed
 * on the loader's worker (a listing of 10,000 products is tens of megabytes of JSON). Failures are
 * {@link LoadException}s naming the URL (without the token) and the HTTP status.
 */
final class PortalClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PortalClient.class);
    /** Page size of the listing (the server's maximum, as APIcast asks). */
    static final int PER_PAGE = 500;
    /** A listing that never ends is a broken server, not a configuration. */
    static final int MAX_PAGES = 10_000;

    /** A change notification answer. */
    record Changes(String token, boolean changed) {
    }

    private final PortalEndpoint endpoint;
    private final Environment environment;
    private final ClientIdentity identity;
    private final java.time.Clock clock;
    private final HttpClientAgent client;
    private final WorkerExecutor parser;
    private final long readTimeoutMillis;
    private final Placement placement;

    PortalClient(Vertx vertx, LoaderSettings settings, WorkerExecutor parser) {
        this.endpoint = settings.portal();
        this.environment = settings.environment();
        this.parser = parser;
        this.readTimeoutMillis = settings.tuning().readTimeout().toMillis();
        this.identity = settings.identity();
        this.clock = settings.clock();
        this.placement = new Placement(identity == null ? Placement.NONE : identity.current().gatewayId());
        HttpClientOptions options = identity != null ? identity.clientOptions() : new HttpClientOptions();
        options.setConnectTimeout((int) settings.tuning().connectTimeout().toMillis()).setKeepAlive(true)
                .setDecompressionSupported(true);
        if (identity == null && endpoint.tls()) {
            options.setSsl(true).setVerifyHost(!settings.insecure()).setTrustAll(settings.insecure());
            if (settings.caBundle() != null) {
                options.setTrustOptions(new PemTrustOptions().addCertPath(settings.caBundle().toString()));
            }
        }
        this.client = vertx.createHttpClient(options);
    }

    /**
     * Connected mode: new connections present the renewed certificate from now on ({@code onRenewed}
     * then reloads, so the renewal is used at once).
     */
    void followRenewals(Runnable onRenewed) {
        if (identity != null) {
            identity.follow(client, "the configuration loader", onRenewed);
        }
    }

    PortalEndpoint endpoint() {
        return endpoint;
    }

    /** Every product of the environment, page after page until a short one. */
    Future<List<ProductSource>> listAll() {
        List<ProductSource> all = new ArrayList<>();
        return page(1, all, new HashSet<>()).map(v -> all);
    }

    private Future<Void> page(int number, List<ProductSource> all, Set<String> seen) {
        String uri = endpoint.pageUri(environment, number, PER_PAGE);
        return get(uri, readTimeoutMillis).compose(body -> parse(uri, body)).compose(sources -> {
            int fresh = 0;
            for (ProductSource s : sources) {
                if (seen.add(s.fingerprint())) {
                    all.add(s);
                    fresh++;
                }
            }
            // A server that ignores paging sends the whole list again: nothing new means the end.
            if (sources.size() < PER_PAGE || fresh == 0) {
                return Future.succeededFuture();
            }
            if (number >= MAX_PAGES) {
                return Future.failedFuture(new LoadException(endpoint.show(uri) + ": more than " + MAX_PAGES
                        + " pages"));
            }
            return page(number + 1, all, seen);
        });
    }

    /** The products answering for {@code host}. */
    Future<List<ProductSource>> listHost(String host) {
        String uri = endpoint.hostUri(environment, host);
        return get(uri, readTimeoutMillis).compose(body -> parse(uri, body));
    }

    /**
     * The change token: at once when {@code since} is null or stale, else when it changes or after
     * {@code waitSeconds}.
     */
    Future<Changes> changes(String since, long waitSeconds) {
        String uri = endpoint.changesUri(environment, since, waitSeconds);
        // The server answers within waitSeconds; the read timeout covers the way there and back.
        return get(uri, waitSeconds * 1000 + readTimeoutMillis).compose(body -> {
            try {
                JsonNode answer = ProxyConfigsJson.JSON.readTree(body.getBytes());
                String token = answer.path("token").asText("");
                if (token.isEmpty()) {
                    return Future.failedFuture(new LoadException(endpoint.show(uri) + ": no token in the answer"));
                }
                return Future.succeededFuture(new Changes(token, answer.path("changed").asBoolean(false)));
            } catch (java.io.IOException e) {
                return Future.failedFuture(new LoadException(endpoint.show(uri) + ": not a JSON answer"));
            }
        });
    }

    /** Why the client certificate cannot be used now (expired, not yet valid), or null; null without one. */
    String unusableIdentity() {
        return identity == null ? null : identity.unusable(clock.instant());
    }

    private Future<Buffer> get(String uri, long idleTimeoutMillis) {
        String unusable = unusableIdentity();
        if (unusable != null) {
            return Future.failedFuture(new LoadException(endpoint.show(uri) + ": " + unusable));
        }
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setHost(endpoint.host())
                .setPort(endpoint.port()).setURI(uri).setIdleTimeout(idleTimeoutMillis)
                .putHeader(HttpHeaders.ACCEPT, "application/json");
        if (endpoint.authorization() != null) {
            request.putHeader(HttpHeaders.AUTHORIZATION, endpoint.authorization());
        }
        // body() is asked for in the callback of send(), on the request's context: chained one level
        // out, it can come after the body has gone by (a known Vert.x 5 race).
        return client.request(request)
                .compose(r -> r.send().compose(response -> response.body().compose(body -> {
                    if (response.statusCode() == 200) {
                        return Future.succeededFuture(body);
                    }
                    return Future.failedFuture(new LoadException(endpoint.show(uri) + ": HTTP " + response.statusCode()
                            + excerpt(body), response.statusCode()));
                })))
                .recover(failure -> Future.failedFuture(failure instanceof LoadException ? failure
                        : new LoadException(endpoint.show(uri) + ": " + Failures.reason(failure))));
    }

    private Future<List<ProductSource>> parse(String uri, Buffer body) {
        return parser.executeBlocking(() -> {
            try {
                return placement.mine(ProxyConfigsJson.parse(body.getBytes()));
            } catch (ConfigException e) {
                throw new LoadException(endpoint.show(uri) + ": " + e.getMessage(), 200);
            }
        }, true);
    }

    /** A short, single-line excerpt of an error body (servers say why: {@code {"error":"Access denied"}}). */
    private static String excerpt(Buffer body) {
        String text = body.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
        if (text.isEmpty()) {
            return "";
        }
        return " " + (text.length() > 200 ? text.substring(0, 200) + "…" : text);
    }

    @Override
    public void close() {
        client.close();
    }
}
