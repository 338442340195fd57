package io.tollgate.client.openapi;

import io.tollgate.model.openapi.OpenApiProblem;
import java.util.List;

/** An OpenAPI document that cannot be imported; the message lists the problems with their JSON pointers. */
public final class OpenApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<OpenApiProblem> problems;

    public OpenApiException(String source, List<OpenApiProblem> problems) {
        super(source + ": " + (problems.size() == 1 ? "" : problems.size() + " problems: ")
                + String.join("; ", problems.stream().map(OpenApiProblem::toString).toList()));
        this.problems = List.copyOf(problems);
    }

    public List<OpenApiProblem> problems() {
        return problems;
    }
}
