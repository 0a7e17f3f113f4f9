package io.perfweave.agent.sink.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HumanUnitsTest {

    @ParameterizedTest
    @CsvSource({
        "0,             0ns",
        "1,             1ns",
        "12.4,          12ns",
        "999,           999ns",
        "999.4,         999ns",
        "1000,          1.00us",
        "1234,          1.23us",
        "1236,          1.24us",
        "12345,         12.3us",
        "123456,        123us",
        "999499,        999us",
        "1000000,       1.00ms",
        "1500000,       1.50ms",
        "20000000,      20.0ms",
        "999000000,     999ms",
        "1000000000,    1.00s",
        "61000000000,   61.0s",
        "754000000000,  754s",
    })
    void usesTheLargestUnitThatFitsWithThreeSignificantDigits(double nanos, String expected) {
        assertThat(HumanUnits.nanos(nanos)).isEqualTo(expected);
    }

    /** Rounding to three digits can carry a value into the next unit: it is shown in that unit. */
    @ParameterizedTest
    @CsvSource({
        "999.6,         1.00us",
        "9999,          10.0us",
        "99990,         100us",
        "999999,        1.00ms",
        "9999999,       10.0ms",
        "999999999,     1.00s",
    })
    void aValueThatRoundsUpToTheNextUnitIsShownInIt(double nanos, String expected) {
        assertThat(HumanUnits.nanos(nanos)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "0,             0B",
        "1,             1B",
        "1023,          1023B",
        "1024,          1.00KiB",
        "1536,          1.50KiB",
        "8016,          7.83KiB",
        "10240,         10.0KiB",
        "16000,         15.6KiB",
        "102400,        100KiB",
        "1048575,       1020KiB",
        "1048576,       1.00MiB",
        "1572864,       1.50MiB",
        "1073741824,    1.00GiB",
        "1099511627776, 1.00TiB",
    })
    void bytesUseTheLargestBinaryUnitThatFitsWithThreeSignificantDigits(double bytes, String expected) {
        assertThat(HumanUnits.bytes(bytes)).isEqualTo(expected);
    }

    @Test
    void aFractionalMeanBelowOneKibibyteIsRoundedToWholeBytes() {
        assertThat(HumanUnits.bytes(12.4)).isEqualTo("12B");
        assertThat(HumanUnits.bytes(12.5)).isEqualTo("13B");
    }
}
