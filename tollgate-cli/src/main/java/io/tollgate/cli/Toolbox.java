package io.tollgate.cli;

import io.tollgate.cli.account.AccountCommands;
import io.tollgate.cli.activedocs.ActiveDocsCommands;
import io.tollgate.cli.api.ApiCommands;
import io.tollgate.cli.application.ApplicationCommands;
import io.tollgate.cli.copy.CopyCommands;
import io.tollgate.cli.copy.UpdateCommands;
import io.tollgate.cli.imports.ImportCommands;
import io.tollgate.cli.method.MethodCommands;
import io.tollgate.cli.metric.MetricCommands;
import io.tollgate.cli.plan.ApplicationPlanCommands;
import io.tollgate.cli.policies.PoliciesCommands;
import io.tollgate.cli.policies.PolicyRegistryCommands;
import io.tollgate.cli.product.BackendCommands;
import io.tollgate.cli.product.ProductCommands;
import io.tollgate.cli.proxyconfig.ProxyConfigCommands;
import io.tollgate.cli.remote.RemoteCommands;
import io.tollgate.cli.service.ServiceCommands;
import io.tollgate.client.ApiException;
import io.tollgate.client.Documents;
import io.tollgate.client.NotFoundException;
import io.tollgate.client.TransportException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The toolbox command tree (SPEC P3–P12) as subcommands of {@code tollgate}, and how its failures
 * read: one line, exit code 1, a stack trace only with {@code --verbose}.
 */
public final class Toolbox {
    /** The command groups, in the order {@code tollgate --help} lists them. */
    public static final List<Class<?>> GROUPS = List.of(AccountCommands.class, ActiveDocsCommands.class,
            ApiCommands.class, ApplicationCommands.class, ApplicationPlanCommands.class, BackendCommands.class,
            io.tollgate.cli.connectedapp.ConnectedAppCommands.class, CopyCommands.class,
            ImportCommands.class, MethodCommands.class, MetricCommands.class, PoliciesCommands.class,
            PolicyRegistryCommands.class, ProductCommands.class, ProxyConfigCommands.class,
            io.tollgate.cli.registration.RegistrationCommands.class, RemoteCommands.class, ServiceCommands.class,
            UpdateCommands.class);

    private Toolbox() {
    }

    /** Adds the toolbox to {@code root} ({@code tollgate}), reading the process's environment and stdin. */
    public static CommandLine install(CommandLine root) {
        return install(root, ToolboxContext.system());
    }

    /**
     * Adds the command groups, created by a factory that hands every command {@code context}, and the
     * global options to {@code root} itself (as the 3scale toolbox takes them before the command:
     * {@code tollgate -k service list r}). On the root they are local, so they never collide with
     * the options of its other commands.
     */
    public static CommandLine install(CommandLine root, ToolboxContext context) {
        CommandLine.IFactory factory = new ContextFactory(context);
        for (Class<?> group : GROUPS) {
            CommandLine command = new CommandLine(group, factory);
            root.addSubcommand(command.getCommandName(), command);
        }
        CommandSpec spec = root.getCommandSpec();
        spec.addOption(OptionSpec.builder("-c", ToolboxOptions.CONFIG).type(Path.class).paramLabel("<file>")
                .description("Toolbox configuration file (default $HOME/.tollgaterc.yaml).").build());
        spec.addOption(OptionSpec.builder("-k", ToolboxOptions.INSECURE).type(boolean.class)
                .description("Toolbox: proceed even when a server's TLS certificate cannot be verified.").build());
        spec.addOption(OptionSpec.builder(ToolboxOptions.VERBOSE).type(boolean.class)
                .description("Toolbox: verbose mode.").build());
        spec.addOption(OptionSpec.builder("-v").type(boolean.class).versionHelp(true)
                .description("Print version information and exit.").build());
        return root;
    }

    /**
     * The command groups that hang under {@code tollgate gateway} ({@code token}, {@code list}),
     * created like the toolbox's, for the launcher to add to its {@code gateway} command.
     */
    public static void installGatewayCommands(CommandLine gateway) {
        installGatewayCommands(gateway, ToolboxContext.system());
    }

    /** {@link #installGatewayCommands(CommandLine)} with {@code context} (tests). */
    public static void installGatewayCommands(CommandLine gateway, ToolboxContext context) {
        CommandLine.IFactory factory = new ContextFactory(context);
        for (Class<?> command : List.of(io.tollgate.cli.gateway.GatewayTokenCommands.class,
                io.tollgate.cli.gateway.ListGatewaysCommand.class)) {
            CommandLine line = new CommandLine(command, factory);
            gateway.addSubcommand(line.getCommandName(), line);
        }
    }

    /** The message of a failure that is printed exactly as it is ({@link ReportedException}), or empty. */
    public static Optional<String> verbatim(Throwable e) {
        return e instanceof ReportedException ? Optional.of(e.getMessage()) : Optional.empty();
    }

    /** The one-line message for a toolbox failure, or empty when {@code e} is not one (a bug). */
    public static Optional<String> describe(Throwable e) {
        if (e instanceof io.tollgate.client.registration.RegistrationFile.RegistrationFileException
                || e instanceof CliException || e instanceof ApiException || e instanceof TransportException
                || e instanceof NotFoundException || e instanceof Documents.DocumentException
                || e instanceof io.tollgate.client.openapi.OpenApiException) {
            return Optional.of(e.getMessage());
        }
        return Optional.empty();
    }

    /** Whether {@code --verbose} was given anywhere on the command line. */
    public static boolean verbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(ToolboxOptions.VERBOSE)) {
                return true;
            }
        }
        return false;
    }

    /** Creates commands with picocli's default factory and gives toolbox commands the context. */
    private record ContextFactory(ToolboxContext context) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            K instance = CommandLine.defaultFactory().create(type);
            if (instance instanceof ToolboxCommand command) {
                command.context = context;
            }
            return instance;
        }
    }
}
