package io.tollgate.gateway.policy.ratelimit;

import io.tollgate.gateway.config.JsonFields;
import java.util.List;

/**
 * What {@code rate_limit} does for one kind of error ({@code limits_exceeded_error},
 * {@code configuration_error}): {@code exit} answers with {@code status_code}, {@code log} only logs
 * and lets the request through.
 *
 * @param status the status of the answer
 * @param exit whether to answer (else only log)
 */
record ErrorHandling(int status, boolean exit) {

    static ErrorHandling parse(JsonFields f, int defaultStatus) {
        return new ErrorHandling(f.intValue("status_code", defaultStatus, 100, 599),
                f.oneOf("error_handling", "exit", List.of("exit", "log")).equals("exit"));
    }
}
