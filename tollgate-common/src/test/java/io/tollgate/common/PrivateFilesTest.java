package io.tollgate.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {
    @TempDir
    Path dir;

    @Test
    void writesOwnerOnlyAndReplacesWithoutLeavingATemporaryFile() throws IOException {
        Path file = dir.resolve("sub/key.yaml");

        PrivateFiles.write(file, "first".getBytes(StandardCharsets.UTF_8));
        PrivateFiles.write(file, "second".getBytes(StandardCharsets.UTF_8));

        assertThat(file).hasContent("second");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryOne() throws IOException {
        Path file = dir.resolve("key.yaml");
        PrivateFiles.write(file, "old".getBytes(StandardCharsets.UTF_8));
        Path target = dir.resolve("a-directory");
        Files.createDirectories(target.resolve("not-empty"));

        // A non-empty directory cannot be replaced by a file: the move fails after the temporary file was written.
        assertThatThrownBy(() -> PrivateFiles.write(target, "new".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class);

        assertThat(file).hasContent("old");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactlyInAnyOrder(file, target);
        }
    }
}
