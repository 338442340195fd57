package io.tollgate.dist;

import picocli.CommandLine;

/**
 * Turns a failed command into one line on stderr and a non-zero exit code. User errors
 * ({@link UserException}, and the toolbox's failures: bad input, an admin API error, an unreachable
 * server) never print a stack trace, unless a toolbox command was given {@code --verbose}; anything
 * else prints one for the bug report.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    /** A command line that does not parse: one line naming the problem and where help is. */
    static int handleParameterException(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr().println("tollgate: " + e.getMessage() + " (see '" + cmd.getCommandSpec().qualifiedName()
                + " --help')");
        return 2;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parsed) {
        if (e instanceof UserException) {
            commandLine.getErr().println("tollgate: " + e.getMessage());
            return 1;
        }
        java.util.Optional<String> verbatim = io.tollgate.cli.Toolbox.verbatim(e);
        if (verbatim.isPresent()) {
            commandLine.getErr().println(verbatim.get());
            return 1;
        }
        java.util.Optional<String> toolbox = io.tollgate.cli.Toolbox.describe(e);
        if (toolbox.isPresent()) {
            commandLine.getErr().println("tollgate: " + toolbox.get());
            if (io.tollgate.cli.Toolbox.verbose(parsed)) {
                e.printStackTrace(commandLine.getErr());
            }
            return 1;
        }
        commandLine.getErr().println("tollgate: unexpected error: " + e);
        e.printStackTrace(commandLine.getErr());
        return 2;
    }
}
