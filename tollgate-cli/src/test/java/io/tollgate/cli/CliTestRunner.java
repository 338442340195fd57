package io.tollgate.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** Runs the toolbox without the {@code -c} the other tests pass, to test where the configuration file comes from. */
final class CliTestRunner {
    private CliTestRunner() {
    }

    static CliTest.Result runWithoutConfigFlag(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine root = Toolbox.install(new CommandLine(new CliTest.Root()),
                new ToolboxContext(env::get, new ByteArrayInputStream(new byte[0])));
        root.setOut(new PrintWriter(out, true));
        root.setErr(new PrintWriter(err, true));
        root.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("tollgate: " + Toolbox.describe(e).orElse(e.toString()));
            return 1;
        });
        return new CliTest.Result(root.execute(args), out.toString(), err.toString());
    }
}
