package io.tollgate.gateway.credentials;

import static io.tollgate.gateway.credentials.Call.basic;
import static io.tollgate.gateway.credentials.Call.get;
import static io.tollgate.gateway.credentials.Call.post;
import static io.tollgate.gateway.testing.TestMeter.hitsId;
import static io.tollgate.gateway.testing.TestMeter.limit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.tollgate.gateway.oidc.FakeIssuer;
import io.tollgate.gateway.testing.FakeUpstream.Received;
import io.tollgate.gateway.testing.GatewayHarness;
import io.tollgate.gateway.testing.GatewayHarness.Response;
import io.tollgate.gateway.testing.ProductJson;
import io.tollgate.meter.Period;
import java.util.Date;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The oidc column of the credentials matrix end to end (real gateway, real meter, fake issuer, fake
 * upstream): the access token where {@code credentials_location} says, Bearer always; a token that
 * does not verify or names an unknown client → auth_failed; none, or one in the wrong place →
 * auth_missing, also on an unmapped path (credentials before rules). In each row {@code {T}} stands
 * for the token the row sends. The gateway responses are APIcast's defaults (see {@link Setup}).
 */
class CredentialsOidcGatewayTest {
    private static final String HOST = "shop.example.com";
    private static final String T = "{T}";
    private static final String TEXT = "text/plain; charset=utf-8";

    private GatewayHarness gw;
    private FakeIssuer idp;

    @BeforeEach
    void start() {
        gw = GatewayHarness.start();
        idp = FakeIssuer.start(gw.vertx);
        gw.meter.service(9).backendVersion(9, "oidc").plan(90, 9, limit(hitsId(9), Period.MINUTE, 1000))
                .appIdApp(900, 9, 90, "shop-app").publish();
    }

    @AfterEach
    void stop() {
        gw.close();
        idp.close();
    }

    private Response send(String location, Call call, String token) {
        ProductJson product = ProductJson.product(9, HOST).apiBackend(gw.upstream.url()).backendVersion("oidc")
                .proxy("credentials_location", location).proxy("oidc_issuer_endpoint", idp.issuer())
                .rule("GET", "/orders", "hits").rule("POST", "/orders", "hits");
        for (String kind : new String[] {"auth_missing", "auth_failed", "no_match"}) {
            product.proxy("error_" + kind, null).proxy("error_status_" + kind, null).proxy("error_headers_" + kind, null);
        }
        assertThat(gw.load(product).rejected()).isEmpty();
        awaitIssuerKeys();
        return call.replace(T, token).sendTo(gw, HOST);
    }

    /**
     * Waits (at most 15 s, for a cold and loaded JVM) until the gateway has the issuer's keys, so that
     * the row's own request is never the one answered 503 while they load. The probe is a valid Bearer
     * token on an unmapped path: 404 once verified, and it never reaches the upstream.
     */
    private void awaitIssuerKeys() {
        Call probe = get("/unmapped", "Authorization", "Bearer " + aValidToken());
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(15);
        int status;
        do {
            status = probe.sendTo(gw, HOST).status();
        } while (status == 503 && System.nanoTime() < deadline);
        assertThat(status).as("the probe once the issuer's keys are loaded").isEqualTo(404);
    }

    private String aValidToken() {
        return idp.token(idp.claims(gw.clock.instant(), "shop-app").build());
    }

    static Stream<Arguments> validToken() {
        return Stream.of(
                arguments("query: ?access_token= → 200, query forwarded", "query", get("/orders?access_token={T}"),
                        Forwarded.URI),
                arguments("query: a form body → 200, body forwarded", "query", post("/orders", "access_token={T}&x=1"),
                        Forwarded.BODY),
                arguments("query: Bearer is always accepted → 200", "query",
                        get("/orders", "Authorization", "Bearer {T}"), Forwarded.AUTHORIZATION),
                arguments("headers: Access-Token header → 200, header forwarded", "headers",
                        get("/orders", "Access-Token", T), Forwarded.ACCESS_TOKEN_DASHED),
                arguments("headers: access_token header → 200", "headers", get("/orders", "access_token", T),
                        Forwarded.ACCESS_TOKEN_UNDERSCORED),
                arguments("headers: Bearer is always accepted → 200", "headers",
                        get("/orders", "Authorization", "Bearer {T}"), Forwarded.AUTHORIZATION),
                arguments("authorization: Bearer → 200, Authorization forwarded", "authorization",
                        get("/orders", "Authorization", "Bearer {T}"), Forwarded.AUTHORIZATION));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void validToken(String says, String location, Call call, Forwarded forwarded) {
        String token = aValidToken();

        Response r = send(location, call.with("X-3scale-debug", "st-9"), token);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("X-3scale-credentials")).as("the token's client id").isEqualTo("app_id=shop-app");
        Received got = gw.upstream.only();
        assertThat(got.path()).isEqualTo("/orders");
        forwarded.check(got, token);
    }

    /** What of a request the upstream must have received unchanged. */
    enum Forwarded {
        URI, BODY, AUTHORIZATION, ACCESS_TOKEN_DASHED, ACCESS_TOKEN_UNDERSCORED;

        void check(Received got, String token) {
            switch (this) {
                case URI -> assertThat(got.uri()).isEqualTo("/orders?access_token=" + token);
                case BODY -> assertThat(got.body().toString()).isEqualTo("access_token=" + token + "&x=1");
                case AUTHORIZATION -> assertThat(got.header("Authorization")).isEqualTo("Bearer " + token);
                case ACCESS_TOKEN_DASHED -> assertThat(got.header("Access-Token")).isEqualTo(token);
                case ACCESS_TOKEN_UNDERSCORED -> assertThat(got.header("access_token")).isEqualTo(token);
            }
        }
    }

    static Stream<Arguments> refusedToken() {
        return Stream.of(
                arguments("query: an expired ?access_token= → 403", "query", get("/orders?access_token={T}"), true),
                arguments("query: an expired token in a form body → 403", "query", post("/orders", "access_token={T}"),
                        true),
                arguments("headers: an expired Access-Token → 403", "headers", get("/orders", "Access-Token", T), true),
                arguments("authorization: an expired Bearer → 403", "authorization",
                        get("/orders", "Authorization", "Bearer {T}"), true),
                arguments("authorization: a valid token for an unknown client → 403", "authorization",
                        get("/orders", "Authorization", "Bearer {T}"), false),
                arguments("authorization: not a JWT → 403", "authorization",
                        get("/orders", "Authorization", "Bearer not-a-jwt"), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void refusedToken(String says, String location, Call call, boolean expired) {
        var claims = idp.claims(gw.clock.instant(), expired ? "shop-app" : "someone-else");
        if (expired) {
            claims.expirationTime(Date.from(gw.clock.instant().minusSeconds(600)));
        }

        Response r = send(location, call, idp.token(claims.build()));

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).isEqualTo("Authentication failed");
        assertThat(r.header("Content-Type")).isEqualTo(TEXT);
        assertThat(gw.upstream.received()).isEmpty();
    }

    static Stream<Arguments> missingToken() {
        return Stream.of(
                arguments("query: none → 401", "query", get("/orders")),
                arguments("query: an empty ?access_token= → 401", "query", get("/orders?access_token=")),
                arguments("query: an Access-Token header is the wrong place → 401", "query",
                        get("/orders", "Access-Token", T)),
                arguments("query: none on an unmapped path → 401, not no_match", "query", get("/unmapped")),
                arguments("headers: none → 401", "headers", get("/orders")),
                arguments("headers: ?access_token= is the wrong place → 401", "headers", get("/orders?access_token={T}")),
                arguments("headers: a form body is the wrong place → 401", "headers",
                        post("/orders", "access_token={T}")),
                arguments("headers: none on an unmapped path → 401, not no_match", "headers", get("/unmapped")),
                arguments("authorization: none → 401", "authorization", get("/orders")),
                arguments("authorization: Bearer without a token → 401", "authorization",
                        get("/orders", "Authorization", "Bearer ")),
                arguments("authorization: Basic carries no token → 401", "authorization", basic("/orders", "shop-app:x")),
                arguments("authorization: ?access_token= is the wrong place → 401", "authorization",
                        get("/orders?access_token={T}")),
                arguments("authorization: an Access-Token header is the wrong place → 401", "authorization",
                        get("/orders", "Access-Token", T)),
                arguments("authorization: none on an unmapped path → 401, not no_match", "authorization",
                        get("/unmapped")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void missingToken(String says, String location, Call call) {
        Response r = send(location, call, aValidToken());

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.body()).isEqualTo("Authentication parameters missing");
        assertThat(r.header("Content-Type")).isEqualTo(TEXT);
        assertThat(gw.upstream.received()).isEmpty();
    }

    static Stream<Arguments> validTokenOnAnUnmappedPath() {
        return Stream.of(
                arguments("query", get("/unmapped?access_token={T}")),
                arguments("headers", get("/unmapped", "Access-Token", T)),
                arguments("authorization", get("/unmapped", "Authorization", "Bearer {T}")));
    }

    /** The other half of "credentials before rules": with a valid token, an unmapped path is no_match. */
    @ParameterizedTest(name = "{0}: a valid token on an unmapped path → no_match")
    @MethodSource
    void validTokenOnAnUnmappedPath(String location, Call call) {
        Response r = send(location, call, aValidToken());

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("No Mapping Rule matched");
        assertThat(gw.upstream.received()).isEmpty();
    }
}
