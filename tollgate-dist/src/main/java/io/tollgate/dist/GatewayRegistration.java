package io.tollgate.dist;

import io.tollgate.client.registration.Registration;
import io.tollgate.client.registration.RegistrationFile;
import io.tollgate.client.registration.RegistrationTls;
import io.tollgate.gateway.loader.ClientIdentity;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running gateway's registration ({@code registration.yaml}, docs/registration.md): read at start into
 * a {@link ClientIdentity}, then watched. A renewed file of the same gateway dropped at the same path is
 * taken into use without a restart (new connections to the control plane present the new
 * certificate; traffic is not touched); a broken file, or one of another gateway, is logged and
 * ignored while the current registration goes on.
 */
final class GatewayRegistration implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayRegistration.class);

    private final Path file;
    private final Registration registration;
    private final ClientIdentity identity;
    private Vertx vertx;
    private long timer = -1;
    private FileTime modified;
    private long size;
    private String lastProblem;

    private GatewayRegistration(Path file, Registration registration, ClientIdentity identity) {
        this.file = file;
        this.registration = registration;
        this.identity = identity;
        stamp();
    }

    /**
     * Reads the registration.
     *
     * @param option the option that named the file, for messages
     * @throws UserException when the file is missing, unreadable or not a registration
     */
    static GatewayRegistration read(Path file, String option) {
        Registration registration;
        try {
            registration = RegistrationFile.read(file);
        } catch (RegistrationFile.RegistrationFileException e) {
            String hint = Files.exists(file) ? "" : " (register this gateway with tollgate registration create, or "
                    + "point " + option + " at its registration.yaml)";
            throw new UserException(option + ": " + e.getMessage() + hint, e);
        }
        if (registration.gatewayApiUrl() == null || registration.gatewayApiUrl().isBlank()) {
            throw new UserException(option + ": " + file + " has no gatewayApiUrl (register the gateway again, or "
                    + "renew it, with this version's tollgate)");
        }
        return new GatewayRegistration(file, registration, new ClientIdentity(material(registration), file.toString()));
    }

    static ClientIdentity.Material material(Registration r) {
        X509Certificate certificate = RegistrationTls.of(r).certificate();
        return new ClientIdentity.Material(r.name(), r.gatewayId(), r.environment(), r.certificate(),
                r.privateKey(), r.caBundle(), certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant());
    }

    Registration registration() {
        return registration;
    }

    ClientIdentity identity() {
        return identity;
    }

    Path file() {
        return file;
    }

    /** Looks at the file every {@code every} for a renewal. */
    GatewayRegistration watch(Vertx vertx, Duration every) {
        this.vertx = vertx;
        // Ordered: one look at a time, so a slow read never overlaps the next tick's.
        timer = vertx.setPeriodic(every.toMillis(), id -> vertx.executeBlocking(() -> {
            check();
            return null;
        }, true));
        return this;
    }

    private void check() {
        FileTime before = modified;
        long sizeBefore = size;
        stamp();
        if (modified == null || (modified.equals(before) && size == sizeBefore)) {
            return;
        }
        Registration renewed;
        try {
            renewed = RegistrationFile.read(file);
        } catch (RuntimeException e) {
            problem("ignoring the changed registration " + file + ": " + e.getMessage() + "; the gateway keeps "
                    + "the certificate valid until " + ClientIdentity.shown(identity.current().notAfter()));
            return;
        }
        if (renewed.gatewayId() != registration.gatewayId() || !renewed.name().equals(registration.name())
                || !renewed.environment().equals(registration.environment())) {
            problem("ignoring the changed registration " + file + ": it is gateway " + renewed.name() + " ("
                    + renewed.gatewayId() + ", " + renewed.environment() + "), this one is " + registration.name()
                    + " (" + registration.gatewayId() + ", " + registration.environment() + "); restart to switch");
            return;
        }
        ClientIdentity.Material material;
        try {
            material = material(renewed);
        } catch (RuntimeException e) {
            problem("ignoring the changed registration " + file + ": " + e.getMessage());
            return;
        }
        lastProblem = null;
        if (material.sameCertificate(identity.current())) {
            return;
        }
        identity.replace(material);
        LOG.info("registration {} renewed: gateway {} now presents a certificate valid until {}", file,
                material.name(), ClientIdentity.shown(material.notAfter()));
    }

    private void problem(String message) {
        if (!message.equals(lastProblem)) {
            LOG.error(message);
            lastProblem = message;
        }
    }

    private void stamp() {
        try {
            modified = Files.getLastModifiedTime(file);
            size = Files.size(file);
        } catch (IOException e) {
            modified = null;
        }
    }

    @Override
    public void close() {
        if (timer >= 0 && vertx != null) {
            vertx.cancelTimer(timer);
        }
    }
}
