package io.tollgate.cli.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.cli.CliException;
import io.tollgate.cli.Inputs;
import picocli.CommandLine.Option;

/** The options of an API's listener and upstream that {@code api create} and {@code api update} share. */
public final class ListenerOptions {
    @Option(names = "--port", paramLabel = "<port>", description = "Listener port on the gateway (default 8081).")
    Integer port;

    @Option(names = "--scheme", paramLabel = "http|https", description = "Listener scheme (default http).")
    String scheme;

    @Option(names = "--certificate", paramLabel = "<file>",
            description = "PEM certificate (chain) of the https listener.")
    String certificate;

    @Option(names = "--key", paramLabel = "<file>", description = "PEM private key of the https listener.")
    String key;

    /** Puts the options given into {@code body}, the files read through {@code inputs}; answers whether any was. */
    boolean apply(ObjectNode body, Inputs inputs) {
        boolean any = false;
        if (port != null) {
            body.put("port", port);
            any = true;
        }
        if (scheme != null) {
            body.put("scheme", scheme);
            any = true;
        }
        if (certificate != null) {
            body.put("certificate", file("--certificate", certificate, inputs));
            any = true;
        }
        if (key != null) {
            body.put("private_key", file("--key", key, inputs));
            any = true;
        }
        return any;
    }

    private static String file(String option, String path, Inputs inputs) {
        if (path.equals("-")) {
            throw new CliException(option + ": expected a file, not stdin");
        }
        try {
            return inputs.read(path);
        } catch (CliException e) {
            throw new CliException(option + ": " + e.getMessage(), e);
        }
    }
}
