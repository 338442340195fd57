package io.tollgate.gateway.credentials;

import static io.tollgate.gateway.credentials.FakeRequest.bare;
import static io.tollgate.gateway.credentials.FakeRequest.base64;
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
 * backend_version 1 (a user key) at each {@code credentials_location}: where the key is found, and
 * that it is not found anywhere else (threescale-wire.md §3 "Credentials"). Each row names what it
 * asserts; the expected key is exact (null = absent, "" = empty), and an empty or blank key counts as
 * missing ({@link AppCredentials#present()} false), which the gateway answers with auth_missing.
 */
class CredentialsExtractorUserKeyTest {

    static Stream<Arguments> query() {
        return Stream.of(
                arguments("?user_key= is found", FakeRequest.query("user_key=k1"), "k1"),
                arguments("found among other arguments", FakeRequest.query("page=2&user_key=k1&sort=name"), "k1"),
                arguments("a form body counts as the query", form("name=rex&user_key=k1"), "k1"),
                arguments("repeated: the last value counts", FakeRequest.query("user_key=first&user_key=second"),
                        "second"),
                arguments("percent-escapes are decoded", FakeRequest.query("user_key=a%2Fb%3Dc%20d%C3%A9"), "a/b=c dé"),
                arguments("'+' is a space (form encoding)", FakeRequest.query("user_key=a+b"), "a b"),
                arguments("a malformed escape is kept as sent", FakeRequest.query("user_key=a%zzb"), "a%zzb"),
                arguments("an escaped parameter name is decoded", FakeRequest.query("user%5Fkey=k1"), "k1"),
                arguments("absent: nothing found", bare(), null),
                arguments("an empty value is found empty (missing)", FakeRequest.query("user_key=&page=2"), ""),
                arguments("a name without '=' is an empty value (missing)", FakeRequest.query("user_key"), ""),
                arguments("a blank value counts as missing", FakeRequest.query("user_key=%20%20"), "  "),
                arguments("argument names are case-sensitive", FakeRequest.query("USER_KEY=k1"), null),
                arguments("'-' is not '_' in argument names", FakeRequest.query("user-key=k1"), null),
                arguments("wrong place: a user_key header is not read", header("user_key", "k1"), null),
                arguments("wrong place: Basic is not read", basic("k1:"), null),
                arguments("wrong place: Bearer is not read", header("Authorization", "Bearer k1"), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void query(String says, FakeRequest request, String expected) {
        assertUserKey(Extractors.of(BackendVersion.USER_KEY, CredentialsLocation.QUERY), request, expected);
    }

    static Stream<Arguments> headers() {
        return Stream.of(
                arguments("a header named after the parameter is found", header("user_key", "k1"), "k1"),
                arguments("header names are case-insensitive", header("USER_KEY", "k1"), "k1"),
                arguments("'-' in the header name stands for '_'", header("User-Key", "k1"), "k1"),
                arguments("repeated header: the first value counts", header("user_key", "first")
                        .and("user_key", "second"), "first"),
                arguments("absent: nothing found", bare(), null),
                arguments("an empty header is found empty (missing)", header("user_key", ""), ""),
                arguments("wrong place: the query is not read", FakeRequest.query("user_key=k1"), null),
                arguments("wrong place: a form body is not read", form("user_key=k1"), null),
                arguments("wrong place: Basic is not read", basic("k1:"), null),
                arguments("wrong place: Bearer is not read", header("Authorization", "Bearer k1"), null),
                arguments("an unrelated header is not the key", header("X-User-Key", "k1"), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void headers(String says, FakeRequest request, String expected) {
        assertUserKey(Extractors.of(BackendVersion.USER_KEY, CredentialsLocation.HEADERS), request, expected);
    }

    static Stream<Arguments> authorization() {
        return Stream.of(
                arguments("Basic user with an empty password: the user", basic("k1:"), "k1"),
                arguments("Basic without a colon: all of it is the user", basic("k1"), "k1"),
                arguments("Basic user:password: the user, the password ignored", basic("k1:other"), "k1"),
                arguments("Basic with only a password: the password", basic(":k1"), "k1"),
                arguments("Basic password keeps its colons", basic(":k1:x"), "k1:x"),
                arguments("the Basic scheme is case-insensitive", header("Authorization", "basic " + base64("k1:")),
                        "k1"),
                arguments("Bearer: the token", header("Authorization", "Bearer k1"), "k1"),
                arguments("the Bearer scheme is case-insensitive", header("Authorization", "BEARER k1"), "k1"),
                arguments("Bearer token is trimmed", header("Authorization", "Bearer   k1  "), "k1"),
                arguments("Bearer without a token: nothing", header("Authorization", "Bearer "), null),
                arguments("Basic of ':' is an empty key (missing)", basic(":"), ""),
                arguments("Basic with nothing encoded is an empty key (missing)", header("Authorization", "Basic "), ""),
                arguments("malformed base64: nothing", header("Authorization", "Basic !!not*base64"), null),
                arguments("base64url alphabet is not Basic's: nothing", header("Authorization", "Basic a-b_"), null),
                arguments("another scheme: nothing", header("Authorization", "Digest username=\"k1\""), null),
                arguments("a scheme without its space: nothing", header("Authorization", "Bearerk1"), null),
                arguments("absent: nothing found", bare(), null),
                arguments("wrong place: the query is not read", FakeRequest.query("user_key=k1"), null),
                arguments("wrong place: a user_key header is not read", header("user_key", "k1"), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void authorization(String says, FakeRequest request, String expected) {
        assertUserKey(Extractors.of(BackendVersion.USER_KEY, CredentialsLocation.AUTHORIZATION), request, expected);
    }

    static Stream<Arguments> renamed() {
        return Stream.of(
                arguments("query: the renamed argument is found", CredentialsLocation.QUERY, "api_key",
                        FakeRequest.query("api_key=k1"), "k1"),
                arguments("query: the renamed argument in a form body is found", CredentialsLocation.QUERY, "api_key",
                        form("api_key=k1"), "k1"),
                arguments("query: user_key no longer counts", CredentialsLocation.QUERY, "api_key",
                        FakeRequest.query("user_key=k1"), null),
                arguments("headers: the renamed header is found", CredentialsLocation.HEADERS, "X-Api-Key",
                        header("X-Api-Key", "k1"), "k1"),
                arguments("headers: the renamed header in another case is found", CredentialsLocation.HEADERS,
                        "X-Api-Key", header("x-api-key", "k1"), "k1"),
                arguments("headers: '_' in the header stands for the name's '-'", CredentialsLocation.HEADERS,
                        "X-Api-Key", header("X_API_KEY", "k1"), "k1"),
                arguments("headers: '-' in the header stands for the name's '_'", CredentialsLocation.HEADERS,
                        "api_key", header("Api-Key", "k1"), "k1"),
                arguments("headers: all-'-' form of a mixed name is found", CredentialsLocation.HEADERS,
                        "x_api-key", header("X-Api-Key", "k1"), "k1"),
                arguments("headers: all-'_' form of a mixed name is found", CredentialsLocation.HEADERS,
                        "x_api-key", header("x_api_key", "k1"), "k1"),
                arguments("headers: a user_key header no longer counts", CredentialsLocation.HEADERS, "X-Api-Key",
                        header("user_key", "k1"), null),
                arguments("authorization: the name plays no part in Basic", CredentialsLocation.AUTHORIZATION,
                        "api_key", basic("k1:"), "k1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void renamed(String says, CredentialsLocation location, String name, FakeRequest request, String expected) {
        assertUserKey(Extractors.of(BackendVersion.USER_KEY, location, name, "app_id", "app_key"), request, expected);
    }

    private static void assertUserKey(CredentialsExtractor extractor, FakeRequest request, String expected) {
        AppCredentials found = extractor.extract(request);
        assertThat(found.userKey()).as("user key of %s", request).isEqualTo(expected);
        assertThat(found.appId()).as("a user key product has no app id").isNull();
        assertThat(found.appKey()).as("a user key product has no app key").isNull();
        assertThat(found.present()).as("present").isEqualTo(expected != null && !expected.isBlank());
    }
}
