package io.tollgate.gateway.credentials;

import io.tollgate.gateway.http.QueryArgs;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A {@link RequestView} for extractor tests: headers looked up case-insensitively as Vert.x does, and
 * arguments built as the gateway's exchange builds them (the raw query string, with a form body's
 * fields on top).
 */
final class FakeRequest implements RequestView {
    private final MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    private String query;
    private String form;

    /** A request with no query, no body, no headers. */
    static FakeRequest bare() {
        return new FakeRequest();
    }

    /** A request with this raw query string (as sent: percent-escapes still in it). */
    static FakeRequest query(String query) {
        return bare().andQuery(query);
    }

    /** A request with this form-encoded body. */
    static FakeRequest form(String body) {
        FakeRequest r = bare();
        r.form = body;
        return r;
    }

    /** A request with this one header. */
    static FakeRequest header(String name, String value) {
        return bare().and(name, value);
    }

    /** {@code Authorization: Basic base64(userPass)}. */
    static FakeRequest basic(String userPass) {
        return header("Authorization", "Basic " + base64(userPass));
    }

    static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds a header. */
    FakeRequest and(String name, String value) {
        headers.add(name, value);
        return this;
    }

    /** Sets the query string. */
    FakeRequest andQuery(String query) {
        this.query = query;
        return this;
    }

    @Override
    public String header(String name) {
        return headers.get(name);
    }

    @Override
    public QueryArgs args() {
        QueryArgs parsed = QueryArgs.parse(query);
        return form == null ? parsed : parsed.with(QueryArgs.parse(form));
    }

    @Override
    public String toString() {
        return "headers " + headers.entries() + ", query " + query + ", form " + form;
    }
}
