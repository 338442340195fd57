package io.tollgate.cli;

import picocli.CommandLine.Option;

/** {@code -o/--output json|yaml}: machine-readable output instead of the human table. */
public final class OutputFormat {
    /** The formats scripts can ask for. */
    public enum Format { json, yaml }

    @Option(names = {"-o", "--output"}, paramLabel = "json|yaml",
            description = "Output format on stdout: json or yaml (default: a table).")
    Format format;

    /** The format asked for, or null for the human table. */
    public Format format() {
        return format;
    }
}
