package io.tollgate.cli;

import static java.util.Objects.requireNonNull;

import java.io.InputStream;
import java.util.function.Function;

/**
 * What the toolbox commands take from the process: environment variables ({@code HOME},
 * {@code TOLLGATE_CLI_CONFIG}, {@code SSL_CERT_FILE}) and stdin. Tests give their own.
 */
public record ToolboxContext(Function<String, String> environment, InputStream stdin) {
    public ToolboxContext {
        requireNonNull(environment, "environment");
        requireNonNull(stdin, "stdin");
    }

    public static ToolboxContext system() {
        return new ToolboxContext(System::getenv, System.in);
    }

    /** The variable's value, or null when it is unset or blank. */
    public String env(String name) {
        String value = environment.apply(name);
        return value == null || value.isBlank() ? null : value;
    }
}
