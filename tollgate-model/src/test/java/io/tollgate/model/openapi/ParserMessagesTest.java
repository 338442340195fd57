package io.tollgate.model.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.model.Json;
import org.junit.jupiter.api.Test;

class ParserMessagesTest {
    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }

    @Test
    void turnsAnOperationAttributeIntoAJsonPointer() throws Exception {
        JsonNode doc = json("{\"paths\":{\"/pets/{id}\":{\"get\":{}}}}");
        assertThat(ParserMessages.toProblem("attribute paths.'/pets/{id}'(get).responses is missing", doc))
                .hasToString("/paths/~1pets~1{id}/get/responses: is missing");
    }

    @Test
    void resolvesANamedSwagger2ParameterToItsIndex() throws Exception {
        JsonNode doc = json("{\"paths\":{\"/p\":{\"get\":{\"parameters\":[{\"name\":\"a\"},{\"name\":\"id\"}]}}}}");
        assertThat(ParserMessages.toProblem("attribute paths.'/p'(get).[id].type is missing", doc).pointer())
                .isEqualTo("/paths/~1p/get/parameters/1/type");
    }

    @Test
    void resolvesAnUnnamedParameterAndAOneElementArray() throws Exception {
        JsonNode doc = json("{\"servers\":[{}],\"paths\":{\"/a\":{\"get\":{\"parameters\":[{\"in\":\"query\"}]}}}}");
        assertThat(ParserMessages.toProblem("attribute paths.'/a'(get).parameters.[['unknown']].name is missing", doc)
                .pointer()).isEqualTo("/paths/~1a/get/parameters/0/name");
        assertThat(ParserMessages.toProblem("attribute .servers.url is missing", doc).pointer())
                .isEqualTo("/servers/0/url");
    }

    @Test
    void keepsOtherMessagesForTheWholeDocument() throws Exception {
        OpenApiProblem problem = ParserMessages.toProblem("malformed or unreadable swagger supplied", json("{}"));
        assertThat(problem.pointer()).isEmpty();
        assertThat(problem).hasToString("malformed or unreadable swagger supplied");
    }

    @Test
    void detectsTheVersionOrSaysWhyNot() throws Exception {
        assertThat(OpenApiVersion.detect(json("{\"swagger\":\"2.0\"}"))).contains(OpenApiVersion.SWAGGER_2_0);
        assertThat(OpenApiVersion.detect(json("{\"openapi\":\"3.0.3\"}"))).contains(OpenApiVersion.OPENAPI_3_0);
        assertThat(OpenApiVersion.detect(json("{\"openapi\":\"3.1.0\"}"))).contains(OpenApiVersion.OPENAPI_3_1);
        assertThat(OpenApiVersion.detect(json("{\"openapi\":\"4.0.0\"}"))).isEmpty();
        assertThat(OpenApiVersion.unknownVersion(json("{\"openapi\":\"4.0.0\"}")))
                .hasToString("/openapi: unsupported version '4.0.0' (expected: 3.0.x or 3.1.x)");
        assertThat(OpenApiVersion.unknownVersion(json("[1]")).pointer()).isEmpty();
    }
}
