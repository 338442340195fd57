package io.tollgate.gateway.oidc;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWKSet;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Fetches an issuer's keys without blocking: its discovery document
 * ({@code /.well-known/openid-configuration}), then the JWKS at its {@code jwks_uri}. Both must answer
 * 200 with JSON within the timeout and the size limit; redirects are not followed. The error messages
 * carry URLs without userinfo and never a response body.
 */
final class JwksFetcher {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final JwksCaching caching;

    JwksFetcher(HttpClient client, JwksCaching caching) {
        this.client = requireNonNull(client, "client");
        this.caching = requireNonNull(caching, "caching");
    }

    /**
     * What one fetch found.
     *
     * @param keys the JWKS
     * @param issuer the discovery document's {@code issuer}
     */
    record Fetched(JWKSet keys, String issuer) {
    }

    /** Discovery, then JWKS; fails with an {@link IOException} saying which step failed and why. */
    Future<Fetched> fetch(String discoveryUrl) {
        return get(discoveryUrl).compose(body -> {
            JsonNode doc;
            try {
                doc = JSON.readTree(body.toString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                return Future.failedFuture(new IOException("discovery " + discoveryUrl + ": not JSON"));
            }
            String jwksUri = doc.path("jwks_uri").asText("");
            if (!absoluteHttpUrl(jwksUri)) {
                return Future.failedFuture(new IOException("discovery " + discoveryUrl
                        + ": jwks_uri missing or not an http(s) URL"));
            }
            String issuer = doc.path("issuer").isTextual() ? doc.path("issuer").asText() : null;
            return get(jwksUri).compose(jwks -> {
                try {
                    return Future.succeededFuture(new Fetched(JWKSet.parse(jwks.toString(StandardCharsets.UTF_8)),
                            issuer));
                } catch (java.text.ParseException e) {
                    return Future.failedFuture(new IOException("jwks " + OidcSettings.redact(jwksUri)
                            + ": not a JWK set"));
                }
            });
        });
    }

    private Future<Buffer> get(String url) {
        long timeout = caching.fetchTimeout().toMillis();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url)
                .setFollowRedirects(false).setConnectTimeout(timeout).setIdleTimeout(timeout)
                .putHeader("Accept", "application/json");
        String shown = OidcSettings.redact(url);
        // The response's handlers are set in the callback of send(), on the request's context: chained
        // one level out, they can come after the body has gone by (a known Vert.x 5 race).
        return client.request(options).compose(request -> request.send().compose(response -> {
            Future<Buffer> body = bounded(response, shown);
            if (response.statusCode() != 200) {
                // Read (within the limit) and dropped, so the connection stays usable for the next attempt.
                IOException status = new IOException(shown + ": HTTP " + response.statusCode());
                return body.transform(ignored -> Future.failedFuture(status));
            }
            return body;
        })).recover(failure -> Future.failedFuture(failure instanceof IOException ? failure
                : new IOException(shown + ": " + describe(failure))));
    }

    /** The body, or a failure as soon as it grows past the limit (the stream is reset, not drained). */
    private Future<Buffer> bounded(HttpClientResponse response, String shown) {
        Promise<Buffer> promise = Promise.promise();
        Buffer body = Buffer.buffer();
        int max = caching.maxDocumentBytes();
        response.handler(chunk -> {
            if (body.length() + chunk.length() > max) {
                if (promise.tryFail(new IOException(shown + ": larger than " + max + " bytes"))) {
                    response.request().reset();
                }
                return;
            }
            body.appendBuffer(chunk);
        });
        response.exceptionHandler(e -> promise.tryFail(new IOException(shown + ": " + describe(e))));
        response.endHandler(v -> promise.tryComplete(body));
        return promise.future();
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : " " + OidcSettings.redact(message));
    }

    private static boolean absoluteHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            return ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
