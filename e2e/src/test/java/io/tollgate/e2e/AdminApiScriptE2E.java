package io.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs e2e/admin-api.sh (curl + jq) against {@code ./tollgate up}. */
class AdminApiScriptE2E {
    @TempDir
    Path home;

    @Test
    void adminApiShapesMatchTheThreescaleClientContract() throws Exception {
        try (TollgateProcess tollgate = TollgateProcess.up(home)) {
            ProcessBuilder script = new ProcessBuilder("bash", TollgateProcess.ROOT.resolve("e2e/admin-api.sh").toString())
                    .redirectErrorStream(true);
            script.environment().put("TOLLGATE_URL", tollgate.baseUrl());
            script.environment().put("TOLLGATE_TOKEN", TollgateProcess.ADMIN_TOKEN);
            Process process = script.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(output).isZero();
            assertThat(output).containsPattern("\\d{2,} passed, 0 failed");

            assertThat(tollgate.stop()).isZero();
            assertThat(tollgate.output()).contains("Tollgate stopped");
        }
    }
}
