package io.tollgate.meter.api;

import static java.util.Objects.requireNonNull;

import io.tollgate.meter.engine.MeterCall;
import io.tollgate.meter.engine.MeterEngine;
import io.tollgate.meter.engine.MeterErrorCode;
import io.tollgate.meter.engine.MeterException;
import io.tollgate.meter.engine.MeterResponse;
import io.tollgate.meter.engine.Rejection;
import io.tollgate.meter.engine.ReportCall;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Service Management API request handler (threescale-wire.md §2): parses on the event loop, asks
 * the {@link MeterEngine}, and writes the answer back on the request's Vert.x context. It never
 * blocks and never logs parameters (they carry service tokens, provider keys and application keys).
 *
 * <p>Routes: GET {@code /transactions/authorize.xml}, {@code /transactions/authrep.xml},
 * {@code /transactions/oauth_authorize.xml}, {@code /transactions/oauth_authrep.xml}; POST
 * {@code /transactions.xml}; GET {@code /status}, {@code /check.txt}; HEAD {@code /available}. Any
 * other path or method is 404 with an empty body, as apisonator.
 *
 * <p>Tollgate's own rules, where apisonator has none: a GET carrying a body is refused with 403
 * {@code request_body_not_allowed}; a body larger than the cap is 400 {@code bad_request} (SPEC M1
 * "payload too large") and the connection is closed.
 */
public final class ServiceManagementApi implements Handler<HttpServerRequest> {
    /** The content type of every XML response (and of empty ones, as apisonator). */
    public static final String CONTENT_TYPE = "application/vnd.3scale-v2.0+xml";
    /** The default cap on a request body: 1 MiB holds 1000 transactions many times over. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    /** The code of a GET carrying a body (apisonator answers 403 without a code). */
    public static final String BODY_NOT_ALLOWED = "request_body_not_allowed";

    private static final Logger LOG = LoggerFactory.getLogger(ServiceManagementApi.class);
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String MULTIPART = "multipart/form-data";

    private final MeterEngine engine;
    private final Clock clock;
    private final String statusJson;
    private final int maxBodyBytes;

    /**
     * @param engine answers every call
     * @param clock the time for {@code 3scale-limit-reset}
     * @param version reported by {@code GET /status}
     * @param maxBodyBytes the largest request body accepted
     */
    public ServiceManagementApi(MeterEngine engine, Clock clock, String version, int maxBodyBytes) {
        this.engine = requireNonNull(engine, "engine");
        this.clock = requireNonNull(clock, "clock");
        this.statusJson = "{\"status\":\"ok\",\"version\":{\"backend\":\"" + json(requireNonNull(version, "version"))
                + "\"}}";
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes: " + maxBodyBytes + " (expected: >= 0)");
        }
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handle(HttpServerRequest request) {
        HttpMethod method = request.method();
        String path = request.path();
        if (method == HttpMethod.GET) {
            switch (path) {
                case "/transactions/authorize.xml" -> authorize(request, false, false);
                case "/transactions/authrep.xml" -> authorize(request, false, true);
                case "/transactions/oauth_authorize.xml" -> authorize(request, true, false);
                case "/transactions/oauth_authrep.xml" -> authorize(request, true, true);
                case "/status" -> request.response().putHeader("Content-Type", "application/json").end(statusJson);
                case "/check.txt" -> request.response().putHeader("Content-Type", "text/plain;charset=utf-8").end("ok");
                default -> notFound(request);
            }
        } else if (method == HttpMethod.POST && path.equals("/transactions.xml")) {
            report(request);
        } else if (method == HttpMethod.HEAD && path.equals("/available")) {
            request.response().end();
        } else {
            notFound(request);
        }
    }

    private static void notFound(HttpServerRequest request) {
        request.response().setStatusCode(404).putHeader("Content-Type", CONTENT_TYPE).end();
    }

    private void authorize(HttpServerRequest request, boolean oauth, boolean rep) {
        Context context = Vertx.currentContext();
        readBody(request, true, body -> {
            Extensions ext = Extensions.headerOnly(request.getHeader(Extensions.HEADER));
            MeterCall call;
            try {
                Map<String, Object> params = RackParams.parse(request.query());
                ext = Extensions.parse(request.getHeader(Extensions.HEADER), params);
                call = CallParams.parse(params, oauth, ext.flatUsage());
            } catch (ApiError | MeterException e) {
                writeError(request, e, ext);
                return;
            }
            Extensions extensions = ext;
            Future<MeterResponse> answer = ask(context, () -> rep ? engine.authrep(call) : engine.authorize(call));
            answer.onComplete(result -> {
                if (result.succeeded()) {
                    writeStatus(request, result.result(), call, extensions);
                } else {
                    writeError(request, result.cause(), extensions);
                }
            });
        });
    }

    private void report(HttpServerRequest request) {
        String mediaType = mediaType(request.getHeader("Content-Type"));
        if (mediaType != null && !mediaType.equals(FORM) && !mediaType.equals(MULTIPART)) {
            writeError(request, ApiError.of(MeterErrorCode.CONTENT_TYPE_INVALID,
                    "invalid Content-Type: " + mediaType), Extensions.headerOnly(request.getHeader(Extensions.HEADER)));
            return;
        }
        boolean multipart = MULTIPART.equals(mediaType);
        // Rack ignores a multipart body without a boundary (Netty would read it as a plain form)
        boolean readable = !multipart || request.getHeader("Content-Type").toLowerCase(Locale.ROOT).contains("boundary=");
        if (multipart && readable) {
            request.setExpectMultipart(true);
        }
        Context context = Vertx.currentContext();
        readBody(request, false, body -> {
            Extensions ext = Extensions.headerOnly(request.getHeader(Extensions.HEADER));
            ReportCall call;
            try {
                Map<String, Object> params = RackParams.parse(request.query());
                if (multipart) {
                    params.putAll(readable ? multipartParams(request) : Map.of());
                } else {
                    params.putAll(RackParams.parse(body.toString(StandardCharsets.ISO_8859_1)));
                }
                ext = Extensions.parse(request.getHeader(Extensions.HEADER), params);
                call = ReportParams.parse(params);
            } catch (ApiError | MeterException e) {
                writeError(request, e, ext);
                return;
            }
            Extensions extensions = ext;
            ask(context, () -> engine.report(call)).onComplete(result -> {
                if (result.succeeded()) {
                    respond(request, 202, null);
                } else {
                    writeError(request, result.cause(), extensions);
                }
            });
        });
    }

    private static Map<String, Object> multipartParams(HttpServerRequest request) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (Map.Entry<String, String> field : request.formAttributes()) {
            RackParams.put(params, field.getKey(), field.getValue());
        }
        return params;
    }

    /** Runs {@code call} and completes on {@code context}; a synchronous throw is a failed future. */
    private static <T> Future<T> ask(Context context, Supplier<CompletionStage<T>> call) {
        try {
            return Future.fromCompletionStage(call.get(), context);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    /**
     * Collects the body up to the cap, then runs {@code then}. With {@code refuse} (the GET endpoints)
     * the first byte of a body is answered with 403.
     */
    private void readBody(HttpServerRequest request, boolean refuse, Handler<Buffer> then) {
        Extensions ext = Extensions.headerOnly(request.getHeader(Extensions.HEADER));
        long declared = contentLength(request.getHeader("Content-Length"));
        if (refuse && declared > 0) {
            abort(request, bodyNotAllowed(), ext);
            return;
        }
        if (declared > maxBodyBytes) {
            abort(request, tooLarge(), ext);
            return;
        }
        Buffer body = Buffer.buffer();
        boolean[] aborted = {false};
        request.handler(chunk -> {
            if (aborted[0] || chunk.length() == 0) {
                return;
            }
            if (refuse || body.length() + chunk.length() > maxBodyBytes) {
                aborted[0] = true;
                abort(request, refuse ? bodyNotAllowed() : tooLarge(), ext);
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.exceptionHandler(e -> LOG.debug("Service Management API request failed: {}", e.toString()));
        request.endHandler(v -> {
            if (!aborted[0]) {
                then.handle(body);
            }
        });
    }

    private static ApiError bodyNotAllowed() {
        return new ApiError(403, BODY_NOT_ALLOWED,
                "a GET request must not carry a body: send the parameters in the query string");
    }

    private ApiError tooLarge() {
        return ApiError.badRequest("payload too large: the request body exceeds " + maxBodyBytes + " bytes");
    }

    /**
     * Answers before the body is read. Over HTTP/1.x the connection is then closed instead of draining
     * the rest of the body; over HTTP/2 ending the stream is enough (and the connection is shared).
     */
    private static void abort(HttpServerRequest request, ApiError error, Extensions ext) {
        if (request.version() != HttpVersion.HTTP_2) {
            request.response().putHeader("Connection", "close").endHandler(v -> request.connection().close());
        }
        writeError(request, error, ext);
    }

    private void writeStatus(HttpServerRequest request, MeterResponse response, MeterCall call, Extensions ext) {
        HttpServerResponse http = request.response();
        if (!response.authorized() && ext.rejectionReasonHeader()) {
            http.putHeader("3scale-rejection-reason", response.rejection().code());
        }
        if (ext.limitHeaders() && (response.authorized() || response.rejection() == Rejection.LIMITS_EXCEEDED)) {
            LimitHeaders limits = LimitHeaders.of(response.reports(), call.usage(), response.service(), clock.instant());
            http.putHeader("3scale-limit-remaining", Long.toString(limits.remaining()));
            http.putHeader("3scale-limit-reset", Long.toString(limits.reset()));
            if (limits.maxValue() != null) {
                http.putHeader("3scale-limit-max-value", Long.toString(limits.maxValue()));
            }
        }
        String body = ext.noBody() ? null : StatusXml.status(response,
                new StatusXml.Options(call.oauth(), call.redirectUri() ? "redirect_uri" : "redirect_url", ext.hierarchy(),
                        ext.listAppKeys()));
        respond(request, response.authorized() ? 200 : 409, body);
    }

    private static void writeError(HttpServerRequest request, Throwable failure, Extensions ext) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof MeterException e) {
            respond(request, e.code().status(), ext.noBody() ? null : StatusXml.error(e.code().code(), e.getMessage()));
        } else if (cause instanceof ApiError e) {
            respond(request, e.status(), ext.noBody() || e.code() == null ? null : StatusXml.error(e.code(), e.getMessage()));
        } else {
            // Not a refusal: a bug or an unexpected store failure. The message never holds parameters.
            LOG.warn("Service Management API call failed", cause);
            respond(request, 500, null);
        }
    }

    private static void respond(HttpServerRequest request, int status, String body) {
        HttpServerResponse http = request.response();
        if (http.ended() || http.closed()) {
            return; // the client went away, or an abort already answered
        }
        http.setStatusCode(status).putHeader("Content-Type", CONTENT_TYPE);
        if (body == null) {
            http.end();
        } else {
            http.end(body);
        }
    }

    /** Rack's {@code media_type}: the type before any parameter, lower case; null when absent or empty. */
    static String mediaType(String contentType) {
        if (contentType == null) {
            return null;
        }
        String type = contentType.split("\\s*[;,]\\s*", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.isEmpty() ? null : type;
    }

    private static long contentLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String json(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.toString();
    }
}
