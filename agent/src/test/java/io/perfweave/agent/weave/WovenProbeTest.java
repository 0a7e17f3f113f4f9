package io.perfweave.agent.weave;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfweave.agent.config.MethodPattern;
import io.perfweave.agent.config.ProbeSpec;
import net.bytebuddy.asm.AsmVisitorWrapper;
import org.junit.jupiter.api.Test;

class WovenProbeTest {

    private static WovenProbe probe(MethodPattern pattern) {
        return WovenProbe.of(new ProbeSpec(0, "p", pattern, false), false);
    }

    @Test
    void onlyAPatternThatCanSelectAConstructorGetsConstructorAdvice() {
        assertThat(probe(MethodPattern.parse("com.acme.Order#<init>")).timesConstructors()).isTrue();
        assertThat(probe(MethodPattern.annotatedWith("com.acme.Timed")).timesConstructors())
                .as("an annotation may sit on a constructor").isTrue();
        assertThat(probe(MethodPattern.parse("com.acme.Order#total")).timesConstructors()).isFalse();
        assertThat(probe(MethodPattern.parse("com.acme.*#*")).timesConstructors())
                .as("a wildcard never selects constructors").isFalse();
    }

    @Test
    void aProbeOfMethodsOnlyWeavesWithTheMethodAdviceAlone() {
        AsmVisitorWrapper methodsOnly = probe(MethodPattern.parse("com.acme.Order#total")).advice();
        AsmVisitorWrapper withConstructors = probe(MethodPattern.parse("com.acme.Order#<init>")).advice();

        assertThat(methodsOnly).isNotInstanceOf(AsmVisitorWrapper.Compound.class);
        assertThat(withConstructors).isInstanceOf(AsmVisitorWrapper.Compound.class);
    }
}
