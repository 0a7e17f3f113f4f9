package io.perfweave.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationValueTest {

    @ParameterizedTest
    @CsvSource({
        "7ns,             7",
        "250us,           250000",
        "250\u00b5s,      250000",
        "250ms,           250000000",
        "2s,              2000000000",
        "2m,              120000000000",
        "1h,              3600000000000",
        "1.5s,            1500000000",
        "0.25ms,          250000",
        "0.001s,          1000000",
        "10 ms,           10000000",
        "  3s  ,          3000000000",
        "500MS,           500000000",
        "0s,              0",
    })
    void parsesANumberAndAUnit(String text, long nanos) {
        assertThat(DurationValue.parseNanos(text)).isEqualTo(nanos);
    }

    @ParameterizedTest
    @ValueSource(strings = {"5sec", "5d", "5min", "5hours", "5mss"})
    void anUnknownUnitIsNamedInTheMessage(String text) {
        String unit = text.substring(1);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DurationValue.parseNanos(text))
                .withMessageContaining("'" + text + "' has an unknown unit '" + unit + "'")
                .withMessageContaining("ns, us, ms, s, m or h");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "fast", "500", "ms", "-5ms", "1,5s", "1.s", ".5s", "5 ms later", "1e3ms"})
    void textThatIsNotANumberAndAUnitIsRejectedWithAnExample(String text) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DurationValue.parseNanos(text))
                .withMessageContaining("'" + text + "' is not a duration")
                .withMessageContaining("for example 500ms");
    }

    @ParameterizedTest
    @ValueSource(strings = {"9999999999999h", "99999999999999999999ns"})
    void aDurationBeyondTheRangeOfLongIsRejected(String text) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DurationValue.parseNanos(text))
                .withMessageContaining("too long");
    }
}
