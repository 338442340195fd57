package io.tollgate.gateway.template;

import io.tollgate.gateway.pipeline.Exchange;

/**
 * The variables templates see during a request: {@code uri} and {@code path} (the normalized path),
 * {@code host}, {@code http_method}, {@code remote_addr} (the client's address), {@code query} (the raw
 * query string), {@code headers.<name>}, {@code query_args.<name>} (alias {@code args.<name>}),
 * {@code service.id}, {@code service.name}, {@code service.system_name}, and {@code credentials.*}
 * ({@code user_key}, {@code app_id}) once known. Unknown names are null.
 */
public final class ExchangeVars implements Template.Vars {
    private final Exchange exchange;

    public ExchangeVars(Exchange exchange) {
        this.exchange = exchange;
    }

    @Override
    public String get(String name) {
        switch (name) {
            case "uri", "path":
                return exchange.path();
            case "host":
                return io.tollgate.gateway.config.Hosts.ofHeader(exchange.request().authority() == null ? null
                        : exchange.request().authority().toString());
            case "http_method":
                return exchange.method();
            case "remote_addr":
                return exchange.clientAddress();
            case "query":
                return exchange.query();
            case "service.id":
                return Long.toString(exchange.product().config().id());
            case "service.name":
                return exchange.product().config().info().name();
            case "service.system_name":
                return exchange.product().config().info().systemName();
            case "credentials.user_key":
                return exchange.credentials().userKey();
            case "credentials.app_id":
                return exchange.credentials().appId();
            default:
                break;
        }
        if (name.startsWith("headers.")) {
            return exchange.header(name.substring("headers.".length()));
        }
        if (name.startsWith("query_args.")) {
            return exchange.args().last(name.substring("query_args.".length()));
        }
        if (name.startsWith("args.")) {
            return exchange.args().last(name.substring("args.".length()));
        }
        return null;
    }
}
