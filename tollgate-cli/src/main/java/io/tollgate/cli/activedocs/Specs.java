package io.tollgate.cli.activedocs;

import io.tollgate.cli.Inputs;
import io.tollgate.client.Documents;

/** An OpenAPI document read from a file, URL or stdin, as the JSON text ActiveDocs store (YAML is converted). */
final class Specs {
    private Specs() {
    }

    static String json(Inputs inputs, String source) {
        return Documents.json(Documents.parse(inputs.read(source), source.equals("-") ? "stdin" : source));
    }
}
