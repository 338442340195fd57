package io.tollgate.meter.config;

/** Where a meter reads its current configuration from; called on every request, so it must be cheap. */
@FunctionalInterface
public interface MeterConfigSource {
    /** The image in force now. */
    MeterImage current();
}
