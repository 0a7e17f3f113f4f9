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
 * agent starts (JDK classes, or everything after a dynamic attach) are retransformed; a reload
 * replaces the rules in place and a detach removes them, restoring the original code. Advice only
 * adds code inside method bodies, so class formats never change and retransformation always applies.
 *
 * <p>Two rules select methods: the configured probes (by class and method pattern, optionally
 * narrowed by an annotation), and {@code @Profiled} annotations (see {@link ProfiledMethods}).
 */
public final class Weaver {

    /**
     * Loaded classes retransformed per call of {@code Instrumentation.retransformClasses}. Each call
     * swaps its classes at one safepoint, during which every application thread waits; small
     * batches keep each of those pauses short (measured in docs/attach.md), at the cost of more of them.
     */
    static final int BATCH_SIZE = 50;

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
        this.probes = table.configured().stream().map(probe -> WovenProbe.of(probe, table.adapts(probe))).toList();
        this.profiled = profiledClasses.map(classes -> new ProfiledMethods(classes, table));
        this.listener = new WeaveListener(this.probes, table);
        this.agentLoader = Weaver.class.getClassLoader();
    }

    /**
     * Starts weaving: classes loaded from now on are woven as they load, classes already loaded are
     * retransformed at once, in batches (see {@link #BATCH_SIZE}).
     *
     * @return the transformer, for {@link #replace} and {@link #restore}
     */
    public ResettableClassFileTransformer install() {
        return builder().installOn(instrumentation);
    }

    /**
     * Takes over from the weaver of an earlier configuration in one step: the previous transformer
     * is substituted in place (never both at once, so no call is timed twice and none is missed by a
     * probe both keep), then every loaded class that either of them matches is retransformed:
     * classes only the old one matched get their original code back.
     *
     * @return the transformer now in force: the previous one, registered with the JVM as before and
     *     now delegating to the new rules; {@link #restore} must be given this one
     */
    public ResettableClassFileTransformer replace(ResettableClassFileTransformer previous) {
        builder().patchOn(instrumentation, previous, AgentBuilder.PatchMode.SUBSTITUTE);
        return previous;
    }

    /**
     * Removes the transformer and retransforms every class it matched, in batches, which gives them
     * back the code they had before the agent wove them.
     *
     * @return whether the transformer was still installed
     */
    public static boolean restore(Instrumentation instrumentation, ResettableClassFileTransformer transformer) {
        return transformer.reset(instrumentation, AgentBuilder.RedefinitionStrategy.RETRANSFORMATION,
                AgentBuilder.RedefinitionStrategy.BatchAllocator.ForFixedSize.ofSize(BATCH_SIZE));
    }

    /** Removes the system property {@link #install} sets, when the agent detaches. */
    public static void forgetSettings() {
        System.clearProperty(Nexus.PROPERTY);
    }

    /** Already loaded classes retransformed by the last {@link #install} or {@link #replace}. */
    public int retransformed() {
        return listener.retransformed();
    }

    /**
     * The weaving rules as a transformer that is not registered with the JVM, for a {@link WeaveGate}
     * to call; builds every probe's advice first, so that the first class woven does not wait for it.
     */
    ClassFileTransformer transformer() {
        probes.forEach(WovenProbe::prepare);
        // makeRaw() leaves out the transformer decorators that installOn() applies: the retry of classes
        // with a method too large to weave is added here.
        ClassFileTransformer raw = builder().makeRaw();
        return raw instanceof ResettableClassFileTransformer resettable ? TooLargeMethodRetry.DECORATOR.decorate(resettable) : raw;
    }

    private AgentBuilder builder() {
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
                .with(AgentBuilder.RedefinitionStrategy.BatchAllocator.ForFixedSize.ofSize(BATCH_SIZE))
                .with((AgentBuilder.RedefinitionStrategy.Listener) listener)
                .with((AgentBuilder.Listener) listener)
                // Lets a reload substitute this transformer in place (see replace).
                .with(AgentBuilder.TransformerDecorator.ForSubstitution.INSTANCE)
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
