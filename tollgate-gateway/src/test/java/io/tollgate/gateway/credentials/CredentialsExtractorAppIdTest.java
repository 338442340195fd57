package io.tollgate.gateway.credentials;

import static io.tollgate.gateway.credentials.FakeRequest.bare;
import static io.tollgate.gateway.credentials.FakeRequest.basic;
import static io.tollgate.gateway.credentials.FakeRequest.form;
import static io.tollgate.gateway.credentials.FakeRequest.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.tollgate.gateway.config.ProductConfig.BackendVersion;
import io.tollgate.gateway.config.ProductConfig.CredentialsLocation;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * backend_version 2 (app id + app key) at each {@code credentials_location}: where they are found,
 * and that they are not found anywhere else (threescale-wire.md §3 "Credentials"). Each row names
 * what it asserts; expected values are exact (null = absent). The credentials are present when there
 * is an app id: a missing or wrong key is the meter's to refuse (auth_failed), not auth_missing.
 */
class CredentialsExtractorAppIdTest {

    static Stream<Arguments> query() {
        return Stream.of(
                arguments("?app_id=&app_key= are found", FakeRequest.query("app_id=a1&app_key=k1"), "a1", "k1"),
                arguments("found among other arguments, in any order",
                        FakeRequest.query("app_key=k1&page=2&app_id=a1"), "a1", "k1"),
                arguments("a form body counts as the query", form("app_id=a1&app_key=k1&name=rex"), "a1", "k1"),
                arguments("id in the query, key in the form body", form("app_key=k1").andQuery("app_id=a1"), "a1",
                        "k1"),
                arguments("repeated: the last values count",
                        FakeRequest.query("app_id=a0&app_key=k0&app_id=a1&app_key=k1"), "a1", "k1"),
                arguments("percent-escapes are decoded", FakeRequest.query("app_id=a%201&app_key=k%2B1%26"), "a 1",
                        "k+1&"),
                arguments("app id without a key: present, the key absent", FakeRequest.query("app_id=a1"), "a1",
                        null),
                arguments("app id with an empty key: present, the key empty", FakeRequest.query("app_id=a1&app_key="),
                        "a1", ""),
                arguments("a key without an app id: missing", FakeRequest.query("app_key=k1"), null, "k1"),
                arguments("an empty app id: missing", FakeRequest.query("app_id=&app_key=k1"), "", "k1"),
                arguments("absent: nothing found", bare(), null, null),
                arguments("a user_key is not an app id", FakeRequest.query("user_key=u1"), null, null),
                arguments("wrong place: app_id/app_key headers are not read",
                        header("app_id", "a1").and("app_key", "k1"), null, null),
                arguments("wrong place: Basic is not read", basic("a1:k1"), null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void query(String says, FakeRequest request, String appId, String appKey) {
        assertAppId(Extractors.of(BackendVersion.APP_ID, CredentialsLocation.QUERY), request, appId, appKey);
    }

    static Stream<Arguments> headers() {
        return Stream.of(
                arguments("headers named after the parameters are found", header("app_id", "a1").and("app_key", "k1"),
                        "a1", "k1"),
                arguments("header names are case-insensitive", header("APP_ID", "a1").and("App_Key", "k1"), "a1", "k1"),
                arguments("'-' in header names stands for '_'", header("App-Id", "a1").and("app-key", "k1"), "a1",
                        "k1"),
                arguments("app id header alone: present, the key absent", header("App-Id", "a1"), "a1", null),
                arguments("a key header alone: missing", header("App-Key", "k1"), null, "k1"),
                arguments("absent: nothing found", bare(), null, null),
                arguments("wrong place: the query is not read", FakeRequest.query("app_id=a1&app_key=k1"), null, null),
                arguments("wrong place: a form body is not read", form("app_id=a1&app_key=k1"), null, null),
                arguments("wrong place: Basic is not read", basic("a1:k1"), null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void headers(String says, FakeRequest request, String appId, String appKey) {
        assertAppId(Extractors.of(BackendVersion.APP_ID, CredentialsLocation.HEADERS), request, appId, appKey);
    }

    static Stream<Arguments> authorization() {
        return Stream.of(
                arguments("Basic app_id:app_key", basic("a1:k1"), "a1", "k1"),
                arguments("the Basic scheme is case-insensitive",
                        header("Authorization", "BASIC " + FakeRequest.base64("a1:k1")), "a1", "k1"),
                arguments("Basic key keeps its colons", basic("a1:k1:x"), "a1", "k1:x"),
                arguments("Basic with an empty password: the key absent", basic("a1:"), "a1", null),
                arguments("Basic without a colon: the app id, no key", basic("a1"), "a1", null),
                arguments("Basic with only a password: the app id empty (missing)", basic(":k1"), "", "k1"),
                arguments("malformed base64: nothing", header("Authorization", "Basic %%%"), null, null),
                arguments("Bearer carries no app id: nothing", header("Authorization", "Bearer a1"), null, null),
                arguments("absent: nothing found", bare(), null, null),
                arguments("wrong place: the query is not read", FakeRequest.query("app_id=a1&app_key=k1"), null, null),
                arguments("wrong place: app_id/app_key headers are not read",
                        header("app_id", "a1").and("app_key", "k1"), null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void authorization(String says, FakeRequest request, String appId, String appKey) {
        assertAppId(Extractors.of(BackendVersion.APP_ID, CredentialsLocation.AUTHORIZATION), request, appId, appKey);
    }

    static Stream<Arguments> renamed() {
        return Stream.of(
                arguments("query: the renamed arguments are found", CredentialsLocation.QUERY,
                        FakeRequest.query("client=a1&secret=k1"), "a1", "k1"),
                arguments("query: the renamed arguments in a form body are found", CredentialsLocation.QUERY,
                        form("client=a1&secret=k1"), "a1", "k1"),
                arguments("query: app_id/app_key no longer count", CredentialsLocation.QUERY,
                        FakeRequest.query("app_id=a1&app_key=k1"), null, null),
                arguments("headers: the renamed headers are found", CredentialsLocation.HEADERS,
                        header("client", "a1").and("secret", "k1"), "a1", "k1"),
                arguments("headers: app_id/app_key headers no longer count", CredentialsLocation.HEADERS,
                        header("app_id", "a1").and("app_key", "k1"), null, null),
                arguments("authorization: the names play no part in Basic", CredentialsLocation.AUTHORIZATION,
                        basic("a1:k1"), "a1", "k1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void renamed(String says, CredentialsLocation location, FakeRequest request, String appId, String appKey) {
        assertAppId(Extractors.of(BackendVersion.APP_ID, location, "user_key", "client", "secret"), request, appId,
                appKey);
    }

    static Stream<Arguments> renamedHeaders() {
        return Stream.of(
                arguments("the renamed headers are found", header("X-App-Id", "a1").and("X-App-Key", "k1")),
                arguments("in another case", header("x-app-id", "a1").and("X-APP-KEY", "k1")),
                arguments("'_' in the header stands for the name's '-'", header("X_App_Id", "a1").and("x_app_key", "k1")));
    }

    @ParameterizedTest(name = "X-App-Id/X-App-Key: {0}")
    @MethodSource
    void renamedHeaders(String says, FakeRequest request) {
        assertAppId(Extractors.of(BackendVersion.APP_ID, CredentialsLocation.HEADERS, "user_key", "X-App-Id",
                "X-App-Key"), request, "a1", "k1");
    }

    private static void assertAppId(CredentialsExtractor extractor, FakeRequest request, String appId, String appKey) {
        AppCredentials found = extractor.extract(request);
        assertThat(found.appId()).as("app id of %s", request).isEqualTo(appId);
        assertThat(found.appKey()).as("app key of %s", request).isEqualTo(appKey);
        assertThat(found.userKey()).as("an app id product has no user key").isNull();
        assertThat(found.present()).as("present").isEqualTo(appId != null && !appId.isBlank());
    }
}
