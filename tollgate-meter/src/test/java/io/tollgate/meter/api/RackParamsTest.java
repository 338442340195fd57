package io.tollgate.meter.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RackParamsTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @Test
    void nestsBracketedNamesIntoMaps() {
        Map<String, Object> params = RackParams.parse("usage%5Bhits%5D=1&usage[m1]=2&service_id=7");

        assertThat(params).containsExactly(Map.entry("usage", Map.of("hits", "1", "m1", "2")), Map.entry("service_id", "7"));
        assertThat(map(params.get("usage")).keySet()).containsExactly("hits", "m1");
    }

    @Test
    void nestsTransactionsAsMapsInOrderOfFirstAppearance() {
        Map<String, Object> params = RackParams.parse("transactions[1][app_id]=b&transactions[0][app_id]=a"
                + "&transactions[1][usage][hits]=2&transactions[0][log][code]=200");

        Map<String, Object> transactions = map(params.get("transactions"));
        assertThat(transactions.keySet()).containsExactly("1", "0");
        assertThat(transactions.get("1")).isEqualTo(Map.of("app_id", "b", "usage", Map.of("hits", "2")));
        assertThat(transactions.get("0")).isEqualTo(Map.of("app_id", "a", "log", Map.of("code", "200")));
    }

    @Test
    void buildsListsAndListsOfMaps() {
        assertThat(RackParams.parse("a[]=1&a[]=2").get("a")).isEqualTo(List.of("1", "2"));
        assertThat(RackParams.parse("a[][b]=1&a[][c]=2&a[][b]=3").get("a"))
                .isEqualTo(List.of(Map.of("b", "1", "c", "2"), Map.of("b", "3")));
    }

    @Test
    void aPairWithoutEqualsIsNilAndWithAnEmptyValueIsEmpty() {
        Map<String, Object> params = RackParams.parse("transactions[0]&user_id=&flag");

        assertThat(map(params.get("transactions"))).containsEntry("0", null);
        assertThat(params).containsEntry("user_id", "").containsEntry("flag", null);
    }

    @Test
    void decodesPlusAndPercentAsUtf8() {
        assertThat(RackParams.parse("a=x+y%20z&b=b%C3%BCcher&c%5B%5D=1").get("a")).isEqualTo("x y z");
        assertThat(RackParams.parse("b=b%C3%BCcher").get("b")).isEqualTo("bücher");
        assertThat(RackParams.parse("c%5B%5D=1").get("c")).isEqualTo(List.of("1"));
    }

    @Test
    void separatesOnAmpersandAndSemicolonAndSkipsEmptyPairs() {
        assertThat(RackParams.parse("a=1;b=2&& c=3&").keySet()).containsExactly("a", "b", "c");
    }

    @Test
    void laterScalarsWin() {
        assertThat(RackParams.parse("a=1&a=2").get("a")).isEqualTo("2");
    }

    @Test
    void dropsPairsWithoutAKey() {
        assertThat(RackParams.parse("=1&[]=2&[x]=3")).containsOnlyKeys("x");
    }

    @Test
    void refusesMalformedPercentEncoding() {
        for (String bad : List.of("a=%", "a=%4", "a=%G0", "%zz=1")) {
            assertThatThrownBy(() -> RackParams.parse(bad)).as(bad).isInstanceOfSatisfying(ApiError.class, e -> {
                assertThat(e.status()).isEqualTo(400);
                assertThat(e.code()).isEqualTo("bad_request");
                assertThat(e.getMessage()).isEqualTo("Invalid query parameters: invalid %-encoding");
            });
        }
    }

    @Test
    void refusesInvalidUtf8AsNotValidData() {
        for (String bad : List.of("a=%FF", "a=%C3", "a=%ED%A0%80", "a=\u00ff")) {
            assertThatThrownBy(() -> RackParams.parse(bad)).as(bad).isInstanceOfSatisfying(ApiError.class, e -> {
                assertThat(e.status()).isEqualTo(400);
                assertThat(e.code()).isEqualTo("not_valid_data");
            });
        }
    }

    @Test
    void refusesContradictoryShapes() {
        for (String bad : List.of("a=1&a[b]=2", "a[b]=1&a[]=2", "a[]=1&a[b]=2")) {
            assertThatThrownBy(() -> RackParams.parse(bad)).as(bad)
                    .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo("bad_request"));
        }
    }

    @Test
    void aNilValueIsReplacedByNesting() {
        assertThat(RackParams.parse("a&a[b]=1").get("a")).isEqualTo(Map.of("b", "1"));
    }

    @Test
    void refusesNestingDeeperThanTheLimit() {
        String deep = "a" + "[x]".repeat(RackParams.MAX_DEPTH) + "=1";
        String ok = "a" + "[x]".repeat(RackParams.MAX_DEPTH - 1) + "=1";

        assertThat(RackParams.parse(ok)).containsKey("a");
        assertThatThrownBy(() -> RackParams.parse(deep)).isInstanceOf(ApiError.class);
    }

    @Test
    void putAddsDecodedMultipartFields() {
        Map<String, Object> params = new HashMap<>();
        RackParams.put(params, "transactions[0][usage][hits]", "5");
        RackParams.put(params, "transactions[0][app_id]", "a b%");

        assertThat(params.get("transactions")).isEqualTo(Map.of("0", Map.of("usage", Map.of("hits", "5"), "app_id", "a b%")));
    }

    @Test
    void handlesManyPairs() {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            pairs.add("transactions[" + i + "][usage][hits]=1");
        }
        Map<String, Object> transactions = map(RackParams.parse(String.join("&", pairs)).get("transactions"));

        assertThat(transactions).hasSize(5000);
        assertThat(Arrays.asList(transactions.keySet().toArray()).subList(0, 3)).containsExactly("0", "1", "2");
    }
}
