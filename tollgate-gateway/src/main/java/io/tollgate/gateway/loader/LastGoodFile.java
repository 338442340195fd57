package io.tollgate.gateway.loader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.gateway.config.ConfigException;
import io.tollgate.gateway.image.ProductSource;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The last configuration loaded from the server, on disk ({@code <home>/gateway/<env>.json}), so
 * that a gateway restarted while the server is unreachable still serves. It is the server's listing
 * of exactly the products the gateway served, with when and where it was loaded:
 * {@code {"environment","saved_at","source","proxy_configs":[…]}}.
 *
 * <p>It holds service tokens and secrets, so it is readable by its owner only (0600, in a 0700
 * directory), and it is replaced atomically: written to a temporary file in the same directory,
 * flushed to disk, then renamed over the old one, so a crash leaves the old file or the new one,
 * never half of one. Blocking file I/O: call from the loader's worker.
 */
final class LastGoodFile {
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    /** What the file held. */
    record Saved(List<ProductSource> sources, Instant savedAt, String source) {
        /** How long ago it was saved, for the log: {@code 3 h 12 min}. */
        String age(Instant now) {
            Duration d = Duration.between(savedAt, now);
            if (d.isNegative()) {
                return "in the future";
            }
            if (d.toDays() > 0) {
                return d.toDays() + " d " + d.toHoursPart() + " h";
            }
            if (d.toHours() > 0) {
                return d.toHours() + " h " + d.toMinutesPart() + " min";
            }
            if (d.toMinutes() > 0) {
                return d.toMinutes() + " min " + d.toSecondsPart() + " s";
            }
            return d.toSeconds() + " s";
        }
    }

    private final Path file;
    private final String environment;

    LastGoodFile(Path file, String environment) {
        this.file = file;
        this.environment = environment;
    }

    Path path() {
        return file;
    }

    /** Replaces the file with {@code sources}. */
    void write(List<ProductSource> sources, String source, Instant savedAt) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            setPermissions(dir, OWNER_DIR);
        }
        ObjectNode header = ProxyConfigsJson.JSON.createObjectNode().put("environment", environment)
                .put("saved_at", savedAt.toString()).put("source", source);
        byte[] bytes = ProxyConfigsJson.JSON.writeValueAsBytes(ProxyConfigsJson.listing(sources, header));
        // createTempFile makes the file 0600 on POSIX file systems before a byte is written.
        Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            setPermissions(temp, OWNER_FILE);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * The saved configuration, or empty when there is no file.
     *
     * @throws LoadException when the file cannot be read or is not a saved configuration
     */
    Optional<Saved> read() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new LoadException(file + ": cannot read (" + e.getMessage() + ")");
        }
        try {
            JsonNode root = ProxyConfigsJson.read(bytes);
            List<ProductSource> sources = ProxyConfigsJson.parse(root);
            Instant savedAt = Instant.parse(root.path("saved_at").asText(""));
            return Optional.of(new Saved(sources, savedAt, root.path("source").asText("unknown")));
        } catch (ConfigException e) {
            throw new LoadException(file + ": " + e.getMessage());
        } catch (DateTimeParseException e) {
            throw new LoadException(file + ": saved_at: missing or not a time (expected: a saved configuration)");
        }
    }

    private static void setPermissions(Path path, Set<PosixFilePermission> permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, permissions);
        } catch (UnsupportedOperationException notPosix) {
            // Windows and other non-POSIX file systems: the directory's ACL applies.
        }
    }
}
