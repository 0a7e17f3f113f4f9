package io.perfweave.agent.weave;

import io.perfweave.agent.config.MethodPattern;
import io.perfweave.agent.config.ProbeSpec;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * A probe with the advice built once for it: one advice for methods and one for constructors (which
 * cannot catch exceptions, see {@link ConstructorTimingAdvice}), each with the probe id (and a sampled
 * probe's N) bound as a constant, and the matcher of the methods it times. Constructors are timed on
 * every call even when the probe samples: the sampled advice needs an exit that also runs on a throw.
 *
 * <p>A probe that adapts (adaptive sampling, not high priority) gets the adaptive advice, which reads
 * its period at run time; every other probe keeps advice with nothing to read, so adaptive sampling
 * costs nothing to the probes it never lowers.
 */
final class WovenProbe {

    private final ProbeSpec spec;
    private final ElementMatcher.Junction<MethodDescription> methods;
    private final boolean adapts;
    /**
     * Built on first use: building advice reads and parses the advice class, and most probes of a
     * configuration name classes that a given run never loads. Advice is immutable, so two threads
     * weaving at once may both build it and either copy serves.
     */
    private volatile Advice methodAdvice;
    private volatile Advice constructorAdvice;

    private WovenProbe(ProbeSpec spec, ElementMatcher.Junction<MethodDescription> methods, boolean adapts) {
        this.spec = spec;
        this.methods = methods;
        this.adapts = adapts;
    }

    private Advice methodAdvice() {
        Advice advice = methodAdvice;
        if (advice == null) {
            advice = mapping().to(methodAdviceClass());
            methodAdvice = advice;
        }
        return advice;
    }

    private Class<?> methodAdviceClass() {
        if (adapts) {
            return spec.allocations() ? AdaptiveAllocationTimingAdvice.class : AdaptiveTimingAdvice.class;
        }
        if (spec.samplePeriod() > 1) {
            return spec.allocations() ? SampledAllocationTimingAdvice.class : SampledTimingAdvice.class;
        }
        return spec.allocations() ? AllocationTimingAdvice.class : TimingAdvice.class;
    }

    private Advice constructorAdvice() {
        Advice advice = constructorAdvice;
        if (advice == null) {
            advice = mapping().to(spec.allocations() ? ConstructorAllocationAdvice.class : ConstructorTimingAdvice.class);
            constructorAdvice = advice;
        }
        return advice;
    }

    /** Builds the advice now rather than for the first class woven. */
    void prepare() {
        methodAdvice();
        if (timesConstructors()) {
            constructorAdvice();
        }
    }

    /**
     * Whether the probe's pattern can select a constructor at all (named {@code <init>}, or any member
     * with an annotation). Most patterns cannot, and each advice holds its own parsed copy of the advice
     * class (about 5 KiB of heap per probe, measured with 1,000 probes), so theirs is never built.
     */
    boolean timesConstructors() {
        return spec.pattern().matchesMethodName(MethodPattern.CONSTRUCTOR);
    }

    private Advice.WithCustomMapping mapping() {
        return Advice.withCustomMapping().bind(ProbeId.class, spec.id()).bind(SamplePeriod.class, spec.samplePeriod());
    }

    /** @param adapts whether the probe reads its period at run time (see {@link ProbeTable#adapts}) */
    static WovenProbe of(ProbeSpec spec, boolean adapts) {
        return new WovenProbe(spec, new ProbeMethodMatcher(spec.pattern()).and(ElementMatchers.not(TooLargeMethods.matcher())),
                adapts);
    }

    ProbeSpec spec() {
        return spec;
    }

    ElementMatcher.Junction<MethodDescription> methods() {
        return methods;
    }

    boolean matchesType(TypeDescription type) {
        return spec.pattern().matchesType(type.getName());
    }

    /** The advice for the methods the probe's pattern selects. */
    AsmVisitorWrapper advice() {
        return adviceOn(methods);
    }

    /** Method advice on the selected methods, constructor advice on the selected constructors. */
    AsmVisitorWrapper adviceOn(ElementMatcher.Junction<MethodDescription> selected) {
        selected = selected.and(ElementMatchers.not(TooLargeMethods.matcher()));
        AsmVisitorWrapper methodsOnly = methodAdvice().on(selected.and(ElementMatchers.not(ElementMatchers.isConstructor())));
        if (!timesConstructors()) {
            return methodsOnly;
        }
        return new AsmVisitorWrapper.Compound(methodsOnly, constructorAdvice().on(selected.and(ElementMatchers.isConstructor())));
    }
}
