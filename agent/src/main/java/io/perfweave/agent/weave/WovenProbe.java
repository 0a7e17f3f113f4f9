package io.perfweave.agent.weave;

import io.perfweave.agent.config.ProbeSpec;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * A probe with the advice built once for it: one advice for methods and one for constructors (which
 * cannot catch exceptions, see {@link ConstructorTimingAdvice}), each with the probe id bound as a
 * constant, and the matcher of the methods it times.
 */
final class WovenProbe {

    private final ProbeSpec spec;
    private final Advice methodAdvice;
    private final Advice constructorAdvice;
    private final ElementMatcher.Junction<MethodDescription> methods;

    private WovenProbe(ProbeSpec spec, ElementMatcher.Junction<MethodDescription> methods) {
        this.spec = spec;
        this.methods = methods;
        Advice.WithCustomMapping mapping = Advice.withCustomMapping().bind(ProbeId.class, spec.id());
        this.methodAdvice = mapping.to(spec.allocations() ? AllocationTimingAdvice.class : TimingAdvice.class);
        this.constructorAdvice = mapping.to(spec.allocations()
                ? ConstructorAllocationAdvice.class : ConstructorTimingAdvice.class);
    }

    static WovenProbe of(ProbeSpec spec) {
        return new WovenProbe(spec, new ProbeMethodMatcher(spec.pattern()).and(ElementMatchers.not(TooLargeMethods.matcher())));
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
        return new AsmVisitorWrapper.Compound(
                methodAdvice.on(selected.and(ElementMatchers.not(ElementMatchers.isConstructor()))),
                constructorAdvice.on(selected.and(ElementMatchers.isConstructor())));
    }
}
