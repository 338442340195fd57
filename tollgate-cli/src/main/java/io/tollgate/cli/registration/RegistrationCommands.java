package io.tollgate.cli.registration;

import io.tollgate.cli.CommandGroup;
import io.tollgate.cli.ToolboxVersion;
import picocli.CommandLine.Command;

/** {@code tollgate registration}: a gateway's registration with the control plane (SPEC G1–G4). */
@Command(name = "registration", versionProvider = ToolboxVersion.class,
        description = "Register a gateway, renew its certificate, inspect its registration file.",
        subcommands = {CreateRegistrationCommand.class, RenewRegistrationCommand.class,
                InspectRegistrationCommand.class})
public final class RegistrationCommands extends CommandGroup {
}
