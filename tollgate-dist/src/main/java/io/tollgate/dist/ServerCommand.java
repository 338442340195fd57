package io.tollgate.dist;

import picocli.CommandLine.Command;

/**
 * {@code tollgate server}: the control plane alone (admin and master API), for deployments that
 * run gateways and meters as separate processes. Same options as {@code up}.
 */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = {"Run the control plane (admin API) until Ctrl-C. Same options as 'up'.",
                "With TOLLGATE_REDIS_URL it publishes the meter replica to Redis for 'tollgate meter' processes."})
public final class ServerCommand extends UpCommand {
    @Override
    String role() {
        return "Tollgate control plane";
    }

    @Override
    boolean servesMeter() {
        return false;
    }
}
