package io.perfweave.agent.sink.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void theFirstColumnIsLeftAlignedAndTheOthersRightAligned() {
        TextTable table = new TextTable("probe", "calls", "p50");
        table.add("checkout", "1200", "1.23ms");
        table.add("p", "5", "12ns");

        assertThat(table.render("  ")).isEqualTo(String.join("\n",
                "  probe     calls     p50",
                "  checkout   1200  1.23ms",
                "  p             5    12ns"));
    }

    @Test
    void everyLineHasTheSameWidthAndNoTrailingWhiteSpace() {
        TextTable table = new TextTable("a", "b");
        table.add("a much longer name", "1");
        table.add("x", "123456789");

        String[] lines = table.render("").split("\n");

        assertThat(lines).hasSize(3);
        assertThat(lines).extracting(String::length).containsOnly(lines[0].length());
        assertThat(lines).allSatisfy(line -> assertThat(line).doesNotEndWith(" "));
        assertThat(lines[2]).startsWith("x ").endsWith("  123456789");
    }

    @Test
    void aRowMustHaveOneCellPerColumn() {
        TextTable table = new TextTable("probe", "calls");

        assertThatIllegalArgumentException().isThrownBy(() -> table.add("only one"))
                .withMessage("expected 2 cells, got 1");
    }
}
