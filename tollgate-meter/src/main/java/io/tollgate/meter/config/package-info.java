/**
 * The meter's replica of the configuration it enforces: tenants (provider keys), services (service
 * tokens, authentication mode, metric hierarchy), plans with their limits, and applications with their
 * credentials. Built by the server from the system DB and handed to every meter as one immutable
 * {@link io.tollgate.meter.config.MeterImage}.
 */
package io.tollgate.meter.config;
