package io.tollgate.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The toolbox's global options, mixed into every command group and inherited by its commands, so
 * they may be given anywhere: {@code tollgate service -k list r} or {@code tollgate service list -k r}.
 * Commands read them through {@link ToolboxCommand}, from what was typed at any level (the root
 * {@code tollgate} takes them too, see {@link Toolbox#install}).
 */
public final class ToolboxOptions {
    static final String CONFIG = "--config-file";
    static final String INSECURE = "--insecure";
    static final String VERBOSE = "--verbose";

    @Option(names = {"-c", CONFIG}, paramLabel = "<file>", scope = ScopeType.INHERIT,
            description = "Toolbox configuration file (remotes): default $HOME/.tollgaterc.yaml, or TOLLGATE_CLI_CONFIG.")
    Path configFile;

    @Option(names = {"-k", INSECURE}, scope = ScopeType.INHERIT,
            description = "Proceed even when the server's TLS certificate cannot be verified.")
    boolean insecure;

    @Option(names = VERBOSE, scope = ScopeType.INHERIT, description = "Verbose mode: details of failures.")
    boolean verbose;

    @Option(names = {"-v", "--version"}, versionHelp = true, scope = ScopeType.INHERIT,
            description = "Print the version and exit.")
    boolean version;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT,
            description = "Show help for this command and exit.")
    boolean help;
}
