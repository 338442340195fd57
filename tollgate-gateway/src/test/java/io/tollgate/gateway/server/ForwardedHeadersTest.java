package io.tollgate.gateway.server;

import static io.tollgate.gateway.testing.ProductJson.product;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.gateway.testing.FakeUpstream;
import io.tollgate.gateway.testing.GatewayHarness;
import io.vertx.core.http.HttpMethod;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code X-Forwarded-*} and {@code X-Real-IP} (reliability.md C19): from an untrusted peer whatever
 * the client sent is replaced; from a trusted proxy the chain is extended and the client is the
 * right-most address that is not itself a trusted proxy.
 */
class ForwardedHeadersTest {
    private static final String HOST = "fwd.example.com";
    private static final Map<String, String> FORGED = Map.of("X-Forwarded-For", "203.0.113.9", "X-Real-IP", "6.6.6.6",
            "X-Forwarded-Proto", "https", "X-Forwarded-Host", "evil.example.com", "X-Forwarded-Port", "1");
    private GatewayHarness gw;

    private FakeUpstream.Received send(String trusted, Map<String, String> headers) {
        gw = GatewayHarness.start(GatewayOptions.builder().accessLog(false).trustedProxies(TrustedProxies.parse(trusted))
                .build());
        gw.meter.service(7).plan(70, 7).userKeyApp(700, 7, 70, "k").publish();
        gw.load(product(7, HOST).apiBackend(gw.upstream.url()).rule("GET", "/", "hits"));
        assertThat(gw.send(HttpMethod.GET, HOST, "/?user_key=k", headers, null).status()).isEqualTo(200);
        return gw.upstream.only();
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    @Test
    void anUntrustedPeersForwardingHeadersAreReplaced() {
        FakeUpstream.Received r = send("", FORGED);

        assertThat(r.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
        assertThat(r.header("X-Real-IP")).isEqualTo("127.0.0.1");
        assertThat(r.header("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(r.header("X-Forwarded-Host")).isEqualTo(HOST);
        assertThat(r.header("X-Forwarded-Port")).isEqualTo(Integer.toString(gw.port()));
        assertThat(r.headers().getAll("X-Forwarded-For")).hasSize(1);
    }

    @Test
    void aPeerOutsideTheTrustedNetworksIsNotTrusted() {
        FakeUpstream.Received r = send("10.0.0.0/8, 192.168.1.7", FORGED);

        assertThat(r.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
        assertThat(r.header("X-Real-IP")).isEqualTo("127.0.0.1");
        assertThat(r.header("X-Forwarded-Host")).isEqualTo(HOST);
    }

    @Test
    void aTrustedProxysChainIsExtendedAndItsClientBelieved() {
        FakeUpstream.Received r = send("127.0.0.1", FORGED);

        assertThat(r.header("X-Forwarded-For")).isEqualTo("203.0.113.9, 127.0.0.1");
        assertThat(r.header("X-Real-IP")).isEqualTo("203.0.113.9");
        assertThat(r.header("X-Forwarded-Proto")).isEqualTo("https");
        assertThat(r.header("X-Forwarded-Host")).isEqualTo("evil.example.com");
        assertThat(r.header("X-Forwarded-Port")).isEqualTo("1");
    }

    @Test
    void theClientIsTheRightMostAddressThatIsNotATrustedProxy() {
        FakeUpstream.Received r = send("127.0.0.0/8, 10.0.0.0/8",
                Map.of("X-Forwarded-For", "198.51.100.77, 198.51.100.1, 10.0.0.5"));

        assertThat(r.header("X-Real-IP")).isEqualTo("198.51.100.1");
        assertThat(r.header("X-Forwarded-For")).isEqualTo("198.51.100.77, 198.51.100.1, 10.0.0.5, 127.0.0.1");
    }

    @Test
    void aTrustedProxySendingGarbageLeavesThePeerAsTheClient() {
        FakeUpstream.Received r = send("127.0.0.1", Map.of("X-Forwarded-For", "not-an-address"));

        assertThat(r.header("X-Real-IP")).isEqualTo("127.0.0.1");
    }

    @Test
    void aTrustedProxyWithoutForwardingHeadersIsTheClient() {
        FakeUpstream.Received r = send("127.0.0.1", Map.of());

        assertThat(r.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
        assertThat(r.header("X-Real-IP")).isEqualTo("127.0.0.1");
        assertThat(r.header("X-Forwarded-Proto")).isEqualTo("http");
    }

    @Test
    void aBadTrustedProxyEntryIsNamed() {
        gw = GatewayHarness.start();
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/8, nonsense/99"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nonsense/99");
    }
}
