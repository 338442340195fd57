package io.tollgate.model.openapi;

import static java.util.Objects.requireNonNull;

/**
 * One thing wrong with an OpenAPI document.
 *
 * @param pointer where, as a JSON pointer (RFC 6901) into the document; "" is the whole document
 * @param message what, e.g. "is missing"
 */
public record OpenApiProblem(String pointer, String message) {
    public OpenApiProblem {
        requireNonNull(pointer, "pointer");
        requireNonNull(message, "message");
    }

    /** {@code /info/title: is missing}, or the message alone for the whole document. */
    @Override
    public String toString() {
        return pointer.isEmpty() ? message : pointer + ": " + message;
    }
}
