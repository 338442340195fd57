package io.tollgate.gateway.policy.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.gateway.policy.PolicyTestBase;
import org.junit.jupiter.api.Test;

class MaintenanceModePolicyTest extends PolicyTestBase {

    @Test
    void answers503WithTheDefaultMessageBeforeCredentialsAndNeverReachesTheUpstream() {
        load(pets().policyFirst("maintenance_mode", "{}"));

        var r = get("/pets"); // no credentials: maintenance answers before apicast would

        assertThat(r.status()).isEqualTo(503);
        assertThat(r.body()).isEqualTo("Service Unavailable - Maintenance");
        assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(gw.upstream.received()).isEmpty();
    }

    @Test
    void statusMessageAndContentTypeAreConfigurable() {
        load(pets().policyFirst("maintenance_mode",
                "{\"status\":502,\"message\":\"{\\\"down\\\":true}\",\"message_content_type\":\"application/json\"}"));

        var r = get("/pets?user_key=good-key");

        assertThat(r.status()).isEqualTo(502);
        assertThat(r.body()).isEqualTo("{\"down\":true}");
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(gw.upstream.received()).isEmpty();
    }

    @Test
    void anInvalidStatusRejectsTheProductNamingTheField() {
        assertThat(rejected(pets().policyFirst("maintenance_mode", "{\"status\":42}")))
                .contains("policy_chain[0] (maintenance_mode): configuration: status: 42 (expected: 100..599)");
    }
}
