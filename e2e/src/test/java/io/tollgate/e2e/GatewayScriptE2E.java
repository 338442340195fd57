package io.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs e2e/gateway.sh (curl + jq + a python echo upstream) against {@code ./tollgate up}: the
 * production and staging gateways serve what the admin API configures, and a promotion reaches
 * production within a second.
 */
class GatewayScriptE2E {
    @TempDir
    Path home;

    @Test
    void gatewaysServeWhatTheAdminApiConfigures() throws Exception {
        try (TollgateProcess tollgate = TollgateProcess.up(home)) {
            ProcessBuilder run = new ProcessBuilder("bash", TollgateProcess.ROOT.resolve("e2e/gateway.sh").toString())
                    .redirectErrorStream(true);
            run.environment().put("TOLLGATE_URL", tollgate.baseUrl());
            run.environment().put("TOLLGATE_TOKEN", TollgateProcess.ADMIN_TOKEN);
            run.environment().put("TOLLGATE_GATEWAY_URL", tollgate.gatewayUrl());
            run.environment().put("TOLLGATE_STAGING_URL", tollgate.stagingUrl());
            run.environment().put("TOLLGATE_MANAGEMENT_URL", tollgate.managementUrl());
            Process process = run.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
            System.out.print(output);
            assertThat(process.exitValue()).as(output).isZero();
            assertThat(output).doesNotContain("FAIL").containsPattern("(?m)^\\d{2,} checks passed$")
                    .containsPattern("promotion visible in production after \\d+ ms");

            assertThat(tollgate.stop()).isZero();
            assertThat(tollgate.output()).contains("Gateway (production): " + tollgate.gatewayUrl());
        }
    }
}
