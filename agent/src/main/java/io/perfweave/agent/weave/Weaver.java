package io.perfweave.agent.weave;

import io.perfweave.agent.config.Glob;
import io.perfweave.agent.probe.Probes;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Optional;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.Nexus;
import net.bytebuddy.utility.JavaModule;

/**
 * The weaving rules, in one place: which classes are never touched, which are probed, and what is
 * woven into them. Classes loaded later are woven as they load; classes already loaded when the
 * agent starts (JDK classes, or everything after a dynamic attach) are retransformed. Advice only
 * adds code inside method bodies, so class formats never change and retransformation always applies.
 *
 * <p>Two rules select methods: the configured probes (by class and method pattern, optionally
 * narrowed by an annotation), and {@code @Profiled} annotations (see {@link ProfiledMethods}).
 */
public final class Weaver {

    private final Instrumentation instrumentation;
    private final List<WovenProbe> probes;
    private final Optional<ProfiledMethods> profiled;
    private final WeaveListener listener;
    private final ClassLoader agentLoader;

    /**
     * @param profiledClasses classes searched for {@code @Profiled} methods, or empty for none
     */
    public Weaver(Instrumentation instrumentation, ProbeTable table, Optional<Glob> profiledClasses) {
        this.instrumentation = instrumentation;
        this.probes = table.probesFrom(0).stream().map(WovenProbe::of).toList();
        this.profiled = profiledClasses.map(classes -> new ProfiledMethods(classes, table));
        this.listener = new WeaveListener(this.probes, table);
        this.agentLoader = Weaver.class.getClassLoader();
    }

    /** Registers the weaving rules with the JVM and retransforms the matching classes already loaded. */
    public ResettableClassFileTransformer install() {
        return rules().installOn(instrumentation);
    }

    /**
     * The weaving rules as a transformer that is not registered with the JVM, for a {@link WeaveGate}
     * to call; builds every probe's advice first, so that the first class woven does not wait for it.
     */
    ClassFileTransformer transformer() {
        probes.forEach(WovenProbe::prepare);
        return rules().makeRaw();
    }

    private AgentBuilder rules() {
        // Advice needs no initialization hooks; turning Byte Buddy's "nexus" off also keeps it from
        // probing sun.misc.Unsafe, which JDK 24+ warns about on stderr. The property name is relocated
        // with Byte Buddy, so an application's own Byte Buddy is unaffected.
        System.setProperty(Nexus.PROPERTY, "true");
        return new AgentBuilder.Default()
                .with(TooLargeMethodRetry.DECORATOR)
                .disableClassFormatChanges()
                // Advice only visits method bodies: decorating skips building the type's method graph
                // (which reads its superclasses' class files) and loads fewer of Byte Buddy's classes.
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with((AgentBuilder.RedefinitionStrategy.Listener) listener)
                .with((AgentBuilder.Listener) listener)
                .ignore((type, loader, module, classBeingRedefined, protectionDomain) ->
                        loader == agentLoader || IgnoredTypes.isIgnoredName(type.getName()))
                .assureReadEdgeTo(instrumentation, Probes.class)
                .type(this::isProbed)
                .transform(this::weave);
    }

    private boolean isProbed(TypeDescription type, ClassLoader loader, JavaModule module, Class<?> redefined,
                             ProtectionDomain protectionDomain) {
        boolean nameMatches = false;
        for (WovenProbe probe : probes) {
            if (probe.matchesType(type)) {
                if (probe.spec().pattern().requiredAnnotation() == null) {
                    nameMatches = true;
                    break;
                }
                // An annotation narrows the probe: read the class file only for classes whose name matched.
                if (type.getDeclaredMethods().filter(probe.methods()).size() > 0) {
                    nameMatches = true;
                    break;
                }
            }
        }
        if (!nameMatches && profiled.isPresent() && profiled.get().isCandidate(type.getName(), loader)) {
            nameMatches = ProfiledMethods.declaresProfiledMethod(type);
        }
        // Only now is the class file parsed for types matching by name.
        return nameMatches && !IgnoredTypes.hasNothingToTime(type);
    }

    private DynamicType.Builder<?> weave(DynamicType.Builder<?> builder, TypeDescription type, ClassLoader loader,
                                         JavaModule module, ProtectionDomain protectionDomain) {
        for (WovenProbe probe : probes) {
            if (probe.matchesType(type)) {
                builder = builder.visit(probe.advice());
            }
        }
        if (profiled.isPresent() && profiled.get().isCandidate(type.getName(), loader)) {
            builder = profiled.get().weave(builder, type);
        }
        return builder;
    }
}
