package io.tollgate.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.common.ErrorCode;
import io.tollgate.common.Secrets;
import io.tollgate.common.TollgateException;
import io.tollgate.common.ValidationException;
import io.tollgate.store.Database;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API over HTTP (Vert.x). The event loop only parses and writes; authentication and the
 * resource handlers run on the named worker pool {@value #WORKER_POOL}, where blocking on the
 * database is allowed. A handler that must wait (a long poll) returns {@link ApiResponse#later}, so
 * that no worker thread is held while it waits.
 */
public final class AdminApiServer {
    public static final String WORKER_POOL = "tollgate-admin-worker";
    private static final Logger LOG = LoggerFactory.getLogger(AdminApiServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_TYPE = "application/json; charset=utf-8";

    /** Listening address and limits. */
    public record Options(String host, int port, int maxBodyBytes, int workerPoolSize) {
        public static final int DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;
    }

    private final Vertx vertx;
    private final Options options;
    private final Authenticator authenticator;
    private final Routes routes;
    private final AuditTrail audit;
    private WorkerExecutor workers;
    private HttpServer server;

    public AdminApiServer(Vertx vertx, Options options, Authenticator authenticator, Routes routes,
            AuditTrail audit) {
        this.audit = audit;
        this.vertx = vertx;
        this.options = options;
        this.authenticator = authenticator;
        this.routes = routes;
    }

    /** Starts listening; the future completes with the bound port. */
    public Future<Integer> start() {
        workers = vertx.createSharedWorkerExecutor(WORKER_POOL, options.workerPoolSize(), 60, TimeUnit.SECONDS);
        Router router = Router.router(vertx);
        router.route().handler(this::stripFormat);
        for (Routes.Route route : routes.all()) {
            router.route(HttpMethod.valueOf(route.method()), route.path()).handler(ctx -> readBody(ctx, route));
        }
        router.errorHandler(404, ctx -> writeError(ctx, new TollgateException(ErrorCode.NOT_FOUND)));
        router.errorHandler(405, ctx -> writeError(ctx, new TollgateException(ErrorCode.METHOD_NOT_ALLOWED,
                ctx.request().method().name(), ctx.normalizedPath())));
        server = vertx.createHttpServer(new HttpServerOptions().setHost(options.host()).setPort(options.port())
                .setCompressionSupported(true));
        return server.requestHandler(router).listen().map(HttpServer::actualPort)
                .onSuccess(port -> LOG.info("Admin API listening on http://{}:{}", options.host(), port));
    }

    public Future<Void> stop() {
        Future<Void> closing = server == null ? Future.succeededFuture() : server.close();
        return closing.eventually(() -> workers == null ? Future.succeededFuture() : workers.close());
    }

    /** {@code /x.json} is routed as {@code /x}; {@code /x.xml} is refused with 406. */
    private void stripFormat(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (path.endsWith(".json")) {
            ctx.reroute(ctx.request().method(), stripSuffix(ctx.request().uri(), ".json"));
        } else if (path.endsWith(".xml")) {
            writeError(ctx, new TollgateException(ErrorCode.UNSUPPORTED_FORMAT, "xml"));
        } else {
            ctx.next();
        }
    }

    private static String stripSuffix(String uri, String suffix) {
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        String rest = query < 0 ? "" : uri.substring(query);
        return path.substring(0, path.length() - suffix.length()) + rest;
    }

    private void readBody(RoutingContext ctx, Routes.Route route) {
        HttpServerRequest request = ctx.request();
        String declared = request.getHeader("Content-Length");
        if (declared != null && parseLong(declared) > options.maxBodyBytes()) {
            writeError(ctx, new TollgateException(ErrorCode.PAYLOAD_TOO_LARGE, options.maxBodyBytes()));
            return;
        }
        Buffer body = Buffer.buffer();
        boolean[] tooLarge = {false};
        request.handler(chunk -> {
            if (tooLarge[0]) {
                return;
            }
            if (body.length() + chunk.length() > options.maxBodyBytes()) {
                tooLarge[0] = true;
                writeError(ctx, new TollgateException(ErrorCode.PAYLOAD_TOO_LARGE, options.maxBodyBytes()));
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.endHandler(v -> {
            if (!tooLarge[0]) {
                dispatch(ctx, route, body);
            }
        });
        request.resume();
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void dispatch(RoutingContext ctx, Routes.Route route, Buffer body) {
        HttpServerRequest request = ctx.request();
        ObjectNode params;
        try {
            params = RequestParams.merge(request.query(), request.getHeader("Content-Type"), body, ctx.pathParams());
        } catch (TollgateException e) {
            writeError(ctx, e);
            return;
        }
        if (params.has(RequestParams.ARRAY_BODY) && !route.acceptsArrayBody()) {
            writeError(ctx, new MalformedBodyException("JSON", "expected an object at the top level, got an array"));
            return;
        }
        Credentials credentials = Credentials.from(params, request.getHeader("Authorization"));
        String baseUrl = request.scheme() + "://" + request.authority();
        Map<String, String> pathParams = new LinkedHashMap<>(ctx.pathParams());
        long started = System.nanoTime();
        workers.<ApiResponse>executeBlocking(() -> {
            Principal principal = route.access().isAnonymous() ? null : authorize(credentials, route.access());
            ApiRequest apiRequest = new ApiRequest(principal, route.method(), route.path(), pathParams, params,
                    baseUrl);
            ApiResponse response = route.handler().handle(apiRequest);
            if (!route.method().equals("GET") && principal != null) {
                audit.record(apiRequest, response);
            }
            return response;
        }, false).onComplete(result -> {
            Runnable logLine = () -> LOG.debug("{} {} -> {} in {} ms", route.method(), ctx.normalizedPath(),
                    ctx.response().getStatusCode(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            if (result.succeeded() && result.result().later() != null) {
                deferred(ctx, result.result().later(), logLine);
                return;
            }
            if (result.succeeded()) {
                write(ctx, result.result());
            } else {
                writeError(ctx, result.cause());
            }
            logLine.run();
        });
    }

    /**
     * Writes {@code later}'s response on this request's event loop when it completes; the worker thread
     * that returned it is already free. A client that goes away cancels it, so a waiter is forgotten.
     */
    private static void deferred(RoutingContext ctx, CompletableFuture<ApiResponse> later, Runnable logLine) {
        Context context = Vertx.currentContext();
        ctx.response().closeHandler(v -> later.cancel(false));
        later.whenComplete((response, failure) -> context.runOnContext(v -> {
            if (failure instanceof CancellationException) {
                return;
            }
            if (failure != null) {
                writeError(ctx, failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure);
            } else {
                write(ctx, response);
            }
            logLine.run();
        }));
    }

    private Principal authorize(Credentials credentials, Access access) {
        Principal principal = authenticator.authenticate(credentials)
                .orElseThrow(() -> new TollgateException(ErrorCode.ACCESS_DENIED));
        if (access.masterOnly() && !principal.isMaster()) {
            throw new TollgateException(ErrorCode.ACCESS_DENIED);
        }
        boolean scoped = access.scopes().stream().anyMatch(principal.scopes()::contains);
        if (!scoped || (access.writes() && !principal.canWrite())) {
            throw new TollgateException(ErrorCode.INSUFFICIENT_PERMISSIONS);
        }
        return principal;
    }

    private static void write(RoutingContext ctx, ApiResponse response) {
        if (ctx.response().ended()) {
            return;
        }
        response.headers().forEach(ctx.response()::putHeader);
        ctx.response().setStatusCode(response.status());
        if (response.body() == null) {
            ctx.response().putHeader("Content-Type", JSON_TYPE).end();
            return;
        }
        try {
            ctx.response().putHeader("Content-Type", JSON_TYPE).end(Buffer.buffer(JSON.writeValueAsBytes(response.body())));
        } catch (JsonProcessingException e) {
            writeError(ctx, e);
        }
    }

    private static void writeError(RoutingContext ctx, Throwable failure) {
        if (ctx.response().ended()) {
            return;
        }
        Optional<String> uniqueIndex = Database.violatedUniqueIndex(failure);
        if (uniqueIndex.isPresent()) {
            failure = ValidationException.of(UniqueIndexes.field(uniqueIndex.get()), "has already been taken");
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        int status;
        if (failure instanceof ValidationException validation) {
            status = 422;
            ObjectNode errors = body.putObject("errors");
            validation.errors().forEach((field, messages) -> messages.forEach(m -> errors.withArray(field).add(m)));
        } else if (failure instanceof DeleteRefusedException refused) {
            status = refused.errorCode().httpStatus();
            body.putObject("errors").putArray("base").add(refused.getMessage());
        } else if (failure instanceof TollgateException known) {
            status = known.errorCode().httpStatus();
            switch (known.errorCode()) {
                case NOT_FOUND -> body.put("status", "Not found");
                case ACCESS_DENIED, INSUFFICIENT_PERMISSIONS -> body.put("error", known.getMessage());
                default -> body.put("error", known.getMessage()).put("code", known.errorCode().code());
            }
        } else {
            String reference = Secrets.randomHex(6);
            LOG.error("Admin API request {} {} failed (reference {})", ctx.request().method(), ctx.normalizedPath(),
                    reference, failure);
            status = 500;
            body.put("error", ErrorCode.INTERNAL.message(reference)).put("code", ErrorCode.INTERNAL.code());
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", JSON_TYPE)
                .end(Buffer.buffer(body.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
