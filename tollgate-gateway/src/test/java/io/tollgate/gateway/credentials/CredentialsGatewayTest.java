package io.tollgate.gateway.credentials;

import static io.tollgate.gateway.credentials.Call.basic;
import static io.tollgate.gateway.credentials.Call.get;
import static io.tollgate.gateway.credentials.Call.post;
import static io.tollgate.gateway.credentials.Setup.v1;
import static io.tollgate.gateway.credentials.Setup.v2;
import static io.tollgate.gateway.testing.TestMeter.hitsId;
import static io.tollgate.gateway.testing.TestMeter.limit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.tollgate.gateway.testing.FakeUpstream.Received;
import io.tollgate.gateway.testing.GatewayHarness;
import io.tollgate.gateway.testing.GatewayHarness.Response;
import io.tollgate.meter.Period;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The credentials matrix through a real gateway, real meter and fake upstream: backend_version 1 and
 * 2 at every {@code credentials_location} (the query string, a form body, headers, Authorization).
 * Right credentials reach the upstream, which receives them as the client sent them (the gateway
 * strips nothing of the query, body or headers that carry them: docs/gateway.md "What the upstream
 * receives"); wrong ones get auth_failed; missing ones — or ones in the wrong place — get
 * auth_missing, also on an unmapped path, because credentials are checked before the mapping rules
 * (threescale-wire.md §3). The OpenID Connect column is {@link CredentialsOidcGatewayTest}.
 */
class CredentialsGatewayTest {
    private static final String MISSING = "Authentication parameters missing";
    private static final String FAILED = "Authentication failed";
    private static final String TEXT = "text/plain; charset=utf-8";

    private GatewayHarness gw;

    @BeforeEach
    void start() {
        gw = GatewayHarness.start();
        gw.meter.service(7).plan(70, 7, limit(hitsId(7), Period.MINUTE, 1000)).userKeyApp(700, 7, 70, "good-key")
                .service(8).backendVersion(8, "2").plan(80, 8, limit(hitsId(8), Period.MINUTE, 1000))
                .appIdApp(800, 8, 80, "good-app", "good-secret")
                .publish();
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    private Response send(Setup setup, Call call) {
        assertThat(gw.load(setup.product(gw.upstream.url())).rejected()).isEmpty();
        return call.sendTo(gw, setup.host());
    }

    static Stream<Arguments> rightCredentials() {
        return Stream.of(
                arguments("v1 query: ?user_key= → 200, query forwarded as sent", v1("query"),
                        get("/pets?user_key=good-key&page=2"), "user_key=good-key",
                        uri("/pets?user_key=good-key&page=2")),
                arguments("v1 query: a percent-escaped key is decoded, forwarded still escaped", v1("query"),
                        get("/pets?user_key=good%2Dkey"), "user_key=good-key", uri("/pets?user_key=good%2Dkey")),
                arguments("v1 query: repeated, the last (right) one counts", v1("query"),
                        get("/pets?user_key=bad-key&user_key=good-key"), "user_key=good-key",
                        uri("/pets?user_key=bad-key&user_key=good-key")),
                arguments("v1 form body → 200, body forwarded whole", v1("query"),
                        post("/pets", "name=rex&user_key=good-key"), "user_key=good-key",
                        body("name=rex&user_key=good-key")),
                arguments("v1 key in both query and form body: the query's counts (the body is not read)", v1("query"),
                        post("/pets?user_key=good-key", "user_key=bad-key"), "user_key=good-key",
                        body("user_key=bad-key")),
                arguments("v1 headers: user_key header → 200, header forwarded", v1("headers"),
                        get("/pets", "user_key", "good-key"), "user_key=good-key", header("user_key", "good-key")),
                arguments("v1 headers: User-Key ('-' for '_', any case) → 200, forwarded", v1("headers"),
                        get("/pets", "User-Key", "good-key"), "user_key=good-key", header("User-Key", "good-key")),
                arguments("v1 authorization: Basic user → 200, Authorization forwarded", v1("authorization"),
                        basic("/pets", "good-key:"), "user_key=good-key",
                        header("Authorization", "Basic " + FakeRequest.base64("good-key:"))),
                arguments("v1 authorization: Basic password only → 200", v1("authorization"),
                        basic("/pets", ":good-key"), "user_key=good-key",
                        header("Authorization", "Basic " + FakeRequest.base64(":good-key"))),
                arguments("v1 authorization: Bearer → 200, Authorization forwarded", v1("authorization"),
                        get("/pets", "Authorization", "Bearer good-key"), "user_key=good-key",
                        header("Authorization", "Bearer good-key")),
                arguments("v1 renamed ?api_key= → 200", v1("query").userKeyNamed("api_key"),
                        get("/pets?api_key=good-key"), "user_key=good-key", uri("/pets?api_key=good-key")),
                arguments("v1 renamed header X-Api-Key sent as x_api_key → 200", v1("headers").userKeyNamed("X-Api-Key"),
                        get("/pets", "x_api_key", "good-key"), "user_key=good-key", header("x_api_key", "good-key")),
                arguments("v2 query: ?app_id=&app_key= → 200, query forwarded as sent", v2("query"),
                        get("/pets?app_id=good-app&app_key=good-secret"), "app_id=good-app&app_key=good-secret",
                        uri("/pets?app_id=good-app&app_key=good-secret")),
                arguments("v2 form body → 200, body forwarded whole", v2("query"),
                        post("/pets", "app_id=good-app&app_key=good-secret"), "app_id=good-app&app_key=good-secret",
                        body("app_id=good-app&app_key=good-secret")),
                arguments("v2 app id in the query, key in the form body → 200", v2("query"),
                        post("/pets?app_id=good-app", "app_key=good-secret"), "app_id=good-app&app_key=good-secret",
                        body("app_key=good-secret")),
                arguments("v2 headers: App-Id/App-Key → 200, headers forwarded", v2("headers"),
                        get("/pets", "App-Id", "good-app").with("App-Key", "good-secret"),
                        "app_id=good-app&app_key=good-secret", header("App-Key", "good-secret")),
                arguments("v2 authorization: Basic id:key → 200, Authorization forwarded", v2("authorization"),
                        basic("/pets", "good-app:good-secret"), "app_id=good-app&app_key=good-secret",
                        header("Authorization", "Basic " + FakeRequest.base64("good-app:good-secret"))),
                arguments("v2 renamed ?client=&secret= → 200", v2("query").appNamed("client", "secret"),
                        get("/pets?client=good-app&secret=good-secret"), "app_id=good-app&app_key=good-secret",
                        uri("/pets?client=good-app&secret=good-secret")),
                arguments("v2 renamed headers X-Client/X-Secret → 200", v2("headers").appNamed("X-Client", "X-Secret"),
                        get("/pets", "x-client", "good-app").with("X_SECRET", "good-secret"),
                        "app_id=good-app&app_key=good-secret", header("X_SECRET", "good-secret")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void rightCredentials(String says, Setup setup, Call call, String credentials, Consumer<Received> forwarded) {
        Response r = send(setup, call.with("X-3scale-debug", "st-" + setup.id()));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"upstream\":\"ok\",\"path\":\"/pets\"}");
        assertThat(r.header("X-3scale-credentials")).as("the credentials the gateway took").isEqualTo(credentials);
        Received got = gw.upstream.only();
        assertThat(got.method()).isEqualTo(call.method().name());
        forwarded.accept(got);
    }

    static Stream<Arguments> wrongCredentials() {
        return Stream.of(
                arguments("v1 query: unknown ?user_key= → 403", v1("query"), get("/pets?user_key=bad-key")),
                arguments("v1 query: repeated, the last (wrong) one counts → 403", v1("query"),
                        get("/pets?user_key=good-key&user_key=bad-key")),
                arguments("v1 form body: unknown key → 403", v1("query"), post("/pets", "user_key=bad-key")),
                arguments("v1 headers: unknown key → 403", v1("headers"), get("/pets", "User-Key", "bad-key")),
                arguments("v1 authorization: unknown Basic user → 403", v1("authorization"), basic("/pets", "bad-key:")),
                arguments("v1 authorization: unknown Bearer → 403", v1("authorization"),
                        get("/pets", "Authorization", "Bearer bad-key")),
                arguments("v2 query: wrong key → 403", v2("query"), get("/pets?app_id=good-app&app_key=bad")),
                arguments("v2 query: unknown app id → 403", v2("query"), get("/pets?app_id=bad-app&app_key=good-secret")),
                arguments("v2 query: app id without its key → 403, not auth_missing", v2("query"),
                        get("/pets?app_id=good-app")),
                arguments("v2 form body: wrong key → 403", v2("query"), post("/pets", "app_id=good-app&app_key=bad")),
                arguments("v2 headers: wrong key → 403", v2("headers"),
                        get("/pets", "app_id", "good-app").with("app_key", "bad")),
                arguments("v2 authorization: Basic with a wrong key → 403", v2("authorization"),
                        basic("/pets", "good-app:bad")),
                arguments("v2 authorization: Basic without a key → 403", v2("authorization"),
                        basic("/pets", "good-app")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void wrongCredentials(String says, Setup setup, Call call) {
        Response r = send(setup, call);

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).isEqualTo(FAILED);
        assertThat(r.header("Content-Type")).isEqualTo(TEXT);
        assertThat(gw.upstream.received()).isEmpty();
    }

    static Stream<Arguments> missingCredentials() {
        return Stream.of(
                arguments("v1 query: none → 401", v1("query"), get("/pets")),
                arguments("v1 query: an empty ?user_key= → 401", v1("query"), get("/pets?user_key=")),
                arguments("v1 form body without a key → 401", v1("query"), post("/pets", "name=rex")),
                arguments("v1 query: a user_key header is the wrong place → 401", v1("query"),
                        get("/pets", "user_key", "good-key")),
                arguments("v1 query: Basic is the wrong place → 401", v1("query"), basic("/pets", "good-key:")),
                arguments("v1 query: none on an unmapped path → 401, not no_match", v1("query"), get("/unmapped")),
                arguments("v1 form: none on an unmapped path → 401, not no_match", v1("query"),
                        post("/unmapped", "name=rex")),
                arguments("v1 headers: none → 401", v1("headers"), get("/pets")),
                arguments("v1 headers: ?user_key= is the wrong place → 401", v1("headers"), get("/pets?user_key=good-key")),
                arguments("v1 headers: a form body is the wrong place → 401", v1("headers"),
                        post("/pets", "user_key=good-key")),
                arguments("v1 headers: Bearer is the wrong place → 401", v1("headers"),
                        get("/pets", "Authorization", "Bearer good-key")),
                arguments("v1 headers: none on an unmapped path → 401, not no_match", v1("headers"), get("/unmapped")),
                arguments("v1 authorization: none → 401", v1("authorization"), get("/pets")),
                arguments("v1 authorization: malformed Basic → 401", v1("authorization"),
                        get("/pets", "Authorization", "Basic !!!")),
                arguments("v1 authorization: Basic of ':' → 401", v1("authorization"), basic("/pets", ":")),
                arguments("v1 authorization: ?user_key= is the wrong place → 401", v1("authorization"),
                        get("/pets?user_key=good-key")),
                arguments("v1 authorization: a user_key header is the wrong place → 401", v1("authorization"),
                        get("/pets", "user_key", "good-key")),
                arguments("v1 authorization: none on an unmapped path → 401, not no_match", v1("authorization"),
                        get("/unmapped")),
                arguments("v1 renamed: the default user_key no longer counts → 401", v1("query").userKeyNamed("api_key"),
                        get("/pets?user_key=good-key")),
                arguments("v2 query: none → 401", v2("query"), get("/pets")),
                arguments("v2 query: a key without an app id → 401", v2("query"), get("/pets?app_key=good-secret")),
                arguments("v2 query: an empty app id → 401", v2("query"), get("/pets?app_id=&app_key=good-secret")),
                arguments("v2 query: headers are the wrong place → 401", v2("query"),
                        get("/pets", "app_id", "good-app").with("app_key", "good-secret")),
                arguments("v2 form: none on an unmapped path → 401, not no_match", v2("query"),
                        post("/unmapped", "name=rex")),
                arguments("v2 headers: none → 401", v2("headers"), get("/pets")),
                arguments("v2 headers: the query is the wrong place → 401", v2("headers"),
                        get("/pets?app_id=good-app&app_key=good-secret")),
                arguments("v2 headers: Basic is the wrong place → 401", v2("headers"),
                        basic("/pets", "good-app:good-secret")),
                arguments("v2 headers: none on an unmapped path → 401, not no_match", v2("headers"), get("/unmapped")),
                arguments("v2 authorization: none → 401", v2("authorization"), get("/pets")),
                arguments("v2 authorization: Bearer carries no app id → 401", v2("authorization"),
                        get("/pets", "Authorization", "Bearer good-app")),
                arguments("v2 authorization: Basic with only a password → 401", v2("authorization"),
                        basic("/pets", ":good-secret")),
                arguments("v2 authorization: the query is the wrong place → 401", v2("authorization"),
                        get("/pets?app_id=good-app&app_key=good-secret")),
                arguments("v2 authorization: none on an unmapped path → 401, not no_match", v2("authorization"),
                        get("/unmapped")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void missingCredentials(String says, Setup setup, Call call) {
        Response r = send(setup, call);

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.body()).isEqualTo(MISSING);
        assertThat(r.header("Content-Type")).isEqualTo(TEXT);
        assertThat(gw.upstream.received()).isEmpty();
    }

    static Stream<Arguments> presentCredentialsOnAnUnmappedPath() {
        return Stream.of(
                arguments("v1 query: right key → no_match", v1("query"), get("/unmapped?user_key=good-key")),
                arguments("v1 query: wrong key → no_match (rules before authrep)", v1("query"),
                        get("/unmapped?user_key=bad-key")),
                arguments("v1 headers: right key → no_match", v1("headers"), get("/unmapped", "user_key", "good-key")),
                arguments("v1 authorization: right key → no_match", v1("authorization"), basic("/unmapped", "good-key:")),
                arguments("v2 form: right credentials → no_match", v2("query"),
                        post("/unmapped", "app_id=good-app&app_key=good-secret")),
                arguments("v2 headers: wrong key → no_match (rules before authrep)", v2("headers"),
                        get("/unmapped", "app_id", "good-app").with("app_key", "bad")),
                arguments("v2 authorization: right credentials → no_match", v2("authorization"),
                        basic("/unmapped", "good-app:good-secret")));
    }

    /** The other half of "credentials before rules": with credentials there, an unmapped path is no_match. */
    @ParameterizedTest(name = "{0}")
    @MethodSource
    void presentCredentialsOnAnUnmappedPath(String says, Setup setup, Call call) {
        Response r = send(setup, call);

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("No Mapping Rule matched");
        assertThat(gw.upstream.received()).isEmpty();
    }

    @Test
    void theProductsOwnAuthResponsesAreSent() {
        var product = v2("headers").product(gw.upstream.url())
                .proxy("error_auth_missing", "{\"error\":\"credentials missing\"}").proxy("error_status_auth_missing", 403)
                .proxy("error_headers_auth_missing", "application/json")
                .proxy("error_auth_failed", "{\"error\":\"credentials refused\"}").proxy("error_status_auth_failed", 401)
                .proxy("error_headers_auth_failed", "application/json");
        assertThat(gw.load(product).rejected()).isEmpty();

        Response missing = get("/unmapped").sendTo(gw, "apps.example.com");
        Response failed = get("/pets", "App-Id", "good-app").with("App-Key", "bad").sendTo(gw, "apps.example.com");

        assertThat(missing.status()).isEqualTo(403);
        assertThat(missing.body()).isEqualTo("{\"error\":\"credentials missing\"}");
        assertThat(missing.header("Content-Type")).isEqualTo("application/json");
        assertThat(failed.status()).isEqualTo(401);
        assertThat(failed.body()).isEqualTo("{\"error\":\"credentials refused\"}");
        assertThat(failed.header("Content-Type")).isEqualTo("application/json");
        assertThat(gw.upstream.received()).isEmpty();
    }

    private static Consumer<Received> uri(String expected) {
        return got -> assertThat(got.uri()).as("URI the upstream received").isEqualTo(expected);
    }

    private static Consumer<Received> body(String expected) {
        return got -> {
            assertThat(got.body().toString()).as("body the upstream received").isEqualTo(expected);
            assertThat(got.header("Content-Type")).isEqualTo(Call.FORM);
        };
    }

    private static Consumer<Received> header(String name, String expected) {
        return got -> assertThat(got.header(name)).as("%s header the upstream received", name).isEqualTo(expected);
    }
}
