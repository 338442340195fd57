package io.tollgate.gateway.credentials;

import static io.tollgate.gateway.credentials.FakeRequest.bare;
import static io.tollgate.gateway.credentials.FakeRequest.basic;
import static io.tollgate.gateway.credentials.FakeRequest.form;
import static io.tollgate.gateway.credentials.FakeRequest.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.tollgate.gateway.config.ConfigException;
import io.tollgate.gateway.config.ProductConfig.BackendVersion;
import io.tollgate.gateway.config.ProductConfig.ClaimType;
import io.tollgate.gateway.config.ProductConfig.CredentialsLocation;
import io.tollgate.gateway.config.ProductConfig.CredentialsSettings;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * backend_version oidc: no app credentials are extracted, only an access token, found where
 * {@code credentials_location} says ({@code access_token} argument or header) and otherwise as a
 * Bearer token, which is always accepted (threescale-wire.md §3 "Credentials"). Each row names what
 * it asserts; the expected token is exact (null = none, the gateway answers auth_missing).
 */
class CredentialsExtractorAccessTokenTest {
    private static final String BEARER_T1 = "Bearer t1";

    static Stream<Arguments> query() {
        return Stream.of(
                arguments("?access_token= is found", FakeRequest.query("access_token=t1"), "t1"),
                arguments("a form body counts as the query", form("access_token=t1&x=1"), "t1"),
                arguments("repeated: the last value counts", FakeRequest.query("access_token=t0&access_token=t1"),
                        "t1"),
                arguments("percent-escapes are decoded and the token trimmed",
                        FakeRequest.query("access_token=%20t.1%2B%20"), "t.1+"),
                arguments("Bearer is always accepted", header("Authorization", BEARER_T1), "t1"),
                arguments("the argument comes before Bearer",
                        FakeRequest.query("access_token=t1").and("Authorization", "Bearer other"), "t1"),
                arguments("an empty argument falls back to Bearer",
                        FakeRequest.query("access_token=").and("Authorization", BEARER_T1), "t1"),
                arguments("an empty argument alone: none", FakeRequest.query("access_token="), null),
                arguments("absent: none", bare(), null),
                arguments("wrong place: an access_token header is not read", header("access_token", "t1"), null),
                arguments("Basic carries no token", basic("t1:"), null),
                arguments("a user_key is not a token", FakeRequest.query("user_key=t1"), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void query(String says, FakeRequest request, String expected) {
        assertToken(CredentialsLocation.QUERY, request, expected);
    }

    static Stream<Arguments> headers() {
        return Stream.of(
                arguments("an access_token header is found", header("access_token", "t1"), "t1"),
                arguments("header names are case-insensitive, '-' stands for '_'", header("Access-Token", "t1"), "t1"),
                arguments("upper case with '_'", header("ACCESS_TOKEN", "t1"), "t1"),
                arguments("Bearer is always accepted", header("Authorization", BEARER_T1), "t1"),
                arguments("the header comes before Bearer",
                        header("Access-Token", "t1").and("Authorization", "Bearer other"), "t1"),
                arguments("an empty header falls back to Bearer",
                        header("Access-Token", "").and("Authorization", BEARER_T1), "t1"),
                arguments("absent: none", bare(), null),
                arguments("wrong place: the query is not read", FakeRequest.query("access_token=t1"), null),
                arguments("wrong place: a form body is not read", form("access_token=t1"), null),
                arguments("Basic carries no token", basic("t1:"), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void headers(String says, FakeRequest request, String expected) {
        assertToken(CredentialsLocation.HEADERS, request, expected);
    }

    static Stream<Arguments> authorization() {
        return Stream.of(
                arguments("Bearer is found", header("Authorization", BEARER_T1), "t1"),
                arguments("the Bearer scheme is case-insensitive", header("Authorization", "bearer t1"), "t1"),
                arguments("Bearer without a token: none", header("Authorization", "Bearer  "), null),
                arguments("Basic carries no token", basic("t1:"), null),
                arguments("absent: none", bare(), null),
                arguments("wrong place: the query is not read", FakeRequest.query("access_token=t1"), null),
                arguments("wrong place: an access_token header is not read", header("access_token", "t1"), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void authorization(String says, FakeRequest request, String expected) {
        assertToken(CredentialsLocation.AUTHORIZATION, request, expected);
    }

    @ParameterizedTest(name = "{0}: user_key, app_id and Basic are not oidc credentials")
    @EnumSource(CredentialsLocation.class)
    void oidcExtractsNoAppCredentials(CredentialsLocation location) {
        FakeRequest everything = FakeRequest.query("user_key=u1&app_id=a1&app_key=k1").and("user_key", "u1")
                .and("app_id", "a1").and("Authorization", "Basic " + FakeRequest.base64("a1:k1"));

        AppCredentials found = Extractors.of(BackendVersion.OIDC, location).extract(everything);

        assertThat(found).isSameAs(AppCredentials.NONE);
        assertThat(found.present()).isFalse();
    }

    @Test
    void theAccessTokenNameIsNotRenamedWithTheUserKey() {
        CredentialsExtractor renamed = Extractors.of(BackendVersion.OIDC, CredentialsLocation.QUERY, "token", "client",
                "secret");

        assertThat(renamed.accessToken(FakeRequest.query("token=t1"))).isNull();
        assertThat(renamed.accessToken(FakeRequest.query("access_token=t1"))).isEqualTo("t1");
    }

    @Test
    void oauthIsRefusedWithAMessageNamingTheField() {
        assertThatThrownBy(() -> Extractors.of(BackendVersion.OAUTH, CredentialsLocation.QUERY))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("backend_version: \"oauth\"")
                .hasMessageContaining("served as oidc");
    }

    @Test
    void oidcWithoutAnIssuerIsRefused() {
        CredentialsSettings noIssuer = new CredentialsSettings(CredentialsLocation.HEADERS, "user_key", "app_id",
                "app_key", null, null, ClaimType.PLAIN);

        assertThatThrownBy(() -> CredentialsExtractor.of(BackendVersion.OIDC, noIssuer))
                .isInstanceOf(ConfigException.class).hasMessageContaining("oidc_issuer_endpoint: missing");
    }

    private static void assertToken(CredentialsLocation location, FakeRequest request, String expected) {
        assertThat(Extractors.of(BackendVersion.OIDC, location).accessToken(request)).as("token of %s", request)
                .isEqualTo(expected);
    }
}
