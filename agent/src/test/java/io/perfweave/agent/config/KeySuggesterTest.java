package io.perfweave.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeySuggesterTest {

    @Test
    void editDistanceCountsInsertionsDeletionsSubstitutionsAndTranspositions() {
        assertThat(KeySuggester.editDistance("interval", "interval")).isZero();
        assertThat(KeySuggester.editDistance("interval", "intervall")).isEqualTo(1);
        assertThat(KeySuggester.editDistance("interval", "interva")).isEqualTo(1);
        assertThat(KeySuggester.editDistance("interval", "intxrval")).isEqualTo(1);
        assertThat(KeySuggester.editDistance("interval", "itnerval")).isEqualTo(1);
        assertThat(KeySuggester.editDistance("", "abc")).isEqualTo(3);
    }

    @Test
    void suggestsTheClosestKeyOnlyWhenItIsClose() {
        List<String> known = List.of("reporter.interval", "report.json", "report.console");

        assertThat(KeySuggester.closest("reporter.intervall", known)).isEqualTo("reporter.interval");
        assertThat(KeySuggester.closest("report.jsno", known)).isEqualTo("report.json");
        assertThat(KeySuggester.closest("something.else.entirely", known)).isNull();
    }
}
