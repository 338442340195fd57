package io.tollgate.gateway.oidc;

import static io.tollgate.gateway.testing.ProductJson.product;
import static io.tollgate.gateway.testing.TestMeter.hitsId;
import static io.tollgate.gateway.testing.TestMeter.limit;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import io.tollgate.gateway.testing.GatewayHarness;
import io.tollgate.gateway.testing.ProductJson;
import io.tollgate.meter.Period;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Every log line the gateway writes around OIDC requests, at DEBUG, with no token and no issuer secret in it. */
class OidcLoggingTest {
    private static final String SECRET = "s3cr3t-pw";

    private GatewayHarness gw;
    private FakeIssuer idp;
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger tollgate = (Logger) LoggerFactory.getLogger("io.tollgate");
    private Level level;

    @BeforeEach
    void start() {
        level = tollgate.getLevel();
        tollgate.setLevel(Level.DEBUG);
        lines.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(lines);
        gw = GatewayHarness.start(io.tollgate.gateway.server.GatewayOptions.builder().accessLog(true).build());
        idp = FakeIssuer.start(gw.vertx);
        gw.meter.service(7).backendVersion(7, "oidc").plan(70, 7, limit(hitsId(7), Period.MINUTE, 1000))
                .appIdApp(700, 7, 70, "shop-app").publish();
    }

    @AfterEach
    void stop() {
        gw.close();
        idp.close();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(lines);
        tollgate.setLevel(level);
    }

    @Test
    void neitherTokensNorTheIssuerEndpointsCredentialsAreLogged() {
        String endpoint = idp.issuer().replace("http://", "http://shop-client:" + SECRET + "@");
        ProductJson shop = product(7, "shop.example.com").apiBackend(gw.upstream.url()).backendVersion("oidc")
                .proxy("credentials_location", "query").proxy("oidc_issuer_endpoint", endpoint)
                .rule("GET", "/", "hits");
        gw.load(shop);
        List<String> tokens = new ArrayList<>();
        tokens.add(idp.token(idp.claims(gw.clock.instant(), "shop-app").build()));
        tokens.add(idp.token(idp.claims(gw.clock.instant(), "stranger-app").build()));
        tokens.add(idp.token(idp.claims(gw.clock.instant(), "shop-app").issuer("https://evil.example.com").build()));
        tokens.add(FakeIssuer.sign(idp.signingKey, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("no-such-kid")
                .build(), idp.claims(gw.clock.instant(), "shop-app").build()));
        tokens.add("eyJhbGciOiJub25lIn0.eyJhenAiOiJzaG9wLWFwcCJ9.");

        for (String token : tokens) {
            gw.clock.advance(Duration.ofSeconds(6)); // an unknown kid's refetch need not wait for the interval
            gw.send(HttpMethod.GET, "shop.example.com", "/?access_token=" + token, Map.of(), null);
            gw.clock.advance(Duration.ofSeconds(6));
            gw.send(HttpMethod.GET, "shop.example.com", "/", Map.of("Authorization", "Bearer " + token), null);
        }
        idp.jwksStatus(500);
        gw.clock.advance(Duration.ofHours(25));
        gw.send(HttpMethod.GET, "shop.example.com", "/", Map.of("Authorization", "Bearer " + tokens.get(0)), null);
        gw.load(shop.proxy("oidc_issuer_endpoint", "ftp://shop-client:" + SECRET + "@idp.example.com/x"));

        List<String> logged = new ArrayList<>();
        for (ILoggingEvent e : lines.list) {
            logged.add(e.getFormattedMessage());
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                logged.add(t.getMessage());
            }
        }
        assertThat(logged).as("the scenario was logged").anyMatch(l -> l.contains("access token refused"))
                .anyMatch(l -> l.contains("fetching keys failed")).anyMatch(l -> l.contains("\"status\":403"));
        for (String line : logged) {
            assertThat(line).doesNotContain(SECRET).doesNotContain("shop-client");
            for (String token : tokens) {
                // Any sizeable piece of a token (its payload, its signature) is as bad as the whole.
                for (String part : token.split("\\.")) {
                    if (part.length() > 16) {
                        assertThat(line).doesNotContain(part);
                    }
                }
            }
        }
    }
}
