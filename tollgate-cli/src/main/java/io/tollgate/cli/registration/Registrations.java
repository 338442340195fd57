package io.tollgate.cli.registration;

import io.tollgate.cli.CliException;
import io.tollgate.cli.ReportedException;
import io.tollgate.client.registration.RegistrationFile;
import io.tollgate.client.registration.RegistrationRejectedException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the registration commands share: where files go, and how a refusal reads (SPEC G2). */
final class Registrations {
    static final String ERROR_LINE = "[tollgate][error] registration call returned error response: HTTP/1.1 400 Bad Request";

    private Registrations() {
    }

    /** The refusal as the seed's tool prints it: the status line, then the reason. */
    static ReportedException rejected(RegistrationRejectedException e) {
        return new ReportedException(ERROR_LINE + System.lineSeparator() + e.reason(), e);
    }

    /** {@code <dir>/registration.yaml}, after checking the directory can be written (created if missing). */
    static Path target(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new CliException("--output-directory " + directory + ": cannot create it (" + e.getMessage() + ")", e);
        }
        if (!Files.isWritable(directory)) {
            throw new CliException("--output-directory " + directory + ": not writable");
        }
        return directory.resolve(RegistrationFile.NAME);
    }

    static URI controlPlane(String given) {
        if (given == null || given.isBlank()) {
            throw new CliException("--control-plane: missing (the control plane's URL, e.g. http://localhost:3000;"
                    + " or set TOLLGATE_CONTROL_PLANE)");
        }
        try {
            URI uri = URI.create(given.trim());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getUserInfo() != null) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new CliException("--control-plane: " + given + " (expected: http[s]://host[:port])");
        }
    }
}
