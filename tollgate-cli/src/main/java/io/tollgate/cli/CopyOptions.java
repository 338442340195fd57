package io.tollgate.cli;

import picocli.CommandLine.Option;

/** {@code -s/--source}, {@code -d/--destination} and {@code -t/--target_system_name} of the copy commands. */
public final class CopyOptions {
    @Option(names = {"-s", "--source"}, required = true, paramLabel = "<remote>",
            description = "Source remote (name or URL).")
    public String source;

    @Option(names = {"-d", "--destination"}, required = true, paramLabel = "<remote>",
            description = "Destination remote (name or URL).")
    public String destination;

    @Option(names = {"-t", "--target_system_name"}, paramLabel = "<system_name>",
            description = "System name of the copy (default: the source's).")
    public String targetSystemName;
}
