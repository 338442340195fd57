package io.tollgate.server.http;

import java.util.ArrayList;
import java.util.List;

/**
 * The admin API's route table. Paths are written without the {@code .json} suffix, with
 * Vert.x-style parameters ({@code /admin/api/services/:id}); the server accepts them with or
 * without the suffix.
 */
public final class Routes {

    /**
     * One route: method, path template, what the caller needs, and the handler.
     *
     * @param acceptsArrayBody whether a bare JSON array body is allowed (given to the handler as
     *                         the {@code _json} parameter); elsewhere it is a 400
     */
    public record Route(String method, String path, Access access, ApiHandler handler, boolean acceptsArrayBody) {
    }

    private final List<Route> routes = new ArrayList<>();

    public Routes get(String path, ApiHandler handler) {
        return add("GET", path, Access.reading(), handler);
    }

    public Routes post(String path, ApiHandler handler) {
        return add("POST", path, Access.writing(), handler);
    }

    public Routes put(String path, ApiHandler handler) {
        return add("PUT", path, Access.writing(), handler);
    }

    public Routes patch(String path, ApiHandler handler) {
        return add("PATCH", path, Access.writing(), handler);
    }

    public Routes delete(String path, ApiHandler handler) {
        return add("DELETE", path, Access.writing(), handler);
    }

    public Routes add(String method, String path, Access access, ApiHandler handler) {
        routes.add(new Route(method, path, access, handler, false));
        return this;
    }

    /** Lets the route added last take a bare JSON array body. */
    public Routes acceptingArrayBody() {
        Route last = routes.remove(routes.size() - 1);
        routes.add(new Route(last.method(), last.path(), last.access(), last.handler(), true));
        return this;
    }

    public List<Route> all() {
        return List.copyOf(routes);
    }

    /** Something that contributes routes: one per resource class. */
    public interface Resource {
        void register(Routes routes);
    }
}
