package io.perfweave.agent.weave;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfweave.agent.config.BudgetLimits;
import io.perfweave.agent.config.MethodPattern;
import io.perfweave.agent.config.ProbePriority;
import io.perfweave.agent.config.ProbeSpec;
import io.perfweave.agent.probe.ProbeRings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeTableTest {

    private static ProbeSpec probe(String name, String pattern, boolean allocations) {
        return new ProbeSpec(0, name, MethodPattern.parse(pattern), allocations);
    }

    private static List<ProbeSpec> numbered(ProbeSpec... probes) {
        List<ProbeSpec> numbered = new ArrayList<>();
        for (int i = 0; i < probes.length; i++) {
            numbered.add(new ProbeSpec(i, probes[i].name(), probes[i].pattern(), probes[i].allocations()));
        }
        return numbered;
    }

    @Test
    void unchangedProbesKeepTheirIdsAndNewOrChangedOnesGetIdsNeverUsedBefore() {
        ProbeTable table = new ProbeTable(numbered(probe("a", "com.acme.A#run", false),
                probe("b", "com.acme.B#run", false), probe("c", "com.acme.C#run", false)));
        table.addMethod(0, "com.acme.A#run()");
        table.addMethod(1, "com.acme.B#run()");

        ProbeTable.Changes changes = table.reconfigure(List.of(probe("c", "com.acme.C#run", false),
                probe("a", "com.acme.A#run", true), probe("d", "com.acme.D#run", false)));

        assertThat(changes.unchanged()).containsExactly("c");
        assertThat(changes.changed()).containsExactly("a");
        assertThat(changes.added()).containsExactly("d");
        assertThat(changes.removed()).containsExactly("b");
        assertThat(table.configured()).extracting(ProbeSpec::name, ProbeSpec::id)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("c", 2), org.assertj.core.groups.Tuple.tuple("a", 3),
                        org.assertj.core.groups.Tuple.tuple("d", 4));
        assertThat(table.isActive(0)).as("the old 'a'").isFalse();
        assertThat(table.isActive(1)).as("'b'").isFalse();
        assertThat(table.isActive(2)).isTrue();
        assertThat(table.probesFrom(0)).extracting(ProbeSpec::id).containsExactly(2, 3, 4);
        assertThat(table.methods(0)).isEmpty();
        table.addMethod(1, "com.acme.B#run()");
        assertThat(table.methods(1)).as("a retired probe learns no methods").isEmpty();
    }

    @Test
    void aReloadWithTheSameProbesChangesNothing() {
        ProbeTable table = new ProbeTable(numbered(probe("a", "com.acme.A#run(int)", false)));
        ProbeTable.Changes changes = table.reconfigure(List.of(probe("a", "com.acme.A#run(int)", false)));
        assertThat(changes.any()).isFalse();
        assertThat(table.configured()).extracting(ProbeSpec::id).containsExactly(0);
    }

    @Test
    void aReloadThatChangesASamplingRateOrPriorityReissuesTheProbeWithIt() {
        ProbeTable table = new ProbeTable(numbered(probe("a", "com.acme.A#run", false), probe("b", "com.acme.B#run", false)));
        MethodPattern a = MethodPattern.parse("com.acme.A#run");
        MethodPattern b = MethodPattern.parse("com.acme.B#run");

        ProbeTable.Changes changes = table.reconfigure(List.of(
                new ProbeSpec(0, "a", a, false, 8, BudgetLimits.NONE, ProbePriority.NORMAL),
                new ProbeSpec(0, "b", b, false, 1, BudgetLimits.NONE, ProbePriority.LOW)));

        // Their woven code binds the rate (or reads it at run time by priority): it must be woven anew.
        assertThat(changes.changed()).containsExactly("a", "b");
        assertThat(table.configured()).extracting(ProbeSpec::id, ProbeSpec::samplePeriod, ProbeSpec::priority)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2, 8, ProbePriority.NORMAL),
                        org.assertj.core.groups.Tuple.tuple(3, 1, ProbePriority.LOW));
    }

    @Test
    void runningOutOfProbeIdsChangesNothing() {
        ProbeTable table = new ProbeTable(numbered(probe("a", "com.acme.A#run", false)));
        List<ProbeSpec> many = new ArrayList<>();
        for (int i = 0; i < ProbeRings.MAX_PROBES; i++) {
            many.add(probe("p" + i, "com.acme.P" + i + "#run", false));
        }
        assertThatThrownBy(() -> table.reconfigure(many)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no probe ids left");
        assertThat(table.configured()).extracting(ProbeSpec::name).containsExactly("a");
        assertThat(table.isActive(0)).isTrue();
    }
}
