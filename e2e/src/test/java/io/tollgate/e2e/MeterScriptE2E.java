package io.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs e2e/meter.sh (curl + jq) against {@code ./tollgate up}: the Service Management API served next
 * to the admin API, with in-memory counters, enforcing what the admin API configures.
 */
class MeterScriptE2E {
    @TempDir
    Path home;

    @Test
    void meterEnforcesWhatTheAdminApiConfigures() throws Exception {
        try (TollgateProcess tollgate = TollgateProcess.up(home)) {
            ProcessBuilder run = new ProcessBuilder("bash", TollgateProcess.ROOT.resolve("e2e/meter.sh").toString())
                    .redirectErrorStream(true);
            run.environment().put("TOLLGATE_URL", tollgate.baseUrl());
            run.environment().put("TOLLGATE_TOKEN", TollgateProcess.ADMIN_TOKEN);
            run.environment().put("TOLLGATE_METER_URL", tollgate.meterUrl());
            Process process = run.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            System.out.print(output);
            assertThat(process.exitValue()).as(output).isZero();
            assertThat(output).doesNotContain("FAIL").containsPattern("(?m)^\\d{2,} checks passed$");
            assertThat(output).contains("suspension visible after", "limit 3 -> 5 visible after");

            assertThat(tollgate.stop()).isZero();
            assertThat(tollgate.output()).contains("Service Management API: " + tollgate.meterUrl());
        }
    }
}
