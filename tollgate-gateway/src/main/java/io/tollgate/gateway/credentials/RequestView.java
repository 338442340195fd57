package io.tollgate.gateway.credentials;

import io.tollgate.gateway.http.QueryArgs;

/** What credential extraction reads of a request. */
public interface RequestView {
    /** The first value of a header (case-insensitive name), or null. */
    String header(String name);

    /** The query string's arguments, with a form-encoded body's on top when the gateway read it. */
    QueryArgs args();
}
