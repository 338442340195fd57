package io.tollgate.dist;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tollgate} command. */
@Command(name = "tollgate",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Tollgate: API management — control plane, gateway, meter and toolbox.",
        subcommands = {UpCommand.class, ServerCommand.class, GatewayCommand.class, MeterCommand.class, AdminCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command tree with Tollgate's error handling, for main and for tests. */
    public static CommandLine commandLine() {
        CommandLine root = new CommandLine(new Main());
        // The toolbox command tree (service, product, import …) lives in tollgate-cli.
        io.tollgate.cli.Toolbox.install(root);
        // 'gateway token create' and 'gateway list' talk to the admin API; 'gateway' alone still runs a gateway.
        io.tollgate.cli.Toolbox.installGatewayCommands(root.getSubcommands().get("gateway"));
        return root.setExecutionExceptionHandler(new ErrorHandler())
                .setParameterExceptionHandler(ErrorHandler::handleParameterException);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
