package io.tollgate.gateway.metrics;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tollgate.gateway.image.GatewayImage;
import io.tollgate.gateway.image.ImageHolder;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The gateway's Prometheus metrics for one environment: requests by product and status, latency
 * histograms (total, upstream, meter), meter failures, unknown hosts, and the configuration's
 * generation, size and age. Histograms are per environment (not per product: 10,000 products would
 * make 10,000 histograms); counters are per product and status, cached so that the request path does
 * a map get and an array read.
 */
public final class GatewayMetrics {
    private static final Duration[] SLOS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60)};

    private final MeterRegistry registry;
    private final String environment;
    private final Timer latency;
    private final Timer upstreamLatency;
    private final Timer meterLatency;
    private final Counter meterFailures;
    private final Counter unknownHost;
    private final Counter rejected;
    private final ConcurrentHashMap<Long, AtomicReferenceArray<Counter>> requests = new ConcurrentHashMap<>();

    public GatewayMetrics(MeterRegistry registry, String environment, ImageHolder images, Clock clock) {
        this.registry = requireNonNull(registry, "registry");
        this.environment = requireNonNull(environment, "environment");
        this.latency = timer("tollgate_gateway_request_duration", "Time from request to response end");
        this.upstreamLatency = timer("tollgate_gateway_upstream_duration", "Time the upstream took to answer");
        this.meterLatency = timer("tollgate_gateway_meter_duration", "Time the meter took to authorize");
        this.meterFailures = Counter.builder("tollgate_gateway_meter_failures")
                .description("Requests the meter could not answer").tag("environment", environment).register(registry);
        this.unknownHost = Counter.builder("tollgate_gateway_unknown_host")
                .description("Requests for a host no product serves").tag("environment", environment)
                .register(registry);
        this.rejected = Counter.builder("tollgate_gateway_rejected_requests")
                .description("Requests refused before routing (limits, framing, bad paths)")
                .tag("environment", environment).register(registry);
        Gauge.builder("tollgate_gateway_config_generation", images, h -> h.current().generation())
                .description("Configuration images published so far").tag("environment", environment).register(registry);
        Gauge.builder("tollgate_gateway_config_products", images, h -> h.current().byId().size())
                .description("Products in the current configuration").tag("environment", environment).register(registry);
        Gauge.builder("tollgate_gateway_config_age_seconds", images, h -> age(h.current(), clock))
                .description("Seconds since the current configuration was loaded").tag("environment", environment)
                .register(registry);
    }

    private Timer timer(String name, String description) {
        return Timer.builder(name).description(description).tag("environment", environment)
                .serviceLevelObjectives(SLOS).register(registry);
    }

    private static double age(GatewayImage image, Clock clock) {
        return image.loaded() ? Duration.between(image.loadedAt(), clock.instant()).toMillis() / 1000.0 : -1;
    }

    /** One request that reached a product. */
    public void request(long productId, int status, long totalNanos, long upstreamNanos, long meterNanos) {
        counter(productId, status).increment();
        latency.record(totalNanos, TimeUnit.NANOSECONDS);
        if (upstreamNanos > 0) {
            upstreamLatency.record(upstreamNanos, TimeUnit.NANOSECONDS);
        }
        if (meterNanos > 0) {
            meterLatency.record(meterNanos, TimeUnit.NANOSECONDS);
        }
    }

    public void meterFailure() {
        meterFailures.increment();
    }

    public void unknownHost() {
        unknownHost.increment();
    }

    public void rejected() {
        rejected.increment();
    }

    public String environment() {
        return environment;
    }

    /**
     * Requests answered so far per product and status class: {@code [1xx, 2xx, 3xx, 4xx, 5xx]} by product
     * id, counted since start (what the reporter uploads the differences of). Reads the counters, so the
     * request path pays nothing for it.
     */
    public java.util.Map<Long, long[]> requestTotals() {
        java.util.Map<Long, long[]> totals = new java.util.HashMap<>();
        requests.forEach((product, byStatus) -> {
            long[] classes = new long[5];
            for (int status = 0; status < byStatus.length(); status++) {
                Counter c = byStatus.get(status);
                if (c != null) {
                    int k = status >= 100 ? status / 100 - 1 : 4; // unknown statuses count as server errors
                    classes[k] += (long) c.count();
                }
            }
            totals.put(product, classes);
        });
        return totals;
    }

    private Counter counter(long productId, int status) {
        AtomicReferenceArray<Counter> byStatus = requests.computeIfAbsent(productId, id -> new AtomicReferenceArray<>(600));
        int index = status >= 100 && status < 600 ? status : 0;
        Counter c = byStatus.get(index);
        if (c == null) {
            c = Counter.builder("tollgate_gateway_requests").description("Requests by product and status")
                    .tag("environment", environment).tag("product", Long.toString(productId))
                    .tag("status", Integer.toString(status)).register(registry);
            byStatus.set(index, c);
        }
        return c;
    }
}
