package io.tollgate.server.http;

/** A resource method. It runs on a worker thread, so it may block on the database. */
@FunctionalInterface
public interface ApiHandler {
    ApiResponse handle(ApiRequest request);
}
