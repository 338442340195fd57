package io.tollgate.cli;

import io.tollgate.client.AdminClient;
import io.tollgate.client.Refs;
import picocli.CommandLine.Parameters;

/**
 * A toolbox command whose first two arguments are {@code <remote> <service>}; subclasses number their
 * own arguments from 2.
 */
public abstract class ServiceScopedCommand extends ToolboxCommand {
    @Parameters(index = "0", paramLabel = "<remote>", description = "Remote name, or http[s]://<token>@<host>.")
    protected String remote;

    @Parameters(index = "1", paramLabel = "<service>", description = "Product id or system name.")
    protected String service;

    /** The id of the product {@link #service} names; a reference that names none is a one-line error. */
    protected long serviceId(AdminClient client) {
        return Refs.id(client.services().require(service));
    }
}
