package io.tollgate.meter.engine;

import java.util.concurrent.CompletionStage;

/**
 * authorize / authrep / report. Every stage completes exceptionally with a {@link MeterException} when
 * the call is refused with an {@code <error>}; a rejection (409) is a normal {@link MeterResponse}.
 */
public interface MeterEngine {

    /** Checks credentials, state and limits for {@code call.usage()} without recording anything. */
    CompletionStage<MeterResponse> authorize(MeterCall call);

    /** Like {@link #authorize}, and when authorized records the usage in the same atomic step. */
    CompletionStage<MeterResponse> authrep(MeterCall call);

    /** Records every transaction's usage without checking limits; validates all before recording any. */
    CompletionStage<Void> report(ReportCall call);
}
