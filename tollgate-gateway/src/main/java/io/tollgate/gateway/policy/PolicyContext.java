package io.tollgate.gateway.policy;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.MeterRegistry;
import io.tollgate.gateway.meter.GatewayMeter;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.time.Clock;
import java.util.function.Function;

/**
 * What policies may use: the gateway's Vert.x, its clock, the meter, shared Redis clients and the
 * metrics registry.
 *
 * @param vertx the gateway's Vert.x (timers, clients)
 * @param clock the time (windows, expiry); tests move it
 * @param meter authorize-and-report for the {@code apicast} policy
 * @param redis a shared client per Redis URL (policies must not close it)
 * @param metrics where policies register their meters
 */
public record PolicyContext(Vertx vertx, Clock clock, GatewayMeter meter, Function<String, Redis> redis,
        MeterRegistry metrics) {

    public PolicyContext {
        requireNonNull(vertx, "vertx");
        requireNonNull(clock, "clock");
        requireNonNull(meter, "meter");
        requireNonNull(redis, "redis");
        requireNonNull(metrics, "metrics");
    }
}
