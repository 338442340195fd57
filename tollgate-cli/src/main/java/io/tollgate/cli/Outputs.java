package io.tollgate.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where an export goes: stdout, or a file ({@code -f}). */
public final class Outputs {
    private Outputs() {
    }

    public static void write(PrintWriter out, String file, String text) {
        if (file == null || file.equals("-")) {
            out.print(text);
            out.flush();
            return;
        }
        try {
            Files.writeString(Path.of(file), text);
        } catch (IOException e) {
            throw new CliException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
