package io.tollgate.meter.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class MetricsEndpointTest extends ApiServerSupport {

    @Test
    void metricsAreServedInPrometheusFormatWhenGiven() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.counter("tollgate_meter_store_failures").increment(3);
        start(new FakeEngine(), MeterServer.Options.of("127.0.0.1", 0), registry::scrape);
        HttpResponse<String> r = get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(r.body()).contains("tollgate_meter_store_failures_total 3.0");
        assertThat(get("/check.txt").body()).isEqualTo("ok");
    }

    @Test
    void withoutMetricsThePathIsUnknown() throws Exception {
        start(new FakeEngine());
        assertThat(get("/metrics").statusCode()).isEqualTo(404);
    }
}
