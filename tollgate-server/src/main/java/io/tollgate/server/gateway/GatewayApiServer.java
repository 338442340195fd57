package io.tollgate.server.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tollgate.common.ErrorCode;
import io.tollgate.common.Secrets;
import io.tollgate.common.TollgateException;
import io.tollgate.common.ValidationException;
import io.tollgate.model.Json;
import io.tollgate.server.api.ProxyConfigChangesResource;
import io.tollgate.server.domain.ProxyConfigChanges;
import io.tollgate.store.GatewayDao.Gateway;
import io.tollgate.store.GatewayTrafficDao;
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
 * It serves {@code POST /gateway/api/heartbeat} (with the traffic the gateway answered since its last
 * one), {@code GET /gateway/api/proxy/configs/:env.json} (the gateway's own organization and environment,
 * without the API instances placed on other gateways) and its change notification long poll
 * {@code …/:env/changes.json}. TLS 1.2 and 1.3 only. Database work runs on the
 * worker pool {@value #WORKER_POOL}.
 */
public final class GatewayApiServer {
    public static final String WORKER_POOL = "tollgate-gateway-api-worker";
    private static final Logger LOG = LoggerFactory.getLogger(GatewayApiServer.class);
    private static final String JSON_TYPE = "application/json; charset=utf-8";
    /** The most products one heartbeat may report traffic of. */
    static final int MAX_TRAFFIC_ENTRIES = 10_000;

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
    private final ProxyConfigChanges changes;
    private WorkerExecutor workers;
    private HttpServer server;

    public GatewayApiServer(Vertx vertx, GatewayFleet fleet, GatewayRegistry registry, ConfigListing configs,
            ProxyConfigChanges changes) {
        this.vertx = vertx;
        this.fleet = fleet;
        this.registry = registry;
        this.configs = configs;
        this.changes = changes;
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
        router.get("/gateway/api/proxy/configs/:env/changes.json").handler(this::changes);
        router.get("/gateway/api/proxy/configs/:env/changes").handler(this::changes);
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
        List<GatewayTrafficDao.Hour> traffic = traffic(body.path("traffic"), gateway);
        GatewayRegistry.Entry entry = registry.heartbeat(gateway, version);
        registry.recordTraffic(gateway, traffic);
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.putObject("gateway").put("id", entry.gateway().id()).put("name", entry.gateway().name())
                .put("environment", entry.gateway().environment()).put("status", entry.status());
        return answer;
    }

    /**
     * The heartbeat's {@code traffic}: {@code [{"service_id":12,"api":"pets","environment":"production",
     * "requests":10,"status_2xx":9,"status_4xx":1,…}]}; counts are whole numbers ≥ 0 and {@code requests}
     * their sum; a local-mode instance has no {@code service_id}, only its {@code api} name.
     */
    private static List<GatewayTrafficDao.Hour> traffic(JsonNode traffic, Gateway gateway) {
        if (traffic.isMissingNode() || traffic.isNull()) {
            return List.of();
        }
        if (!traffic.isArray() || traffic.size() > MAX_TRAFFIC_ENTRIES) {
            throw ValidationException.of("traffic", "must be a list of at most " + MAX_TRAFFIC_ENTRIES + " entries");
        }
        List<GatewayTrafficDao.Hour> parts = new java.util.ArrayList<>();
        for (JsonNode t : traffic) {
            long service = t.has("service_id") ? count(t, "service_id") : 0;
            JsonNode api = t.path("api");
            if (!api.isMissingNode() && (!api.isTextual() || api.asText().isBlank() || api.asText().length() > 255)) {
                throw ValidationException.of("traffic", "api must be a name of 1 to 255 characters");
            }
            if (service == 0 && api.isMissingNode()) {
                throw ValidationException.of("traffic", "each entry needs a service_id, or the api name of a "
                        + "local-mode instance");
            }
            long[] classes = new long[5];
            long sum = 0;
            for (int k = 0; k < 5; k++) {
                classes[k] = count(t, "status_" + (k + 1) + "xx");
                sum += classes[k];
            }
            if (count(t, "requests") != sum) {
                throw ValidationException.of("traffic", "requests must be the sum of the status counts");
            }
            String env = t.path("environment").isTextual() ? GatewayRegistry.environment(t.path("environment")
                    .asText()) : gateway.environment();
            if (sum > 0) {
                parts.add(new GatewayTrafficDao.Hour(gateway.id(), service, api.isMissingNode() ? "" : api.asText(),
                        env, java.time.Instant.EPOCH, sum,
                        classes[0], classes[1], classes[2], classes[3], classes[4]));
            }
        }
        return parts;
    }

    private static long count(JsonNode entry, String field) {
        JsonNode v = entry.path(field);
        if (v.isMissingNode() && field.startsWith("status_")) {
            return 0;
        }
        if (!v.canConvertToExactIntegral() || !v.canConvertToLong() || v.asLong() < 0) {
            throw ValidationException.of("traffic", field + " must be a whole number >= 0");
        }
        return v.asLong();
    }

    private JsonNode proxyConfigs(Gateway gateway, RoutingContext ctx) {
        String asked = askedEnvironment(gateway, ctx);
        return placedOnThisOrNone(configs.list(gateway.accountId(), asked.equals("staging") ? "sandbox"
                : "production", ctx), gateway.id());
    }

    /** The environment in the path; only the gateway's own. */
    private static String askedEnvironment(Gateway gateway, RoutingContext ctx) {
        String env = ctx.pathParam("env");
        if (env.endsWith(".json")) {
            env = env.substring(0, env.length() - ".json".length());
        }
        String asked = GatewayRegistry.environment(env);
        if (!asked.equals(gateway.environment())) {
            throw new TollgateException(ErrorCode.CERTIFICATE_REFUSED, "the gateway is registered for "
                    + gateway.environment() + ", not " + asked);
        }
        return asked;
    }

    /**
     * The listing without the products placed on other gateways ({@code content.proxy.gateway.id}):
     * a gateway sees its own API instances and the products every gateway serves.
     */
    static JsonNode placedOnThisOrNone(JsonNode listing, long gatewayId) {
        JsonNode configs = listing.path("proxy_configs");
        if (!configs.isArray()) {
            return listing;
        }
        com.fasterxml.jackson.databind.node.ArrayNode array = (com.fasterxml.jackson.databind.node.ArrayNode) configs;
        for (int i = array.size() - 1; i >= 0; i--) {
            JsonNode placed = array.get(i).path("proxy_config").path("content").path("proxy").path("gateway");
            if (!placed.isMissingNode() && !placed.isNull() && placed.path("id").asLong(-1) != gatewayId) {
                array.remove(i);
            }
        }
        return listing;
    }

    /**
     * {@code GET /gateway/api/proxy/configs/:env/changes.json?since=&wait=}: the long poll of
     * {@code /admin/api/account/proxy_configs/:env/changes} for the gateway's own tenant; the wait
     * holds no worker thread.
     */
    private void changes(RoutingContext ctx) {
        X509Certificate certificate = peer(ctx);
        if (certificate == null) {
            return;
        }
        workers.<Gateway>executeBlocking(() -> {
            Gateway gateway = registry.authenticate(certificate);
            askedEnvironment(gateway, ctx);
            return gateway;
        }, false).compose(gateway -> {
            String env = gateway.environment().equals("staging") ? "sandbox" : "production";
            String waitParam = ctx.request().getParam("wait");
            int wait = ProxyConfigChangesResource.waitSeconds(waitParam == null ? null : TextNode.valueOf(waitParam));
            String sinceParam = ctx.request().getParam("since");
            String since = sinceParam == null ? "" : sinceParam.trim();
            String token = changes.token(gateway.accountId(), env);
            if (since.isEmpty() || !since.equals(token) || wait == 0) {
                return Future.succeededFuture(changed(token, !since.isEmpty() && !since.equals(token)));
            }
            java.util.concurrent.CompletableFuture<String> waiting = changes.await(gateway.accountId(), env, since,
                    java.time.Duration.ofSeconds(wait));
            ctx.request().connection().closeHandler(v -> waiting.cancel(false));
            return Future.fromCompletionStage(waiting, vertx.getOrCreateContext())
                    .map(now -> changed(now, !now.equals(since)));
        }).onComplete(result -> {
            if (result.succeeded()) {
                ctx.response().putHeader("Content-Type", JSON_TYPE).end(result.result().toString());
            } else {
                error(ctx, result.cause());
            }
        });
    }

    private static JsonNode changed(String token, boolean changed) {
        return Json.MAPPER.createObjectNode().put("token", token).put("changed", changed);
    }

    /** The client certificate, or null when there is none (then the answer is sent). */
    private static X509Certificate peer(RoutingContext ctx) {
        try {
            List<Certificate> chain = ctx.request().connection().peerCertificates();
            return (X509Certificate) chain.get(0);
        } catch (SSLPeerUnverifiedException | RuntimeException e) {
            error(ctx, new TollgateException(ErrorCode.CERTIFICATE_REFUSED, "no client certificate"));
            return null;
        }
    }

    private void blocking(RoutingContext ctx, BiFunction<Gateway, RoutingContext, JsonNode> handler) {
        X509Certificate certificate = peer(ctx);
        if (certificate == null) {
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
