package io.tollgate.dist;

import io.tollgate.common.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes files that hold keys or tokens ({@link PrivateFiles}: mode 0600 from the first byte, moved
 * into place atomically); a failure is the user's one-line error.
 */
public final class SecretFiles {
    private SecretFiles() {
    }

    public static void writePrivate(Path file, String content) {
        try {
            PrivateFiles.write(file, content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UserException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
