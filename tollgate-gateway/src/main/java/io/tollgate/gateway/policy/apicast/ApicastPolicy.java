package io.tollgate.gateway.policy.apicast;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.gateway.config.ProductConfig;
import io.tollgate.gateway.config.ProductConfig.CredentialsLocation;
import io.tollgate.gateway.config.ProductConfig.GatewayResponses;
import io.tollgate.gateway.credentials.AppCredentials;
import io.tollgate.gateway.image.CompiledProduct;
import io.tollgate.gateway.meter.Authorization;
import io.tollgate.gateway.meter.GatewayMeter;
import io.tollgate.gateway.oidc.OidcAuthenticator;
import io.tollgate.gateway.oidc.Verdict;
import io.tollgate.gateway.pipeline.Exchange;
import io.tollgate.gateway.policy.Policy;
import io.tollgate.gateway.policy.PolicyContext;
import io.tollgate.gateway.policy.PolicyFactory;
import io.vertx.core.MultiMap;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The gateway's main policy (3scale's {@code apicast}): credentials, mapping rules and metering.
 *
 * <ul>
 *   <li>rewrite — finds the credentials (reading a form body when they may be in it); none → the
 *       product's {@code auth_missing} response. For an oidc product they are the client id of a
 *       verified access token ({@link OidcAuthenticator}); a token that does not verify →
 *       {@code auth_failed}, the issuer's keys unavailable → 503. Then evaluates the mapping rules; none matches →
 *       {@code no_match}. Credentials are checked first, so an unauthenticated request to an
 *       unmapped path gets auth_missing (threescale-wire.md §3).
 *   <li>access — one exact authrep with the summed usage: refused credentials, inactive
 *       applications and disabled metrics → {@code auth_failed}; limits → {@code limits_exceeded} with
 *       {@code Retry-After}; an unknown metric → {@code no_match}; meter unavailable → the caching mode.
 *   <li>response — the debug headers when the request carried {@code X-3scale-debug} with the
 *       product's service token.
 * </ul>
 */
public final class ApicastPolicy implements Policy {
    /** Where the {@code caching} policy leaves its outage mode. */
    public static final Exchange.Key<MeterOutage> OUTAGE = Exchange.key("meter-outage");
    public static final String DEBUG_HEADER = "X-3scale-debug";
    private static final String HOSTNAME = hostname();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ApicastPolicy.class);

    private final GatewayMeter meter;
    private final boolean queryCredentials;
    private final OidcAuthenticator oidc;

    ApicastPolicy(ProductConfig product, GatewayMeter meter, OidcAuthenticator oidc) {
        this.meter = meter;
        this.queryCredentials = product.credentials().location() == CredentialsLocation.QUERY;
        this.oidc = oidc;
    }

    /** Makes the policy; it has no configuration. */
    public static final class Factory implements PolicyFactory {
        @Override
        public String name() {
            return "apicast";
        }

        @Override
        public Policy create(ObjectNode configuration, ProductConfig product, PolicyContext context) {
            OidcAuthenticator oidc = product.backendVersion() == ProductConfig.BackendVersion.OIDC
                    ? OidcAuthenticator.create(product, context.vertx(), context.clock()) : null;
            return new ApicastPolicy(product, context.meter(), oidc);
        }
    }

    @Override
    public void onRewrite(Exchange ex) {
        CompiledProduct product = ex.product();
        // Credentials an earlier policy set (default_credentials) are kept; only the request's own are looked for.
        boolean own = !ex.credentials().present();
        if (own) {
            ex.setCredentials(product.credentials().extract(ex));
        }
        if (needsBody(ex, own)) {
            ex.bufferBody().onComplete(read -> {
                if (read.failed()) {
                    ex.respond(413, "text/plain; charset=utf-8", "Payload Too Large\n");
                    return;
                }
                if (own && incomplete(ex.credentials())) {
                    ex.setCredentials(product.credentials().extract(ex));
                }
                checkCredentialsAndRules(ex);
            });
            return;
        }
        checkCredentialsAndRules(ex);
    }

    /** A form body is read when the credentials may be in it, or a query-string rule may need its fields. */
    private boolean needsBody(Exchange ex, boolean own) {
        return ex.bufferedBody() == null && ex.hasFormBody()
                && ((queryCredentials && own && incomplete(ex.credentials())) || ex.product().rules().hasQueryRules());
    }

    /**
     * Whether part of the credentials may still be in a form body: none found, or an app id without
     * its key (APIcast reads the query string and the form body as one set of arguments, so
     * {@code ?app_id=…} with {@code app_key=…} in the body is one pair).
     */
    private static boolean incomplete(AppCredentials credentials) {
        return !credentials.present() || (credentials.appId() != null && credentials.appKey() == null);
    }

    private void checkCredentialsAndRules(Exchange ex) {
        if (oidc != null && !ex.credentials().present()) {
            authenticate(ex);
            return;
        }
        GatewayResponses responses = ex.product().config().responses();
        if (!ex.credentials().present()) {
            ex.respond(responses.authMissing());
            return;
        }
        if (!ex.product().rules().match(ex.method(), ex.path(), ex::args, ex.usage())) {
            ex.respond(responses.noMatch());
            return;
        }
        ex.proceed();
    }

    /** Verifies the access token; its client id becomes the credentials, then the rules run. */
    private void authenticate(Exchange ex) {
        String token = ex.product().credentials().accessToken(ex);
        if (token == null) {
            ex.respond(ex.product().config().responses().authMissing());
            return;
        }
        oidc.authenticate(token).onComplete(done -> {
            Verdict verdict = done.succeeded() ? done.result() : new Verdict.Unavailable(done.cause().toString());
            onContext(ex, () -> authenticated(ex, verdict));
        });
    }

    private void authenticated(Exchange ex, Verdict verdict) {
        switch (verdict) {
            case Verdict.Verified v -> {
                ex.setCredentials(AppCredentials.appId(v.clientId(), null));
                checkCredentialsAndRules(ex);
            }
            case Verdict.Rejected r -> {
                LOG.debug("{}: access token refused: {}", ex.product().config().label(), r.reason());
                ex.respond(ex.product().config().responses().authFailed());
            }
            case Verdict.Unavailable u -> {
                LOG.debug("{}: access token not checked: {}", ex.product().config().label(), u.reason());
                ex.respond(503, "text/plain; charset=utf-8", "Service Unavailable\n");
            }
        }
    }

    @Override
    public void close() {
        if (oidc != null) {
            oidc.close();
        }
    }

    @Override
    public void onAccess(Exchange ex) {
        long started = System.nanoTime();
        meter.authrep(ex.product().config(), ex.credentials(), ex.usage().asMap(), null).whenComplete((a, error) -> {
            ex.addMeterNanos(System.nanoTime() - started);
            Authorization authorization = error == null ? a
                    : Authorization.of(Authorization.Outcome.UNAVAILABLE, "meter_error");
            onContext(ex, () -> act(ex, authorization));
        });
    }

    /** Runs {@code action} on the exchange's context: now when already there (the in-memory meter, cached keys). */
    private static void onContext(Exchange ex, Runnable action) {
        if (io.vertx.core.Vertx.currentContext() == ex.context()) {
            action.run();
        } else {
            ex.context().runOnContext(v -> action.run());
        }
    }

    private void act(Exchange ex, Authorization authorization) {
        MeterOutage outage = ex.get(OUTAGE);
        if (authorization.outcome() == Authorization.Outcome.UNAVAILABLE) {
            Authorization fallback = outage == null ? null : outage.whileUnavailable(ex);
            if (fallback == null) {
                ex.setAuthorization(authorization);
                ex.respond(503, "text/plain; charset=utf-8", "Service Unavailable\n");
                return;
            }
            authorization = fallback;
        } else if (outage != null) {
            outage.remember(ex, authorization);
        }
        ex.setAuthorization(authorization);
        GatewayResponses responses = ex.product().config().responses();
        switch (authorization.outcome()) {
            case AUTHORIZED -> ex.proceed();
            case AUTH_FAILED -> ex.respond(responses.authFailed());
            case NO_MATCH -> ex.respond(responses.noMatch());
            case LIMITS_EXCEEDED -> {
                if (authorization.retryAfterSeconds() >= 0) {
                    ex.response().headers().set("Retry-After", Long.toString(authorization.retryAfterSeconds()));
                }
                ex.respond(responses.limitsExceeded());
            }
            case UNAVAILABLE -> ex.respond(503, "text/plain; charset=utf-8", "Service Unavailable\n");
        }
    }

    @Override
    public void onResponse(Exchange ex) {
        String debug = ex.header(DEBUG_HEADER);
        String token = ex.product().config().serviceToken();
        if (debug == null || token == null || !constantTimeEquals(debug, token)) {
            return;
        }
        MultiMap h = ex.response().headers();
        h.set("X-3scale-matched-rules", String.join(", ", ex.usage().matchedPatterns()));
        AppCredentials credentials = ex.credentials();
        h.set("X-3scale-credentials", credentials.toQueryString());
        h.set("X-3scale-usage", ex.usage().toQueryString());
        h.set("X-3scale-hostname", HOSTNAME);
        h.set("X-3scale-service-id", Long.toString(ex.product().config().id()));
        h.set("X-3scale-service-name", ex.product().config().info().name());
    }

    static boolean constantTimeEquals(String a, String b) {
        return java.security.MessageDigest.isEqual(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
