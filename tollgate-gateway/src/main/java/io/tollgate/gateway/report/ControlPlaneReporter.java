package io.tollgate.gateway.report;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.gateway.image.GatewayImage;
import io.tollgate.gateway.image.ImageHolder;
import io.tollgate.gateway.loader.ClientIdentity;
import io.tollgate.gateway.metrics.GatewayMetrics;
import io.tollgate.gateway.net.Failures;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports a registered gateway to the control plane over mTLS ({@code POST /gateway/api/heartbeat},
 * docs/registration.md): every interval its version, what each environment serves, and the requests
 * answered per product and status class since the last report that got through (usage upload). A
 * report that fails keeps its counts for the next one, so nothing is lost while the control plane is
 * away; an expired certificate stops reports before any connection (SPEC G6: in local mode only this
 * fails, traffic goes on). Each change between working and failing is one log line. All state lives on
 * the reporter's Vert.x context; the counters are read and the report written on a worker thread.
 */
public final class ControlPlaneReporter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlPlaneReporter.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/gateway/api/heartbeat";
    /** How long stopping waits for the last report. */
    static final long FINAL_REPORT_MILLIS = 2_000;

    private final Vertx vertx;
    private final ClientIdentity identity;
    private final String host;
    private final int port;
    private final Duration interval;
    private final String version;
    private final List<ImageHolder> images;
    private final List<GatewayMetrics> metrics;
    private final Clock clock;
    private final boolean localInstances;
    private final HttpClientAgent client;
    /** Per environment and product, the totals the control plane has been sent. */
    private final Map<String, Map<Long, long[]>> sent = new HashMap<>();
    private io.vertx.core.Context context;
    private long timer = -1;
    private boolean reporting;
    private String failing;
    private Instant since;
    private volatile boolean closed;

    /**
     * @param gatewayApiUrl the registration's {@code gatewayApiUrl} ({@code https://host:port})
     * @param interval time between two reports
     * @param images the environments served, for their configuration generation
     * @param metrics the same environments' request counters
     * @param localInstances whether the products are a local-mode gateway's own API instances (their ids
     *     are not the control plane's: they are reported by name only)
     */
    public ControlPlaneReporter(Vertx vertx, ClientIdentity identity, String gatewayApiUrl, Duration interval,
            String version, List<ImageHolder> images, List<GatewayMetrics> metrics, Clock clock,
            boolean localInstances) {
        this.vertx = requireNonNull(vertx, "vertx");
        this.identity = requireNonNull(identity, "identity");
        URI uri = URI.create(requireNonNull(gatewayApiUrl, "gatewayApiUrl"));
        this.host = uri.getHost();
        this.port = uri.getPort() > 0 ? uri.getPort() : 443;
        if (!interval.isPositive()) {
            throw new IllegalArgumentException("interval: " + interval + " (expected: > 0)");
        }
        this.interval = interval;
        this.version = requireNonNull(version, "version");
        this.images = List.copyOf(images);
        this.metrics = List.copyOf(metrics);
        this.clock = requireNonNull(clock, "clock");
        this.localInstances = localInstances;
        this.client = vertx.createHttpClient(identity.clientOptions().setConnectTimeout(5_000).setIdleTimeout(30)
                .setKeepAlive(true));
        identity.follow(client, "the control-plane reports", () -> { });
    }

    /** Reports now and then every interval. */
    public ControlPlaneReporter start() {
        context = vertx.getOrCreateContext();
        since = clock.instant();
        context.runOnContext(v -> report());
        return this;
    }

    private void report() {
        timer = -1;
        if (closed) {
            return;
        }
        send().onComplete(r -> schedule());
    }

    /** One report now (none while one is on its way, or with an unusable certificate). On the context. */
    private Future<Void> send() {
        if (reporting) {
            return Future.succeededFuture();
        }
        String unusable = identity.unusable(clock.instant());
        if (unusable != null) {
            changed("cannot report to the control plane (heartbeat, usage upload): " + unusable);
            return Future.succeededFuture();
        }
        reporting = true;
        Instant until = clock.instant();
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setHost(host).setPort(port)
                .setURI(PATH).setIdleTimeout(30_000)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.ACCEPT, "application/json");
        // Reading every product's counters and writing the JSON is work for a worker, not the event loop
        // (10,000 products are millions of counter slots); the report on its way keeps `sent` unchanged.
        return vertx.<Report>executeBlocking(() -> {
            Map<String, Map<Long, long[]>> totals = new HashMap<>();
            for (GatewayMetrics m : metrics) {
                totals.put(m.environment(), m.requestTotals());
            }
            return new Report(totals, body(totals, until));
        }, false).compose(report -> client.request(request)
                .compose(r -> r.send(Buffer.buffer(report.body())).compose(response -> response.body().compose(
                        answer -> response.statusCode() == 200 ? Future.succeededFuture(report)
                                : Future.<Report>failedFuture("HTTP " + response.statusCode() + " "
                                        + excerpt(answer.toString(StandardCharsets.UTF_8)))))))
                .andThen(r -> {
                    reporting = false;
                    if (r.succeeded()) {
                        sent.putAll(r.result().totals());
                        since = until;
                        if (failing != null) {
                            LOG.info("reporting to the control plane {} again", identity.current().name());
                            failing = null;
                        }
                    } else {
                        changed("cannot report to the control plane at https://" + host + ":" + port + PATH + ": "
                                + Failures.reason(r.cause()) + " (usage is kept for the next report)");
                    }
                }).mapEmpty();
    }

    /** The totals a report was made of, and its JSON. */
    private record Report(Map<String, Map<Long, long[]>> totals, String body) {
    }

    /** The names of the products served now, by {@code environment/id}, for the traffic entries. */
    private Map<String, String> names() {
        Map<String, String> names = new HashMap<>();
        for (ImageHolder holder : images) {
            holder.current().byId().forEach((id, p) -> names.put(holder.environment() + "/" + id,
                    p.config().info().systemName()));
        }
        return names;
    }

    private String body(Map<String, Map<Long, long[]>> totals, Instant until) {
        Map<String, String> names = names();
        ObjectNode root = JSON.createObjectNode().put("version", version)
                .put("since", since.toString()).put("until", until.toString());
        ArrayNode configurations = root.putArray("configurations");
        for (ImageHolder holder : images) {
            GatewayImage image = holder.current();
            ObjectNode c = configurations.addObject().put("environment", holder.environment())
                    .put("generation", image.generation()).put("products", image.byId().size());
            if (image.loaded()) {
                c.put("loaded_at", image.loadedAt().toString());
            }
        }
        ArrayNode traffic = root.putArray("traffic");
        totals.forEach((environment, byProduct) -> {
            Map<Long, long[]> before = sent.getOrDefault(environment, Map.of());
            byProduct.forEach((product, now) -> {
                long[] was = before.getOrDefault(product, new long[5]);
                long[] delta = new long[5];
                long requests = 0;
                for (int i = 0; i < 5; i++) {
                    delta[i] = Math.max(0, now[i] - was[i]);
                    requests += delta[i];
                }
                if (requests > 0) {
                    ObjectNode entry = traffic.addObject().put("environment", environment);
                    String name = names.get(environment + "/" + product);
                    if (!localInstances) {
                        entry.put("service_id", product);
                    }
                    if (name != null) {
                        entry.put("api", name);
                    }
                    entry.put("requests", requests).put("status_1xx", delta[0]).put("status_2xx", delta[1])
                            .put("status_3xx", delta[2]).put("status_4xx", delta[3]).put("status_5xx", delta[4]);
                }
            });
        });
        return root.toString();
    }

    /** Logs {@code message} when the reporter was working or failed otherwise. */
    private void changed(String message) {
        if (!message.equals(failing)) {
            LOG.error(message);
            failing = message;
        }
    }

    private void schedule() {
        if (!closed) {
            timer = vertx.setTimer(interval.toMillis(), id -> context.runOnContext(v -> report()));
        }
    }

    private static String excerpt(String text) {
        String line = text.replaceAll("\\s+", " ").trim();
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    /**
     * Stops reporting after a last report of what was counted since the previous one (waiting at most
     * {@value #FINAL_REPORT_MILLIS} ms for it), so a gateway stopped on purpose loses no usage.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (context != null) {
            java.util.concurrent.CompletableFuture<Void> last = new java.util.concurrent.CompletableFuture<>();
            context.runOnContext(v -> {
                closed = true;
                if (timer >= 0) {
                    vertx.cancelTimer(timer);
                }
                send().onComplete(r -> last.complete(null));
            });
            try {
                last.get(FINAL_REPORT_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                LOG.warn("the last report to the control plane did not complete within {} ms", FINAL_REPORT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closed = true;
        client.close();
    }
}
