package io.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The toolbox as a user runs it: {@code ./tollgate -c <work>/rc.yaml <args>} from the repository, its
 * output and error captured per run. Remotes added with one {@code Cli} are known to its later runs.
 */
final class Cli {
    /** One run's exit code, stdout and stderr. */
    record Run(int exit, String out, String err) {
    }

    private final Path work;

    /** @param work where the remotes file and the captured output go */
    Cli(Path work) {
        this.work = work;
    }

    Run run(String... args) throws Exception {
        return run(Map.of(), args);
    }

    /** A run with {@code env} on top of the process's environment. */
    Run run(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(TollgateProcess.ROOT.resolve("tollgate").toString(), "-c",
                work.resolve("rc.yaml").toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(TollgateProcess.ROOT.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** A run that must succeed (exit 0); the assertion shows its output otherwise. */
    Run ok(String... args) throws Exception {
        Run run = run(args);
        assertThat(run.exit()).as("tollgate %s: %s %s", String.join(" ", args), run.out(), run.err()).isZero();
        return run;
    }
}
