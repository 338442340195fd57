package io.tollgate.meter.api;

import io.tollgate.meter.engine.MeterCall;
import io.tollgate.meter.engine.MeterEngine;
import io.tollgate.meter.engine.MeterResponse;
import io.tollgate.meter.engine.ReportCall;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A {@link MeterEngine} that records its calls and answers as the test says. */
final class FakeEngine implements MeterEngine {
    final List<MeterCall> authorizeCalls = new CopyOnWriteArrayList<>();
    final List<MeterCall> authrepCalls = new CopyOnWriteArrayList<>();
    final List<ReportCall> reportCalls = new CopyOnWriteArrayList<>();
    volatile Function<MeterCall, CompletionStage<MeterResponse>> answer =
            call -> CompletableFuture.completedFuture(Fixtures.authorized(Fixtures.minuteHits(2, 1)));
    volatile Function<ReportCall, CompletionStage<Void>> reportAnswer = call -> CompletableFuture.completedFuture(null);

    /** Answers every authorize and authrep with {@code response}. */
    void answer(MeterResponse response) {
        answer = call -> CompletableFuture.completedFuture(response);
    }

    /** Fails every call with {@code failure} (asynchronously). */
    void fail(RuntimeException failure) {
        answer = call -> CompletableFuture.failedFuture(failure);
        reportAnswer = call -> CompletableFuture.failedFuture(failure);
    }

    /** All authorize and authrep calls, in order of arrival per kind. */
    List<MeterCall> calls() {
        return authorizeCalls.isEmpty() ? authrepCalls : authorizeCalls;
    }

    @Override
    public CompletionStage<MeterResponse> authorize(MeterCall call) {
        authorizeCalls.add(call);
        return answer.apply(call);
    }

    @Override
    public CompletionStage<MeterResponse> authrep(MeterCall call) {
        authrepCalls.add(call);
        return answer.apply(call);
    }

    @Override
    public CompletionStage<Void> report(ReportCall call) {
        reportCalls.add(call);
        return reportAnswer.apply(call);
    }
}
