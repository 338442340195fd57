package io.tollgate.cli;

import io.tollgate.client.AdminClient;
import io.tollgate.client.Remote;
import io.tollgate.client.Tls;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of every toolbox leaf command: the global options wherever they were typed, the configured
 * remotes, clients for them, and output through {@code spec.commandLine().getOut()} only.
 * Subclasses do their work in {@link #run()} and signal failures with exceptions, which the one
 * execution-exception handler turns into a one-line message and exit code ({@link Toolbox#describe}).
 */
@picocli.CommandLine.Command(versionProvider = ToolboxVersion.class)
public abstract class ToolboxCommand implements Callable<Integer> {
    @Spec
    protected CommandSpec spec;

    /** Set by the factory {@link Toolbox#install} registers. */
    ToolboxContext context = ToolboxContext.system();

    /** The command's work; returns normally on success. */
    protected abstract void run() throws Exception;

    @Override
    public final Integer call() throws Exception {
        run();
        out().flush();
        return 0;
    }

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    protected Printer printer(OutputFormat output) {
        return new Printer(out(), output == null ? null : output.format());
    }

    protected ToolboxContext context() {
        return context;
    }

    /** {@code -k/--insecure} given at any level of the command line. */
    protected boolean insecure() {
        return matched(ToolboxOptions.INSECURE, Boolean.class) != null;
    }

    protected Tls tls() {
        String caFile = context.env("SSL_CERT_FILE");
        return new Tls(insecure(), caFile == null ? null : Path.of(caFile));
    }

    /** {@code -c} (the innermost one), else {@code TOLLGATE_CLI_CONFIG}, else {@code $HOME/.tollgaterc.yaml}. */
    protected Path configFile() {
        Path given = matched(ToolboxOptions.CONFIG, Path.class);
        if (given != null) {
            return given;
        }
        String fromEnv = context.env("TOLLGATE_CLI_CONFIG");
        if (fromEnv != null) {
            return Path.of(fromEnv);
        }
        String home = context.env("HOME");
        return Path.of(home == null ? System.getProperty("user.home") : home, ".tollgaterc.yaml");
    }

    protected CliConfig config() {
        return CliConfig.load(configFile());
    }

    /** A remote's name in the configuration, or an {@code http[s]://token@host} URL. */
    protected Remote remote(String ref) {
        if (Remote.isUrl(ref)) {
            try {
                return Remote.parse(ref);
            } catch (IllegalArgumentException e) {
                throw new CliException("remote " + redact(ref) + ": " + e.getMessage(), e);
            }
        }
        CliConfig config = config();
        return config.remote(ref).orElseThrow(() -> new CliException("remote '" + ref + "' is not in "
                + config.file() + " (add it with 'tollgate remote add " + ref + " <url>', or give a URL)"));
    }

    /** A client for the remote; close it when done. */
    protected AdminClient connect(String ref) {
        return new AdminClient(remote(ref), tls());
    }

    protected Inputs inputs() {
        return new Inputs(context.stdin(), tls());
    }

    /** The URL without its user-info part (the token), for messages. */
    protected static String redact(String url) {
        return url.replaceFirst("//[^/@]*@", "//");
    }

    /** The value of {@code option} from the innermost command that was given it, or null. */
    private <T> T matched(String option, Class<T> type) {
        for (CommandSpec s = spec; s != null; s = s.parent()) {
            CommandLine.ParseResult parsed = s.commandLine() == null ? null : s.commandLine().getParseResult();
            if (parsed != null && parsed.hasMatchedOption(option)) {
                return type.cast(parsed.matchedOptionValue(option, null));
            }
        }
        return null;
    }
}
