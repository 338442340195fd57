package io.tollgate.meter.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2011-12-30 22:15:31          | 2011-12-30T22:15:31Z",
        "2011-12-30 22:15:31 -08:00   | 2011-12-31T06:15:31Z",
        "2011-12-30 22:15:31 +0800    | 2011-12-30T14:15:31Z",
        "2011-12-30 22:15:31 +01      | 2011-12-30T21:15:31Z",
        "2011-12-30 22:15:31 UTC      | 2011-12-30T22:15:31Z",
        "2011-12-30T22:15:31Z         | 2011-12-30T22:15:31Z",
        "2011-12-30T22:15:31.250+02:00| 2011-12-30T20:15:31.250Z",
        "2011-12-30 22:15             | 2011-12-30T22:15:00Z",
        "2011-12-30                   | 2011-12-30T00:00:00Z",
        "Fri, 30 Dec 2011 22:15:31 GMT| 2011-12-30T22:15:31Z",
        "1325283331                   | 2011-12-30T22:15:31Z",
        "1325283331.5                 | 2011-12-30T22:15:31.500Z",
    })
    void readsTheFormatsClientsSend(String text, String expected) {
        assertThat(Timestamps.parse(text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "yesterday", "2011-13-45 10:00:00", "2011-12-30 25:00:00", "12:00"})
    void textItCannotReadMeansNow(String text) {
        assertThat(Timestamps.parse(text)).isNull();
    }
}
