package io.tollgate.gateway.pipeline;

import static java.util.Objects.requireNonNull;

import io.tollgate.gateway.config.ProductConfig.GatewayResponse;
import io.tollgate.gateway.credentials.AppCredentials;
import io.tollgate.gateway.credentials.RequestView;
import io.tollgate.gateway.http.QueryArgs;
import io.tollgate.gateway.image.CompiledProduct;
import io.tollgate.gateway.mapping.MappingRules;
import io.tollgate.gateway.meter.Authorization;
import io.tollgate.gateway.policy.Phase;
import io.tollgate.gateway.policy.Policy;
import io.tollgate.gateway.upstream.UpstreamTarget;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * One request on its way through a product's policy chain: what the policies read and change (path,
 * query, headers, credentials, usage, upstream), and the controls that move it on
 * ({@link #proceed()}) or answer it ({@link #respond}).
 *
 * <p><b>Threading.</b> An exchange lives on its connection's event loop. {@link #proceed()} and
 * {@link #respond} may be called from any thread (a Redis reply, a timer): they hop back to the
 * exchange's context first. Everything else must be called on that context, which is where phase
 * methods run.
 */
public final class Exchange implements RequestView {
    private static final int DRAIN_LIMIT = 64 * 1024;

    /** A typed slot for policy state carried by one exchange. Compare by identity. */
    public static final class Key<T> {
        private final String name;

        private Key(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    public static <T> Key<T> key(String name) {
        return new Key<>(name);
    }

    /** What carries an exchange on once the request phases are done, and what hears that it finished. */
    public interface Services {
        /** Sends the request upstream and streams the answer back (calls {@link #beforeResponse} first). */
        void forward(Exchange exchange);

        /** The exchange is over (response sent or connection gone): access log, metrics. */
        void completed(Exchange exchange);

        /** The largest body the gateway reads into memory (a form body for credentials). */
        long maxBufferedBody();
    }

    private final HttpServerRequest request;
    private final Context context;
    private final CompiledProduct product;
    private final Services services;
    private final String clientAddress;
    private final long startNanos = System.nanoTime();

    private String path;
    private String query;
    private QueryArgs args;
    private QueryArgs formArgs;
    private Buffer body;
    private AppCredentials credentials = AppCredentials.NONE;
    private MappingRules.Usage usage;
    private UpstreamTarget upstream;
    private String upstreamPath;
    private String upstreamHost;
    private Authorization authorization;
    private Map<Key<?>, Object> attributes;
    private long meterNanos;
    private long upstreamStartNanos;

    private Phase phase = Phase.REWRITE;
    private int index = -1;
    private boolean answered;
    private boolean completed;
    private String responder = "upstream";

    /**
     * @param request the client's request
     * @param context the request's event-loop context
     * @param product the product the request's host belongs to
     * @param services where the exchange goes after its request phases
     * @param clientAddress the client's IP address (after trusted proxies)
     * @param path the normalized path
     * @param query the raw query string, or null
     */
    public Exchange(HttpServerRequest request, Context context, CompiledProduct product, Services services,
            String clientAddress, String path, String query) {
        this.request = requireNonNull(request, "request");
        this.context = requireNonNull(context, "context");
        this.product = requireNonNull(product, "product");
        this.services = requireNonNull(services, "services");
        this.clientAddress = requireNonNull(clientAddress, "clientAddress");
        this.path = requireNonNull(path, "path");
        this.query = query;
        this.upstream = product.defaultUpstream();
    }

    // ---- control ----------------------------------------------------------------------------------

    /** Starts the request phases. */
    public void start() {
        proceed();
    }

    /**
     * Lets the next policy of the current phase run; after the last policy of the last request phase
     * the request goes upstream. Ignored once the exchange was answered.
     */
    public void proceed() {
        if (Vertx.currentContext() != context) {
            context.runOnContext(v -> proceed());
            return;
        }
        if (answered) {
            return;
        }
        Policy[] policies = product.chain().phase(phase);
        index++;
        while (index >= policies.length) {
            if (phase == Phase.UPSTREAM) {
                phase = Phase.RESPONSE;
                upstreamStartNanos = System.nanoTime();
                try {
                    services.forward(this);
                } catch (RuntimeException e) {
                    fail(e);
                }
                return;
            }
            phase = Phase.values()[phase.ordinal() + 1];
            index = 0;
            policies = product.chain().phase(phase);
        }
        Policy policy = policies[index];
        try {
            invoke(policy);
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    private void invoke(Policy policy) {
        switch (phase) {
            case REWRITE -> policy.onRewrite(this);
            case ACCESS -> policy.onAccess(this);
            case UPSTREAM -> policy.onUpstream(this);
            default -> throw new IllegalStateException("not a request phase: " + phase);
        }
    }

    /** Answers with one of the product's gateway responses. */
    public void respond(GatewayResponse response) {
        respond(response.status(), response.contentType(), product.encoded(response));
    }

    /** Answers the request with the gateway's own response (the response phase runs on it first). */
    public void respond(int status, String contentType, String body) {
        respond(status, contentType, body == null ? Buffer.buffer() : Buffer.buffer(body, "UTF-8"));
    }

    /** Answers the request with the gateway's own response (the response phase runs on it first). */
    public void respond(int status, String contentType, Buffer body) {
        if (Vertx.currentContext() != context) {
            context.runOnContext(v -> respond(status, contentType, body));
            return;
        }
        if (answered) {
            return;
        }
        answered = true;
        responder = "gateway";
        HttpServerResponse response = request.response();
        if (response.headWritten()) {
            request.connection().close();
            finish();
            return;
        }
        response.setStatusCode(status);
        if (contentType != null && !contentType.isEmpty()) {
            response.headers().set(HttpHeaders.CONTENT_TYPE, contentType);
        }
        beforeResponse();
        discardUnreadBody(response);
        response.end(body).onComplete(done -> finish());
    }

    /** A policy or the gateway failed unexpectedly: 500, with a reference the error log carries too. */
    public void fail(Throwable error) {
        String reference = io.tollgate.common.Secrets.randomHex(6);
        org.slf4j.LoggerFactory.getLogger(Exchange.class).error("request {} {} for {} failed (reference {})",
                request.method(), path, product.config().label(), reference, error);
        respond(500, "text/plain; charset=utf-8", "Internal Server Error (reference " + reference + ")\n");
    }

    /**
     * The response phase: every policy's {@link Policy#onResponse}, in chain order, on the status and
     * headers about to be sent. Called once, by the forwarder for an upstream response and by
     * {@link #respond} for the gateway's own.
     */
    public void beforeResponse() {
        phase = Phase.RESPONSE;
        for (Policy policy : product.chain().phase(Phase.RESPONSE)) {
            try {
                policy.onResponse(this);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(Exchange.class).warn("policy {} failed in the response phase: {}",
                        policy, e.toString());
            }
        }
    }

    /** Marks the exchange over: the log phase runs, then access log and metrics. Idempotent. */
    public void finish() {
        if (completed) {
            return;
        }
        completed = true;
        answered = true;
        phase = Phase.LOG;
        for (Policy policy : product.chain().phase(Phase.LOG)) {
            try {
                policy.onLog(this);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(Exchange.class).warn("policy {} failed in the log phase: {}",
                        policy, e.toString());
            }
        }
        services.completed(this);
    }

    /**
     * A small unread body is read and dropped so the connection can be reused; a large one is not
     * worth it: the connection closes after the response.
     */
    private void discardUnreadBody(HttpServerResponse response) {
        if (request.isEnded() || body != null) {
            return;
        }
        if (io.tollgate.gateway.http.Bodies.expected(request)) {
            long declared = io.tollgate.gateway.http.Bodies.declaredLength(request);
            if (request.version() != io.vertx.core.http.HttpVersion.HTTP_2 && (declared < 0 || declared > DRAIN_LIMIT)) {
                response.headers().set(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
                return;
            }
        }
        request.handler(chunk -> { });
        request.resume();
    }

    /** Whether the exchange was answered (by a policy, the gateway, or the upstream). */
    public boolean answered() {
        return answered;
    }

    /** Marks that the upstream's response is being sent (no policy may answer any more). */
    public void answeredByUpstream() {
        answered = true;
    }

    /** "gateway" when the gateway (or a policy) answered, "upstream" otherwise: for logs and metrics. */
    public String responder() {
        return responder;
    }

    // ---- request ----------------------------------------------------------------------------------

    /** The client's request (headers, method, connection). */
    public HttpServerRequest request() {
        return request;
    }

    /** The response to the client (status and headers in the response phase). */
    public HttpServerResponse response() {
        return request.response();
    }

    /** The request's event-loop context. */
    public Context context() {
        return context;
    }

    public CompiledProduct product() {
        return product;
    }

    /** The request method, upper case. */
    public String method() {
        return request.method().name();
    }

    /** The normalized path the rules match (no query). */
    public String path() {
        return path;
    }

    /** Rewrites the path (url_rewriting); the upstream gets it unless a routing policy changes it again. */
    public void setPath(String path) {
        this.path = requireNonNull(path, "path");
    }

    /** The raw query string, or null. */
    public String query() {
        return query;
    }

    public void setQuery(String query) {
        this.query = query == null || query.isEmpty() ? null : query;
        this.args = null;
    }

    /** The headers sent upstream: the client's, as policies changed them. */
    public MultiMap requestHeaders() {
        return request.headers();
    }

    @Override
    public String header(String name) {
        return request.getHeader(name);
    }

    @Override
    public QueryArgs args() {
        if (args == null) {
            QueryArgs parsed = QueryArgs.parse(query);
            args = formArgs == null ? parsed : parsed.with(formArgs);
        }
        return args;
    }

    /** The client's IP address: the peer's, or what trusted proxies said it is. */
    public String clientAddress() {
        return clientAddress;
    }

    /** Nanos since the request arrived. */
    public long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }

    public long startNanos() {
        return startNanos;
    }

    /**
     * Whether the request has a form-encoded body the gateway may read for arguments (POST, PUT or
     * PATCH with {@code application/x-www-form-urlencoded}).
     */
    public boolean hasFormBody() {
        String method = method();
        if (!method.equals("POST") && !method.equals("PUT") && !method.equals("PATCH")) {
            return false;
        }
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        return type != null && type.regionMatches(true, 0, "application/x-www-form-urlencoded", 0, 33);
    }

    /**
     * Reads the whole body into memory (at most {@link Services#maxBufferedBody()} bytes; more fails
     * the future with {@link BodyTooLargeException}); a form body's fields join {@link #args()}. The
     * upstream then gets the buffered body. Completes on the exchange's context.
     */
    public Future<Buffer> bufferBody() {
        if (body != null) {
            return Future.succeededFuture(body);
        }
        if (request.isEnded()) {
            body = Buffer.buffer();
            return Future.succeededFuture(body);
        }
        Promise<Buffer> promise = Promise.promise();
        Buffer collected = Buffer.buffer();
        long limit = services.maxBufferedBody();
        boolean[] over = {false};
        request.handler(chunk -> {
            if (over[0]) {
                return;
            }
            if (collected.length() + (long) chunk.length() > limit) {
                over[0] = true;
                request.pause();
                promise.tryFail(new BodyTooLargeException(limit));
                return;
            }
            collected.appendBuffer(chunk);
        });
        request.exceptionHandler(promise::tryFail);
        request.endHandler(v -> {
            if (!over[0]) {
                body = collected;
                if (hasFormBody()) {
                    formArgs = QueryArgs.parse(collected.toString(StandardCharsets.UTF_8));
                    args = null;
                }
                promise.tryComplete(collected);
            }
        });
        request.resume();
        return promise.future();
    }

    /** The body read by {@link #bufferBody()}, or null when it streams. */
    public Buffer bufferedBody() {
        return body;
    }

    // ---- what the apicast policy works out ---------------------------------------------------------

    public AppCredentials credentials() {
        return credentials;
    }

    public void setCredentials(AppCredentials credentials) {
        this.credentials = requireNonNull(credentials, "credentials");
    }

    /** The usage the matched rules add up to (created on first use). */
    public MappingRules.Usage usage() {
        if (usage == null) {
            usage = new MappingRules.Usage();
        }
        return usage;
    }

    /** Whether any usage was counted. */
    public boolean hasUsage() {
        return usage != null && !usage.isEmpty();
    }

    /** The meter's answer, once the apicast policy asked. */
    public Authorization authorization() {
        return authorization;
    }

    public void setAuthorization(Authorization authorization) {
        this.authorization = authorization;
    }

    /** Adds time spent waiting for the meter. */
    public void addMeterNanos(long nanos) {
        meterNanos += nanos;
    }

    public long meterNanos() {
        return meterNanos;
    }

    /** Nanos since the request was handed to the upstream, or 0 if it never was. */
    public long upstreamNanos() {
        return upstreamStartNanos == 0 ? 0 : System.nanoTime() - upstreamStartNanos;
    }

    // ---- upstream ---------------------------------------------------------------------------------

    /** Where the request goes, or null when nothing routed it (answered 503). */
    public UpstreamTarget upstream() {
        return upstream;
    }

    public void setUpstream(UpstreamTarget upstream) {
        this.upstream = upstream;
    }

    /** The path sent upstream (before the upstream's base path): the request path unless a policy replaced it. */
    public String upstreamPath() {
        return upstreamPath == null ? path : upstreamPath;
    }

    public void setUpstreamPath(String upstreamPath) {
        this.upstreamPath = upstreamPath;
    }

    /** The Host header sent upstream when a policy chose one (routing's host_header), else null. */
    public String upstreamHost() {
        return upstreamHost;
    }

    public void setUpstreamHost(String upstreamHost) {
        this.upstreamHost = upstreamHost;
    }

    // ---- attributes -------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    public <T> T get(Key<T> key) {
        return attributes == null ? null : (T) attributes.get(key);
    }

    public <T> void put(Key<T> key, T value) {
        if (attributes == null) {
            attributes = new IdentityHashMap<>(4);
        }
        attributes.put(key, value);
    }

    /** The current phase. */
    public Phase phase() {
        return phase;
    }

    /** The body was larger than the gateway reads into memory. */
    public static final class BodyTooLargeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BodyTooLargeException(long limit) {
            super("body larger than " + limit + " bytes", null, false, false);
        }
    }
}
