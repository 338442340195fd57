package io.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the curl + jq scenarios of e2e/ against {@code ./tollgate up}: admin-api.sh (the wire shapes
 * of the 3scale client contract) and lifecycle.sh (plans, developer accounts, applications, keys,
 * deploy and promote).
 */
class AdminApiScriptE2E {
    @TempDir
    Path home;

    @ParameterizedTest
    @ValueSource(strings = {"admin-api.sh", "lifecycle.sh"})
    void scenarioPassesAgainstTheRunningPlatform(String script) throws Exception {
        try (TollgateProcess tollgate = TollgateProcess.up(home)) {
            ProcessBuilder run = new ProcessBuilder("bash", TollgateProcess.ROOT.resolve("e2e").resolve(script).toString())
                    .redirectErrorStream(true);
            run.environment().put("TOLLGATE_URL", tollgate.baseUrl());
            run.environment().put("TOLLGATE_TOKEN", TollgateProcess.ADMIN_TOKEN);
            Process process = run.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(output).isZero();
            assertThat(output).containsPattern("\\d{2,} passed, 0 failed");

            assertThat(tollgate.stop()).isZero();
            assertThat(tollgate.output()).contains("Tollgate stopped");
        }
    }
}
