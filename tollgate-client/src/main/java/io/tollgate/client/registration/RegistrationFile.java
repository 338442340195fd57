package io.tollgate.client.registration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tollgate.common.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.function.Function;

/**
 * Reads and writes {@code registration.yaml}. Writing creates a temporary file with mode 0600 from
 * its first byte, then moves it into place atomically: a failure never leaves a half-written file
 * that later looks valid. Failures are {@link RegistrationFileException} with a one-line message.
 */
public final class RegistrationFile {
    /** The file name the CLI writes and the gateway reads. */
    public static final String NAME = "registration.yaml";
    /** Where a gateway looks for it under {@code TOLLGATE_HOME}. */
    public static final String RUNTIME_DIRECTORY = "conf.d";
    private static final ObjectMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE).build()).build();

    private RegistrationFile() {
    }

    /** A registration file cannot be read, parsed or written; the message names the file. */
    public static final class RegistrationFileException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public RegistrationFileException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The default runtime location: {@code $TOLLGATE_HOME/conf.d/registration.yaml}, where
     * {@code TOLLGATE_HOME} defaults to {@code ./data}.
     */
    public static Path defaultLocation(Function<String, String> environment) {
        String home = environment.apply("TOLLGATE_HOME");
        return Path.of(home == null || home.isBlank() ? "./data" : home).resolve(RUNTIME_DIRECTORY).resolve(NAME);
    }

    public static Registration read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new RegistrationFileException("registration file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new RegistrationFileException("cannot read registration file " + file + ": " + e.getMessage(), e);
        }
        if (text.isBlank()) {
            throw new RegistrationFileException("registration file " + file + " is empty", null);
        }
        Registration registration;
        try {
            registration = YAML.readValue(text, Registration.class);
        } catch (JsonProcessingException e) {
            throw new RegistrationFileException("registration file " + file + " is not a registration: "
                    + e.getOriginalMessage(), e);
        }
        try {
            Pem.certificates(registration.certificate());
            Pem.privateKey(registration.privateKey());
            Pem.certificates(registration.caBundle());
        } catch (IllegalArgumentException e) {
            throw new RegistrationFileException("registration file " + file + ": " + e.getMessage(), e);
        }
        return registration;
    }

    /** Writes {@code registration} to {@code file} (mode 0600), replacing it atomically. */
    public static void write(Path file, Registration registration) {
        String text;
        try {
            text = YAML.writeValueAsString(registration);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a registration always serializes", e);
        }
        try {
            PrivateFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new RegistrationFileException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** When the registration's certificate expires. */
    public static Instant expiration(Registration registration) {
        X509Certificate certificate = Pem.certificates(registration.certificate()).get(0);
        return certificate.getNotAfter().toInstant();
    }

    /** The expiry as {@code registration inspect} prints it: {@code 2025-09-25 19:27:32 +0000 UTC}. */
    public static String formatExpiration(Instant expiry) {
        return io.tollgate.common.CertificateTimes.shown(expiry);
    }
}
