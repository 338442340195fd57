package io.tollgate.server.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.common.ErrorCode;
import io.tollgate.common.Secrets;
import io.tollgate.common.TollgateException;
import io.tollgate.model.Json;
import io.tollgate.store.GatewayDao.Gateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway API: a TLS listener of its own that requires a client certificate signed by the
 * installation's CA (the handshake checks chain and validity; a certificate of another CA never gets
 * an HTTP exchange), then checks that the certificate names a registered, not deleted gateway.
 * It serves {@code POST /gateway/api/heartbeat} and {@code GET /gateway/api/proxy/configs/:env.json}
 * (the gateway's own organization and environment). TLS 1.2 and 1.3 only. Database work runs on the
 * worker pool {@value #WORKER_POOL}.
 */
public final class GatewayApiServer {
    public static final String WORKER_POOL = "tollgate-gateway-api-worker";
    private static final Logger LOG = LoggerFactory.getLogger(GatewayApiServer.class);
    private static final String JSON_TYPE = "application/json; charset=utf-8";

    /**
     * The proxy configurations of a tenant and environment ({@code production} or {@code sandbox}),
     * as the admin API's {@code /admin/api/account/proxy_configs/:env} renders them.
     */
    @FunctionalInterface
    public interface ConfigListing {
        JsonNode list(long accountId, String environment, RoutingContext request);
    }

    private final Vertx vertx;
    private final GatewayFleet fleet;
    private final GatewayRegistry registry;
    private final ConfigListing configs;
    private WorkerExecutor workers;
    private HttpServer server;

    public GatewayApiServer(Vertx vertx, GatewayFleet fleet, GatewayRegistry registry, ConfigListing configs) {
        this.vertx = vertx;
        this.fleet = fleet;
        this.registry = registry;
        this.configs = configs;
    }

    /** Issues the listener's certificate and starts listening; blocks on the CA (call it off the event loop). */
    public Future<Integer> start(String host, int port) {
        CertificateAuthority ca = fleet.certificateAuthority();
        CertificateAuthority.ServerCredentials credentials = ca.issueServer(fleet.settings().gatewayApiHosts());
        workers = vertx.createSharedWorkerExecutor(WORKER_POOL, 4, 60, TimeUnit.SECONDS);
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create().setBodyLimit(64 * 1024));
        router.post("/gateway/api/heartbeat").handler(ctx -> blocking(ctx, this::heartbeat));
        router.get("/gateway/api/proxy/configs/:env").handler(ctx -> blocking(ctx, this::proxyConfigs));
        router.errorHandler(404, ctx -> error(ctx, new TollgateException(ErrorCode.NOT_FOUND)));
        HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port).setSsl(true)
                .setKeyCertOptions(new PemKeyCertOptions()
                        .addCertValue(Buffer.buffer(credentials.certificateChainPem()))
                        .addKeyValue(Buffer.buffer(credentials.privateKeyPem())))
                .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(ca.certificatePem())))
                .setClientAuth(ClientAuth.REQUIRED)
                .setEnabledSecureTransportProtocols(Set.of("TLSv1.2", "TLSv1.3"));
        server = vertx.createHttpServer(options);
        return server.requestHandler(router).listen().map(HttpServer::actualPort).onSuccess(bound -> {
            fleet.gatewayApiListening(bound);
            LOG.info("Gateway API (mTLS) listening on https://{}:{}", host, bound);
        });
    }

    public Future<Void> stop() {
        Future<Void> closing = server == null ? Future.succeededFuture() : server.close();
        return closing.eventually(() -> workers == null ? Future.succeededFuture() : workers.close());
    }

    private JsonNode heartbeat(Gateway gateway, RoutingContext ctx) {
        JsonNode body = parse(ctx);
        String version = body.path("version").isValueNode() ? body.path("version").asText() : null;
        GatewayRegistry.Entry entry = registry.heartbeat(gateway, version);
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.putObject("gateway").put("id", entry.gateway().id()).put("name", entry.gateway().name())
                .put("environment", entry.gateway().environment()).put("status", entry.status());
        return answer;
    }

    private JsonNode proxyConfigs(Gateway gateway, RoutingContext ctx) {
        String env = ctx.pathParam("env");
        if (env.endsWith(".json")) {
            env = env.substring(0, env.length() - ".json".length());
        }
        String asked = GatewayRegistry.environment(env);
        if (!asked.equals(gateway.environment())) {
            throw new TollgateException(ErrorCode.CERTIFICATE_REFUSED, "the gateway is registered for "
                    + gateway.environment() + ", not " + asked);
        }
        return configs.list(gateway.accountId(), asked.equals("staging") ? "sandbox" : "production", ctx);
    }

    private void blocking(RoutingContext ctx, BiFunction<Gateway, RoutingContext, JsonNode> handler) {
        X509Certificate certificate;
        try {
            List<Certificate> chain = ctx.request().connection().peerCertificates();
            certificate = (X509Certificate) chain.get(0);
        } catch (SSLPeerUnverifiedException | RuntimeException e) {
            error(ctx, new TollgateException(ErrorCode.CERTIFICATE_REFUSED, "no client certificate"));
            return;
        }
        workers.<JsonNode>executeBlocking(() -> handler.apply(registry.authenticate(certificate), ctx), false)
                .onComplete(result -> {
                    if (result.succeeded()) {
                        ctx.response().putHeader("Content-Type", JSON_TYPE).end(result.result().toString());
                    } else {
                        error(ctx, result.cause());
                    }
                });
    }

    private static JsonNode parse(RoutingContext ctx) {
        String text = ctx.body() == null ? null : ctx.body().asString();
        if (text == null || text.isBlank()) {
            return Json.MAPPER.createObjectNode();
        }
        try {
            return Json.MAPPER.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new TollgateException(ErrorCode.MALFORMED_BODY, "JSON", e.getOriginalMessage());
        }
    }

    private static void error(RoutingContext ctx, Throwable failure) {
        if (ctx.response().ended()) {
            return;
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        int status;
        if (failure instanceof TollgateException known) {
            status = known.errorCode().httpStatus();
            body.put("error", known.getMessage()).put("code", known.errorCode().code());
        } else {
            String reference = Secrets.randomHex(6);
            LOG.error("Gateway API request {} {} failed (reference {})", ctx.request().method(), ctx.normalizedPath(),
                    reference, failure);
            status = 500;
            body.put("error", ErrorCode.INTERNAL.message(reference)).put("code", ErrorCode.INTERNAL.code());
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", JSON_TYPE).end(body.toString());
    }
}
