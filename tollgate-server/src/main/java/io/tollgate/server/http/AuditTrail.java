package io.tollgate.server.http;

/** Receives every successful admin API write, to record who changed what and when. */
@FunctionalInterface
public interface AuditTrail {
    AuditTrail NONE = (request, response) -> { };

    /** Called on the worker thread after the change was committed. */
    void record(ApiRequest request, ApiResponse response);
}
