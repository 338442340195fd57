package io.tollgate.cli.registration;

import io.tollgate.cli.CliException;
import io.tollgate.cli.ToolboxCommand;
import io.tollgate.client.registration.KeyRequest;
import io.tollgate.client.registration.Registration;
import io.tollgate.client.registration.RegistrationClient;
import io.tollgate.client.registration.RegistrationFile;
import io.tollgate.client.registration.RegistrationRejectedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tollgate registration renew (--username/--password | --client-id/--client-secret)
 * [--output-directory=DIR] <registration.yaml>} (SPEC G3): a new key pair and certificate for the
 * registered gateway, written as a new registration.yaml in DIR. Works when the old certificate has
 * expired. The input is replaced only when DIR is its own folder; another existing file is not.
 */
@Command(name = "renew", description = {"Renew a gateway's certificate and write a new registration.yaml.",
        "Works when the certificate has already expired. Copy the new file to the gateway's runtime location",
        "($TOLLGATE_HOME/conf.d/registration.yaml) and restart the gateway."})
public final class RenewRegistrationCommand extends ToolboxCommand {
    @Parameters(index = "0", paramLabel = "<registration.yaml>", description = "The registration to renew.")
    Path file;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Credentials credentials;

    @Option(names = "--output-directory", defaultValue = ".", paramLabel = "<dir>",
            description = "Where the new registration.yaml is written (default: the current directory).")
    Path outputDirectory;

    /** User credentials or connected-app credentials, exactly one pair. */
    static final class Credentials {
        @ArgGroup(exclusive = false, multiplicity = "1")
        User user;

        @ArgGroup(exclusive = false, multiplicity = "1")
        App app;
    }

    static final class User {
        @Option(names = "--username", required = true, description = "An admin user of the organization.")
        String username;

        @Option(names = "--password", required = true, description = "The user's password.")
        String password;
    }

    static final class App {
        @Option(names = "--client-id", required = true,
                description = "A connected app with the scopes Read Servers, Manage Servers, View Organization.")
        String clientId;

        @Option(names = "--client-secret", required = true, description = "The connected app's secret.")
        String clientSecret;
    }

    @Override
    protected void run() {
        Registration old = RegistrationFile.read(file);
        Path target = Registrations.target(outputDirectory);
        if (Files.exists(target) && !sameFile(target, file)) {
            throw new CliException(target + " already exists and is not the registration being renewed"
                    + " (renew into an empty directory, or into the registration's own directory to replace it)");
        }
        KeyRequest key = KeyRequest.generate(old.name());
        RegistrationClient.Credentials given = credentials.user != null
                ? RegistrationClient.Credentials.user(credentials.user.username, credentials.user.password)
                : RegistrationClient.Credentials.connectedApp(credentials.app.clientId, credentials.app.clientSecret);
        RegistrationClient.Issued issued;
        try {
            issued = new RegistrationClient(Registrations.controlPlane(old.controlPlaneUrl()), tls())
                    .renew(old.organization(), old.environment(), old.name(), given, key.csrPem());
        } catch (RegistrationRejectedException e) {
            throw Registrations.rejected(e);
        }
        RegistrationFile.write(target, old.renewed(issued.certificate(), key.privateKeyPem(), issued.caBundle(),
                issued.gatewayApiUrl()));
        out().println("Registration renewal completed");
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
