package io.tollgate.server.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MappingRulePatternTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "/",
            "/$",
            "/pets",
            "/pets/",
            "/pets$",
            "/pets/{id}",
            "/pets/{pet_id}/photos/{photo_id}$",
            "/v1/pets.json",
            "/a-b_c~d.e!f&g'h(i)j*k+l,m;n=o:p@q",
            "/caf%C3%A9",
            "/pets?kind=dog",
            "/pets?kind={kind}&size=small",
            "/pets$?kind={kind}",
            "/pets?flag",
            "/search?q=a/b?c",
            "/x{id}y"
    })
    void acceptsValidPattern(String pattern) {
        assertThat(MappingRulePattern.problems(pattern)).isEmpty();
        assertThat(MappingRulePattern.isValid(pattern)).isTrue();
    }

    /** Each invalid pattern with the message the API reports for it. */
    static Stream<Arguments> invalidPatterns() {
        return Stream.of(
                Arguments.of("pets", "must start with '/'"),
                Arguments.of("", "must start with '/'"),
                Arguments.of("/pets dogs", "must not contain whitespace"),
                Arguments.of("/pets\tdogs", "must not contain whitespace"),
                Arguments.of("/pe$ts", "may contain '$' only at the end of the path"),
                Arguments.of("/pets$$", "may contain '$' only at the end of the path"),
                Arguments.of("/pets/{id", "has unbalanced braces"),
                Arguments.of("/pets/id}", "has unbalanced braces"),
                Arguments.of("/pets/{{id}}", "has unbalanced braces"),
                Arguments.of("/pets/{}", "has an invalid variable {} (expected: {name} with letters, digits, _)"),
                Arguments.of("/pets/{pet-id}",
                        "has an invalid variable {pet-id} (expected: {name} with letters, digits, _)"),
                Arguments.of("/pets?{kind}=dog", "cannot use a variable as a query parameter name: {kind}"),
                Arguments.of("/pets?kind=dog&kind=cat", "has a repeated query parameter: kind"),
                Arguments.of("/pets?kind={kind", "has unbalanced braces"),
                Arguments.of("/pets?kind=a{kind}", "query value of kind must be a literal or a single {variable}"),
                Arguments.of("/pets?", "must not end with an empty query string"),
                Arguments.of("/pets?a=1&&b=2", "has a query parameter without a name"),
                Arguments.of("/pets?=1", "has a query parameter without a name"),
                Arguments.of("/pets/%zz", "has an incomplete percent escape in the path"),
                Arguments.of("/pets/%4", "has an incomplete percent escape in the path"),
                Arguments.of("/pets/<id>", "has a character not allowed in the path: '<'"),
                Arguments.of("/pets#top", "has a character not allowed in the path: '#'"),
                Arguments.of("/pets/\"x\"", "has a character not allowed in the path: '\"'"),
                Arguments.of("/pets?a=b|c", "has a character not allowed in the query value: '|'"),
                Arguments.of("/pets?a=$1", "has a character not allowed in the query value: '$'"),
                Arguments.of("/pets/é", "has a character not allowed in the path: 'é'"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("invalidPatterns")
    void rejectsInvalidPattern(String pattern, String problem) {
        assertThat(MappingRulePattern.problems(pattern)).contains(problem);
        assertThat(MappingRulePattern.isValid(pattern)).isFalse();
    }

    @Test
    void rejectsPatternWithRepeatedQueryParameter() {
        assertThat(MappingRulePattern.problems("/a?x=1&y={y}&x={x}"))
                .containsExactly("has a repeated query parameter: x");
    }

    @Test
    void rejectsPatternLongerThan255Characters() {
        String longest = "/" + "a".repeat(254);
        assertThat(MappingRulePattern.problems(longest)).isEmpty();
        assertThat(MappingRulePattern.problems(longest + "a"))
                .containsExactly("is too long (maximum is 255 characters)");
    }
}
