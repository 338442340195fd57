package io.tollgate.meter.config;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.atomic.AtomicReference;

/** The configuration held in this JVM: the server publishes, the in-process meter reads. */
public final class LocalMeterConfig implements MeterConfigSource, MeterConfigSink {
    private final AtomicReference<MeterImage> image = new AtomicReference<>(MeterImage.empty());

    @Override
    public MeterImage current() {
        return image.get();
    }

    @Override
    public void publish(MeterSnapshot snapshot) {
        image.set(MeterImage.of(requireNonNull(snapshot, "snapshot")));
    }
}
