package io.tollgate.cli.registration;

import io.tollgate.cli.CliException;
import io.tollgate.cli.ToolboxCommand;
import io.tollgate.client.registration.KeyRequest;
import io.tollgate.client.registration.Registration;
import io.tollgate.client.registration.RegistrationClient;
import io.tollgate.client.registration.RegistrationFile;
import io.tollgate.client.registration.RegistrationRejectedException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tollgate registration create --organization=… --token=… <name>} (SPEC G1): makes a key pair
 * here, sends the control plane a CSR with the one-time token, and writes {@code registration.yaml}
 * (mode 0600, atomically) with the issued certificate, the key and the CA bundle. An existing file
 * is never replaced, and nothing is written when the control plane refuses.
 */
@Command(name = "create", description = {"Register a gateway with the control plane and write registration.yaml.",
        "The token comes from 'tollgate gateway token create' (or the admin API); it works once."})
public final class CreateRegistrationCommand extends ToolboxCommand {
    @Parameters(index = "0", paramLabel = "<gateway-name>",
            description = "Name of the gateway, unique in the organization and environment, never reusable.")
    String name;

    @Option(names = "--organization", required = true, paramLabel = "<org-id>", description = "Organization (tenant) id.")
    String organization;

    @Option(names = "--token", required = true, paramLabel = "<token>", description = "One-time registration token.")
    String token;

    @Option(names = "--connected", arity = "1", defaultValue = "true", paramLabel = "true|false",
            description = "Connected mode (default true): the gateway gets its configuration from the control plane.")
    boolean connected;

    @Option(names = "--output-directory", defaultValue = ".", paramLabel = "<dir>",
            description = "Where registration.yaml is written (default: the current directory).")
    Path outputDirectory;

    @Option(names = "--control-plane", paramLabel = "<url>",
            description = "The control plane's admin API URL, e.g. http://localhost:3000 (env TOLLGATE_CONTROL_PLANE).")
    String controlPlane;

    @Override
    protected void run() {
        URI url = Registrations.controlPlane(controlPlane != null ? controlPlane
                : context().env("TOLLGATE_CONTROL_PLANE"));
        Path target = Registrations.target(outputDirectory);
        if (Files.exists(target)) {
            throw new CliException(target + " already exists; registering would replace a registration"
                    + " (choose another --output-directory)");
        }
        out().println("Starting registration, please be patient.");
        out().flush();
        KeyRequest key = KeyRequest.generate(name);
        RegistrationClient.Issued issued;
        try {
            issued = new RegistrationClient(url, tls()).register(organization, token, name, connected, key.csrPem());
        } catch (RegistrationRejectedException e) {
            throw Registrations.rejected(e);
        }
        RegistrationFile.write(target, new Registration(name, issued.gatewayId(), organization.trim(),
                issued.environment(), connected, url.toString(), issued.gatewayApiUrl(), issued.certificate(),
                key.privateKeyPem(), issued.caBundle()));
        out().println("Registration completed, the configuration files were written in directory \""
                + target.toAbsolutePath().getParent().normalize() + "\". For security, modify the file permissions"
                + " to restrict production scenario access to the user running the gateway.");
    }
}
