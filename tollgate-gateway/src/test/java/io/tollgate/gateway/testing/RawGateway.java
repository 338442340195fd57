package io.tollgate.gateway.testing;

import static io.tollgate.gateway.testing.ProductJson.product;
import static io.tollgate.gateway.testing.TestMeter.hitsId;
import static io.tollgate.gateway.testing.TestMeter.limit;

import io.tollgate.gateway.server.GatewayOptions;
import io.tollgate.meter.Period;

/**
 * A {@link GatewayHarness} whose one product ({@code api.example.com}, user_key {@code k}, every
 * method on {@code /} mapped) proxies to a {@link RawUpstream}: for the tests that talk raw bytes.
 */
public final class RawGateway implements AutoCloseable {
    public static final String HOST = "api.example.com";

    public final GatewayHarness gw;
    public final RawUpstream upstream = RawUpstream.start();

    private final java.util.List<ProductJson> products = new java.util.ArrayList<>();

    private RawGateway(GatewayOptions options) {
        gw = GatewayHarness.start(options);
        gw.meter.service(7).plan(70, 7, limit(hitsId(7), Period.MINUTE, 1_000_000_000L))
                .userKeyApp(700, 7, 70, "k").publish();
        products.add(mapped(product(7, HOST).apiBackend(upstream.url())));
        gw.load(products.toArray(ProductJson[]::new));
    }

    /** Every method on {@code /} counts a hit. */
    private static ProductJson mapped(ProductJson p) {
        for (String method : new String[] {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"}) {
            p.rule(method, "/", "hits");
        }
        return p;
    }

    /** Adds product {@code id} for {@code host} (user_key {@code k<id>}) proxying to {@code url}. */
    public RawGateway route(long id, String host, String url) {
        gw.meter.service(id).plan(id * 10, id).userKeyApp(id * 100, id, id * 10, "k" + id).publish();
        products.add(mapped(product(id, host).apiBackend(url)));
        gw.load(products.toArray(ProductJson[]::new));
        return this;
    }

    public static RawGateway start() {
        return new RawGateway(GatewayOptions.builder().accessLog(false).build());
    }

    public static RawGateway start(GatewayOptions options) {
        return new RawGateway(options);
    }

    public int port() {
        return gw.port();
    }

    @Override
    public void close() {
        gw.close();
        upstream.close();
    }
}
