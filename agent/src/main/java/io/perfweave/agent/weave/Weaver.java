package io.perfweave.agent.weave;

import io.perfweave.agent.config.ProbeSpec;
import io.perfweave.agent.probe.Probes;
import java.lang.instrument.Instrumentation;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.Nexus;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

/**
 * The weaving rules, in one place: which classes are never touched, which are probed, and what is
 * woven into them. Classes loaded later are woven as they load; classes already loaded when the
 * agent starts (JDK classes, or everything after a dynamic attach) are retransformed. Advice only
 * adds code inside method bodies, so class formats never change and retransformation always applies.
 */
public final class Weaver {

    private final Instrumentation instrumentation;
    private final List<WovenProbe> probes;
    private final WeaveListener listener;
    private final ClassLoader agentLoader;

    /** A probe together with the advice and method matcher built once for it. */
    record WovenProbe(ProbeSpec spec, Advice advice, ElementMatcher<? super net.bytebuddy.description.method.MethodDescription> methods) {

        static WovenProbe of(ProbeSpec spec) {
            Class<?> adviceClass = spec.pattern().selectsConstructors() ? ConstructorTimingAdvice.class : TimingAdvice.class;
            Advice advice = Advice.withCustomMapping().bind(ProbeId.class, spec.id()).to(adviceClass);
            return new WovenProbe(spec, advice, new ProbeMethodMatcher(spec.pattern()));
        }

        boolean matchesType(TypeDescription type) {
            return spec.pattern().matchesType(type.getName());
        }
    }

    public Weaver(Instrumentation instrumentation, List<ProbeSpec> probes, MatchedMethods matched) {
        this.instrumentation = instrumentation;
        this.probes = probes.stream().map(WovenProbe::of).toList();
        this.listener = new WeaveListener(this.probes, matched);
        this.agentLoader = Weaver.class.getClassLoader();
    }

    public ResettableClassFileTransformer install() {
        // Advice needs no initialization hooks; turning Byte Buddy's "nexus" off also keeps it from
        // probing sun.misc.Unsafe, which JDK 24+ warns about on stderr. The property name is relocated
        // with Byte Buddy, so an application's own Byte Buddy is unaffected.
        System.setProperty(Nexus.PROPERTY, "true");
        return new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with((AgentBuilder.RedefinitionStrategy.Listener) listener)
                .with((AgentBuilder.Listener) listener)
                .ignore((type, loader, module, classBeingRedefined, protectionDomain) ->
                        loader == agentLoader || IgnoredTypes.isIgnoredName(type.getName()))
                .assureReadEdgeTo(instrumentation, Probes.class)
                .type(this::isProbed)
                .transform(this::weave)
                .installOn(instrumentation);
    }

    private boolean isProbed(TypeDescription type) {
        for (WovenProbe probe : probes) {
            if (probe.matchesType(type)) {
                // Only now is the class file parsed, for types matching a probe.
                return !IgnoredTypes.hasNothingToTime(type);
            }
        }
        return false;
    }

    private DynamicType.Builder<?> weave(DynamicType.Builder<?> builder, TypeDescription type, ClassLoader loader,
                                         JavaModule module, java.security.ProtectionDomain protectionDomain) {
        for (WovenProbe probe : probes) {
            if (probe.matchesType(type)) {
                builder = builder.visit(probe.advice().on(probe.methods()));
            }
        }
        return builder;
    }
}
