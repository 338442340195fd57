package io.tollgate.gateway.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.tollgate.gateway.config.ConfigException;
import io.tollgate.gateway.config.ProductConfig.ProxyRule;
import io.tollgate.gateway.http.QueryArgs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The mapping-rule matrix of threescale-wire.md §3: prefix and exact ({@code $}) patterns,
 * {@code {var}} segments, query-string conditions, methods, deltas summed per metric, rule order and
 * {@code last}.
 */
class MappingRulesTest {

    /** pattern, request path, whether it matches. */
    static Stream<Arguments> paths() {
        return Stream.of(
                // prefix: a pattern without $ matches every path that starts with it, as in 3scale
                arguments("/", "/", true),
                arguments("/", "/anything/at/all", true),
                arguments("/pets", "/pets", true),
                arguments("/pets", "/pets/1", true),
                arguments("/pets", "/petshop", true),
                arguments("/pets", "/pet", false),
                arguments("/pets", "/Pets", false),
                arguments("/pets", "/v1/pets", false),
                arguments("/pets/", "/pets", false),
                // exact
                arguments("/pets$", "/pets", true),
                arguments("/pets$", "/pets/", false),
                arguments("/pets$", "/pets/1", false),
                arguments("/pets$", "/petshop", false),
                arguments("/$", "/", true),
                arguments("/$", "/a", false),
                // a doubled slash in a pattern counts as one
                arguments("//pets//toys", "/pets/toys", true),
                // {var}: one or more characters of one segment, never a '/'
                arguments("/pets/{id}", "/pets/42", true),
                arguments("/pets/{id}", "/pets/42/toys", true),
                arguments("/pets/{id}", "/pets/", false),
                arguments("/pets/{id}", "/pets", false),
                arguments("/pets/{id}$", "/pets/42", true),
                arguments("/pets/{id}$", "/pets/42/toys", false),
                arguments("/pets/{id}$", "/pets/a-b_c.d~e%20f!$&'()*+,;=@:", true),
                arguments("/pets/{id}/toys", "/pets/42/toys", true),
                arguments("/pets/{id}/toys", "/pets/42/43/toys", false),
                arguments("/pets/{id}/toys", "/pets//toys", false),
                arguments("/pets/{id}/toys/{toy}$", "/pets/1/toys/ball", true),
                arguments("/pets/{id}/toys/{toy}$", "/pets/1/toys/", false),
                // a variable and a literal in one segment: the variable gives back what the literal needs
                arguments("/pets/{id}.json", "/pets/42.json", true),
                arguments("/pets/{id}.json$", "/pets/42.json", true),
                arguments("/pets/{id}.json$", "/pets/4.2.json", true),
                arguments("/pets/{id}.json$", "/pets/.json", false),
                arguments("/pets/{id}.json$", "/pets/42.xml", false),
                arguments("/pets/{a}-{b}$", "/pets/x-y", true),
                arguments("/pets/{a}-{b}$", "/pets/x-y-z", true),
                arguments("/pets/{a}-{b}$", "/pets/xy", false),
                arguments("/pets/{a}{b}$", "/pets/x", false),
                arguments("/pets/{a}{b}$", "/pets/xy", true),
                arguments("/pets/{a}{b}{c}.json$", "/pets/xy.json", false),
                arguments("/pets/{a}{b}{c}.json$", "/pets/x.y.json", true),
                arguments("/{first}", "/x", true),
                arguments("/{first}", "/", false),
                arguments("/v{version}/pets", "/v2/pets", true),
                arguments("/v{version}/pets", "/v/pets", false),
                // characters outside the variable's set end it
                arguments("/pets/{id}$", "/pets/a\"b", false),
                arguments("/pets/{id}$", "/pets/a#b", false),
                arguments("/pets/{id}$", "/pets/é", false),
                // regex metacharacters in a pattern are literal
                arguments("/a.b", "/a.b", true),
                arguments("/a.b", "/axb", false),
                arguments("/a+b$", "/a+b", true),
                arguments("/a+b$", "/aab", false),
                arguments("/a(b)*$", "/a(b)*", true),
                arguments("/a(b)*$", "/abb", false),
                arguments("/[x]$", "/[x]", true),
                arguments("/[x]$", "/x", false),
                arguments("/a\\Eb$", "/a\\Eb", true),
                arguments("/a|b", "/b", false));
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @MethodSource("paths")
    void pathMatching(String pattern, String path, boolean matches) {
        assertThat(RulePattern.compile(pattern).matchesPath(path)).isEqualTo(matches);
    }

    /** pattern, request query, whether it matches (the path part always matches). */
    static Stream<Arguments> queries() {
        return Stream.of(
                arguments("/pets?type=cat", "type=cat", true),
                arguments("/pets?type=cat", "type=dog", false),
                arguments("/pets?type=cat", "", false),
                arguments("/pets?type=cat", "type=dog&type=cat", true), // the last value counts
                arguments("/pets?type=cat", "type=cat&type=dog", false),
                arguments("/pets?type=cat", "a=1&type=cat&b=2", true),
                arguments("/pets?type=cat", "type=Cat", false),
                arguments("/pets?type={t}", "type=anything", true),
                arguments("/pets?type={t}", "type=", true),
                arguments("/pets?type={t}", "kind=cat", false),
                arguments("/pets?type", "type", true),
                arguments("/pets?type=cat&size=big", "size=big&type=cat", true),
                arguments("/pets?type=cat&size=big", "type=cat", false),
                arguments("/pets?na%20me=a%2Fb", "na+me=a/b", true),
                arguments("/pets?na%20me=a%2Fb", "na%20me=a%2fb", true));
    }

    @ParameterizedTest(name = "{0} with ?{1} -> {2}")
    @MethodSource("queries")
    void queryConditions(String pattern, String query, boolean matches) {
        RulePattern p = RulePattern.compile(pattern);
        assertThat(p.hasQuery()).isTrue();
        assertThat(p.matchesPath("/pets")).isTrue();
        assertThat(p.matchesQuery(QueryArgs.parse(query))).isEqualTo(matches);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                arguments("", "expected: a pattern starting with /"),
                arguments("pets", "expected: a pattern starting with /"),
                arguments("/pets/{id", "closed by '}'"),
                arguments("/pets/id}", "'}' only after '{name'"),
                arguments("/pets/}{id}", "'}' only after '{name'"),
                arguments("/pets/{}", "variable names of letters, digits and _"),
                arguments("/pets/{a-b}", "variable names of letters, digits and _"),
                arguments("/pets?{name}=x", "no variable as a query parameter name"));
    }

    @ParameterizedTest(name = "{0} is refused")
    @MethodSource("invalid")
    void invalidPatternsAreRefusedSayingWhy(String pattern, String message) {
        assertThatThrownBy(() -> RulePattern.compile(pattern)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(message);
    }

    @Test
    void aBadRuleIsNamedByItsPosition() {
        assertThatThrownBy(() -> MappingRules.compile(List.of(rule("GET", "/ok", "hits", 1, false),
                rule("GET", "/bad/{", "hits", 1, false))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("proxy_rules[1].pattern");
    }

    @Test
    void methodMustBeTheRequestsOrAny() {
        MappingRules rules = MappingRules.compile(List.of(rule("POST", "/pets", "create", 1, false),
                rule("ANY", "/toys", "toys", 1, false)));

        assertThat(usage(rules, "POST", "/pets", "")).containsExactly(Map.entry("create", 1L));
        assertThat(usage(rules, "GET", "/pets", "")).isEmpty();
        assertThat(usage(rules, "DELETE", "/toys/1", "")).containsExactly(Map.entry("toys", 1L));
        assertThat(usage(rules, "post", "/pets", "")).as("method names are case-sensitive, as HTTP's").isEmpty();
        assertThat(usage(rules, "PATCH", "/other", "")).isEmpty();
    }

    @Test
    void everyMatchingRuleCountsAndDeltasAddUpPerMetric() {
        MappingRules rules = MappingRules.compile(List.of(
                rule("GET", "/", "hits", 1, false),
                rule("GET", "/pets", "list_pets", 2, false),
                rule("GET", "/pets/{id}", "hits", 3, false),
                rule("GET", "/pets/{id}$", "show_pet", 5, false),
                rule("GET", "/other", "other", 7, false)));

        assertThat(usage(rules, "GET", "/pets/42", "")).containsExactly(Map.entry("hits", 4L),
                Map.entry("list_pets", 2L), Map.entry("show_pet", 5L));
        assertThat(usage(rules, "GET", "/pets", "")).containsExactly(Map.entry("hits", 1L),
                Map.entry("list_pets", 2L));
        assertThat(usage(rules, "GET", "/nothing", "")).containsExactly(Map.entry("hits", 1L));
    }

    @Test
    void lastStopsTheEvaluationOnlyWhenItMatches() {
        MappingRules rules = MappingRules.compile(List.of(
                rule("GET", "/pets/{id}$", "show_pet", 1, true),
                rule("GET", "/pets", "list_pets", 1, false),
                rule("GET", "/", "hits", 1, false)));

        assertThat(usage(rules, "GET", "/pets/1", "")).as("the last rule matched: nothing after it counts")
                .containsExactly(Map.entry("show_pet", 1L));
        assertThat(usage(rules, "GET", "/pets", "")).as("the last rule did not match: the others count")
                .containsExactly(Map.entry("list_pets", 1L), Map.entry("hits", 1L));
    }

    @Test
    void positionOrderDecidesWhatALastRuleCutsOff() {
        MappingRules rules = MappingRules.compile(List.of(
                rule("GET", "/", "hits", 1, false),
                rule("GET", "/pets", "list_pets", 1, true),
                rule("GET", "/pets", "never", 1, false)));

        MappingRules.Usage usage = new MappingRules.Usage();
        assertThat(rules.match("GET", "/pets", () -> QueryArgs.parse(""), usage)).isTrue();
        assertThat(usage.asMap()).containsExactly(Map.entry("hits", 1L), Map.entry("list_pets", 1L));
        assertThat(usage.matchedPatterns()).containsExactly("/", "/pets");
        assertThat(rules.match("POST", "/pets", () -> QueryArgs.parse(""), new MappingRules.Usage())).isFalse();
    }

    @Test
    void queryRulesReadTheArgumentsOnlyWhenReached() {
        AtomicInteger asked = new AtomicInteger();
        MappingRules rules = MappingRules.compile(List.of(rule("GET", "/pets", "list_pets", 1, true),
                rule("GET", "/pets?type=cat", "cats", 1, false)));
        assertThat(rules.hasQueryRules()).isTrue();

        MappingRules.Usage usage = new MappingRules.Usage();
        rules.match("GET", "/pets", () -> {
            asked.incrementAndGet();
            return QueryArgs.parse("type=cat");
        }, usage);

        assertThat(usage.asMap()).containsExactly(Map.entry("list_pets", 1L));
        assertThat(asked).as("the last rule stopped before the query rule").hasValue(0);

        MappingRules plain = MappingRules.compile(List.of(rule("GET", "/", "hits", 1, false)));
        assertThat(plain.hasQueryRules()).isFalse();
    }

    @Test
    void queryAndPathConditionsCombine() {
        MappingRules rules = MappingRules.compile(List.of(rule("GET", "/pets/{id}$?format=json", "json", 1, false),
                rule("GET", "/pets/{id}$", "any_format", 1, false)));

        assertThat(usage(rules, "GET", "/pets/7", "format=json")).containsExactly(Map.entry("json", 1L),
                Map.entry("any_format", 1L));
        assertThat(usage(rules, "GET", "/pets/7", "format=xml")).containsExactly(Map.entry("any_format", 1L));
        assertThat(usage(rules, "GET", "/pets/7/x", "format=json")).isEmpty();
    }

    @Test
    void theDebugQueryStringListsTheUsage() {
        MappingRules rules = MappingRules.compile(List.of(rule("GET", "/", "hits", 1, false),
                rule("GET", "/pets", "list pets", 2, false)));
        MappingRules.Usage usage = new MappingRules.Usage();
        rules.match("GET", "/pets", () -> QueryArgs.parse(""), usage);

        assertThat(usage.toQueryString()).isEqualTo("usage%5Bhits%5D=1&usage%5Blist+pets%5D=2");
    }

    @Test
    void aHostilePathCannotMakeVariablesBacktrackExponentially() {
        RulePattern p = RulePattern.compile("/{a}.{b}.{c}.{d}.{e}.{f}.{g}.x$");
        String hostile = "/" + "a.".repeat(3000) + "y";

        // With naive backtracking this would not finish in a lifetime; the guard makes it one pass.
        assertThat(org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                () -> p.matchesPath(hostile))).isFalse();
        assertThat(p.matchesPath("/" + "a.".repeat(3000) + "x")).isTrue();
    }

    @Test
    void manyRulesWithVariablesStayCheap() {
        // 10,000 rules with variables compile and match without regex state per rule growing the image.
        List<ProxyRule> many = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            many.add(rule("GET", "/r" + i + "/{id}/items/{item}$", "m" + i, 1, false));
        }
        MappingRules rules = MappingRules.compile(many);

        assertThat(usage(rules, "GET", "/r9999/5/items/6", "")).containsExactly(Map.entry("m9999", 1L));
        assertThat(usage(rules, "GET", "/r9999/5/items/", "")).isEmpty();
    }

    private static ProxyRule rule(String method, String pattern, String metric, long delta, boolean last) {
        return new ProxyRule(0, method, pattern, metric, delta, last);
    }

    private static Map<String, Long> usage(MappingRules rules, String method, String path, String query) {
        MappingRules.Usage usage = new MappingRules.Usage();
        rules.match(method, path, () -> QueryArgs.parse(query), usage);
        return usage.asMap();
    }
}
