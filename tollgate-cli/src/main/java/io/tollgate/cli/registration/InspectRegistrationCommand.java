package io.tollgate.cli.registration;

import io.tollgate.cli.ToolboxCommand;
import io.tollgate.client.registration.RegistrationFile;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tollgate registration inspect [--file=<path>]} (SPEC G4): one line of JSON with the
 * certificate's expiry, {@code {"expiration_date": "2025-09-25 19:27:32 +0000 UTC"}}.
 */
@Command(name = "inspect", description = {"Print the expiration date of a registration's certificate as JSON.",
        "Default file: $TOLLGATE_HOME/conf.d/registration.yaml (TOLLGATE_HOME defaults to ./data)."})
public final class InspectRegistrationCommand extends ToolboxCommand {
    @Option(names = "--file", paramLabel = "<path>", description = "The registration file to inspect.")
    Path file;

    @Override
    protected void run() {
        Path path = file != null ? file : RegistrationFile.defaultLocation(context()::env);
        String expiry = RegistrationFile.formatExpiration(RegistrationFile.expiration(RegistrationFile.read(path)));
        out().println("{\"expiration_date\": \"" + expiry + "\"}");
    }
}
