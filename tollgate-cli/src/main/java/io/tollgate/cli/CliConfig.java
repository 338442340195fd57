package io.tollgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.client.Documents;
import io.tollgate.client.Remote;
import java.io.IOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The toolbox configuration file: named remotes with their tokens.
 *
 * <pre>
 * remotes:
 *   instance_a:
 *     endpoint: https://admin.example.com
 *     authentication: 3f9c…
 * </pre>
 *
 * The file holds tokens, so it is written with mode 0600, through a temporary file in the same
 * directory and an atomic rename: an interrupted write never leaves a truncated file behind.
 */
public final class CliConfig {
    private final Path file;
    private final Map<String, Remote> remotes;

    private CliConfig(Path file, Map<String, Remote> remotes) {
        this.file = file;
        this.remotes = remotes;
    }

    /** Reads {@code file}; a missing file is an empty configuration. */
    public static CliConfig load(Path file) {
        if (!Files.exists(file)) {
            return new CliConfig(file, new LinkedHashMap<>());
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new CliException("cannot read the configuration file " + file + ": " + e.getMessage(), e);
        }
        Map<String, Remote> remotes = new LinkedHashMap<>();
        if (text.isBlank()) {
            return new CliConfig(file, remotes);
        }
        JsonNode root;
        try {
            root = Documents.parse(text, "the configuration file " + file);
        } catch (Documents.DocumentException e) {
            throw new CliException(e.getMessage(), e);
        }
        for (Map.Entry<String, JsonNode> entry : root.path("remotes").properties()) {
            String endpoint = entry.getValue().path("endpoint").asText("");
            String token = entry.getValue().path("authentication").asText("");
            if (endpoint.isEmpty() || token.isEmpty()) {
                throw new CliException("the configuration file " + file + ": remote " + entry.getKey()
                        + " needs an endpoint and an authentication");
            }
            remotes.put(entry.getKey(), new Remote(URI.create(endpoint), token));
        }
        return new CliConfig(file, remotes);
    }

    public Path file() {
        return file;
    }

    public Map<String, Remote> remotes() {
        return Map.copyOf(remotes);
    }

    /** In the order they were added. */
    public Iterable<Map.Entry<String, Remote>> entries() {
        return remotes.entrySet();
    }

    public Optional<Remote> remote(String name) {
        return Optional.ofNullable(remotes.get(name));
    }

    public void put(String name, Remote remote) {
        remotes.put(name, remote);
    }

    public boolean remove(String name) {
        return remotes.remove(name) != null;
    }

    /** Renames, keeping the remote's place in the list. */
    public void rename(String from, String to) {
        Map<String, Remote> renamed = new LinkedHashMap<>();
        remotes.forEach((name, remote) -> renamed.put(name.equals(from) ? to : name, remote));
        remotes.clear();
        remotes.putAll(renamed);
    }

    /** Writes the file, mode 0600. */
    public void save() {
        ObjectNode root = Documents.YAML.createObjectNode();
        ObjectNode all = root.putObject("remotes");
        remotes.forEach((name, remote) -> all.putObject(name).put("endpoint", remote.endpoint().toString())
                .put("authentication", remote.token()));
        Path directory = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, ".tollgaterc", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(temporary, Documents.yaml(root));
                try {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | UnsupportedOperationException e) {
            throw new CliException("cannot write the configuration file " + file + ": " + e.getMessage(), e);
        }
    }
}
