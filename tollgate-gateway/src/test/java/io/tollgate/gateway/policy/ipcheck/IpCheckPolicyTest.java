package io.tollgate.gateway.policy.ipcheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.gateway.policy.PolicyTestBase;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IpCheckPolicyTest extends PolicyTestBase {

    @Test
    void whitelistAdmitsTheListedNetworksByTheGatewaysOwnViewOfTheClient() {
        load(pets().policyFirst("ip_check", "{\"ips\":[\"10.0.0.0/8\",\"127.0.0.0/8\"],\"check_type\":\"whitelist\"}"));

        // A forged X-Forwarded-For from an untrusted peer changes nothing: last_caller is the peer.
        var r = get("/pets?user_key=good-key", Map.of("X-Forwarded-For", "6.6.6.6"));

        assertThat(r.status()).isEqualTo(200);
    }

    @Test
    void whitelistRefusesOthersWith403AndTheErrorMessageBeforeCredentials() {
        load(pets().policyFirst("ip_check", "{\"ips\":[\"10.0.0.0/8\"],\"check_type\":\"whitelist\","
                + "\"error_msg\":\"Not from here\"}"));

        var r = get("/pets"); // no credentials: ip_check answers first

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).isEqualTo("Not from here\n");
        assertThat(gw.upstream.received()).isEmpty();
    }

    @Test
    void blacklistRefusesTheListedAddresses() {
        load(pets().policyFirst("ip_check", "{\"ips\":[\"127.0.0.1\"],\"check_type\":\"blacklist\"}"));

        var r = get("/pets?user_key=good-key");

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).isEqualTo("IP address not allowed\n");
        assertThat(gw.upstream.received()).isEmpty();
    }

    @Test
    void headerSourcesAreTriedInOrder() {
        load(pets().policyFirst("ip_check", "{\"ips\":[\"192.0.2.0/24\"],\"check_type\":\"whitelist\","
                + "\"client_ip_sources\":[\"X-Real-IP\",\"X-Forwarded-For\",\"last_caller\"]}"));

        assertThat(get("/pets?user_key=good-key", Map.of("X-Real-IP", "192.0.2.7")).status()).isEqualTo(200);
        assertThat(get("/pets?user_key=good-key", Map.of("X-Forwarded-For", "192.0.2.8:4431, 10.1.1.1"))
                .status()).isEqualTo(200);
        assertThat(get("/pets?user_key=good-key", Map.of("X-Real-IP", "not-an-ip")).status()).isEqualTo(403);
    }

    @Test
    void forwardedForDepthTakesTheAddressTheTrustedProxyWrote() {
        load(pets().policyFirst("ip_check", "{\"ips\":[\"192.0.2.0/24\"],\"check_type\":\"whitelist\","
                + "\"client_ip_sources\":[\"X-Forwarded-For\"],\"x_forwarded_for_depth\":1}"));

        // The client forged the first entry; the proxy in front appended the real client address.
        assertThat(get("/pets?user_key=good-key", Map.of("X-Forwarded-For", "192.0.2.1, 203.0.113.9")).status())
                .isEqualTo(403);
        assertThat(get("/pets?user_key=good-key", Map.of("X-Forwarded-For", "203.0.113.9, 192.0.2.1")).status())
                .isEqualTo(200);
    }

    @Test
    void sourcesYieldTheRightAddresses() {
        assertThat(ClientIpSource.forwardedFor("1.1.1.1, 2.2.2.2, 3.3.3.3", 0)).containsExactly(1, 1, 1, 1);
        assertThat(ClientIpSource.forwardedFor("1.1.1.1, 2.2.2.2, 3.3.3.3", 2)).containsExactly(2, 2, 2, 2);
        assertThat(ClientIpSource.forwardedFor("1.1.1.1", 2)).isNull();
        assertThat(ClientIpSource.stripPort("[2001:db8::1]:443")).isEqualTo("2001:db8::1");
        assertThat(ClientIpSource.stripPort("2001:db8::1")).isEqualTo("2001:db8::1");
        assertThat(ClientIpSource.stripPort("10.0.0.1:80")).isEqualTo("10.0.0.1");
    }

    @Test
    void invalidConfigurationsNameTheField() {
        assertThat(rejected(pets().policyFirst("ip_check", "{\"ips\":[\"10.0.0.0/33\"],\"check_type\":\"whitelist\"}")))
                .contains("configuration: ips[0]: \"10.0.0.0/33\" (expected: a prefix length 0..32)");
        assertThat(rejected(pets().policyFirst("ip_check", "{\"ips\":[]}"))).contains("check_type: missing");
        assertThat(rejected(pets().policyFirst("ip_check", "{\"ips\":[],\"check_type\":\"whitelist\","
                + "\"client_ip_sources\":[\"proxy_protocol_addr\"]}")))
                .contains("client_ip_sources[0]: \"proxy_protocol_addr\"");
    }
}
