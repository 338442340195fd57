package io.tollgate.meter.config;

/**
 * Where the server writes the meter's configuration: in process for {@code tollgate up}
 * ({@link LocalMeterConfig}), or to Redis for meters in other processes.
 */
@FunctionalInterface
public interface MeterConfigSink {
    /** Makes {@code snapshot} the configuration in force. May block (network). */
    void publish(MeterSnapshot snapshot);
}
