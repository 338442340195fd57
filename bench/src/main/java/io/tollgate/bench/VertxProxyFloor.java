package io.tollgate.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * The floor under the gateway's numbers in bench/gateway.sh: the least a Vert.x HTTP proxy does — one
 * listener per core, a pooled keep-alive client, headers copied, bodies buffered — with no routing,
 * credentials, rules, meter, limits, policies, logs or metrics. What the gateway costs above this is
 * Tollgate's; what this costs above nginx is the framework's.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.tollgate.bench.VertxProxyFloor --port=18184 --upstream-port=18181</pre>
 */
public final class VertxProxyFloor {
    private VertxProxyFloor() {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(arg(args, "port", "18184"));
        int upstreamPort = Integer.parseInt(arg(args, "upstream-port", "18181"));
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
        vertx.deployVerticle(() -> new Proxy(port, upstreamPort),
                new DeploymentOptions().setInstances(Runtime.getRuntime().availableProcessors())).await();
        System.out.println("ready " + port + " native=" + vertx.isNativeTransportEnabled());
        System.out.flush();
    }

    private static final class Proxy extends VerticleBase {
        private final int port;
        private final int upstreamPort;
        private HttpClient client;

        Proxy(int port, int upstreamPort) {
            this.port = port;
            this.upstreamPort = upstreamPort;
        }

        @Override
        public Future<?> start() {
            client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                    new PoolOptions().setHttp1MaxSize(64));
            return vertx.createHttpServer().requestHandler(this::forward).listen(port, "127.0.0.1");
        }

        private void forward(HttpServerRequest request) {
            RequestOptions options = new RequestOptions().setMethod(request.method()).setHost("127.0.0.1")
                    .setPort(upstreamPort).setURI(request.uri());
            // The body is buffered (the benchmark sends none); the gateway streams it.
            request.body().compose(body -> client.request(options).compose(upstream -> {
                upstream.headers().addAll(request.headers());
                return upstream.send(body).compose(response -> {
                    request.response().setStatusCode(response.statusCode()).headers().addAll(response.headers());
                    return response.body();
                });
            })).onSuccess(body -> request.response().end(body))
                    .onFailure(e -> request.response().setStatusCode(502).end());
        }
    }

    private static String arg(String[] args, String name, String fallback) {
        for (String a : args) {
            if (a.startsWith("--" + name + "=")) {
                return a.substring(name.length() + 3);
            }
        }
        return fallback;
    }
}
