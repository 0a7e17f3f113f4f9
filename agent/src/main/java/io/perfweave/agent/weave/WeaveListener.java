package io.perfweave.agent.weave;

import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.jar.asm.MethodTooLargeException;
import net.bytebuddy.utility.JavaModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what was woven (for the report) and logs it at debug; logs every class that could not be
 * woven at warn, always: a class the user asked for that silently stays unprobed is the worst outcome.
 */
final class WeaveListener extends AgentBuilder.Listener.Adapter implements AgentBuilder.RedefinitionStrategy.Listener {

    private static final Logger LOG = LoggerFactory.getLogger("perfweave.weave");

    private final List<WovenProbe> probes;
    private final ProbeTable matched;
    private volatile int retransformed;

    WeaveListener(List<WovenProbe> probes, ProbeTable matched) {
        this.probes = probes;
        this.matched = matched;
    }

    @Override
    public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
                                 DynamicType dynamicType) {
        int woven = 0;
        for (WovenProbe probe : probes) {
            if (!probe.matchesType(type)) {
                continue;
            }
            int id = probe.spec().id();
            matched.addClass(id);
            for (MethodDescription method : type.getDeclaredMethods().filter(probe.methods())) {
                matched.addMethod(id, ProbeMethodMatcher.signature(type, method));
                woven++;
            }
        }
        LOG.debug("woven {} method(s) into {}{}", woven, type.getName(), loaded ? " (retransformed)" : "");
    }

    /** How many already loaded classes the last installation retransformed. */
    int retransformed() {
        return retransformed;
    }

    @Override
    public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable throwable) {
        if (throwable instanceof MethodTooLargeException tooLarge) {
            TooLargeMethods.failed(tooLarge); // TooLargeMethodRetry weaves the class again without it, and logs
            return;
        }
        LOG.warn("could not weave {}, it runs unprobed: {}", typeName, throwable.toString());
    }

    @Override
    public void onBatch(int index, List<Class<?>> batch, List<Class<?>> types) {
        LOG.debug("retransforming batch {} of {} already loaded class(es)", index, batch.size());
    }

    @Override
    public Iterable<? extends List<Class<?>>> onError(int index, List<Class<?>> batch, Throwable throwable,
                                                     List<Class<?>> types) {
        LOG.warn("could not retransform {} already loaded class(es) {}: {}", batch.size(), batch, throwable.toString());
        return List.of();
    }

    @Override
    public void onComplete(int amount, List<Class<?>> types, java.util.Map<List<Class<?>>, Throwable> failures) {
        retransformed = types.size();
        LOG.debug("retransformed {} already loaded class(es), {} batch(es) failed", types.size(), failures.size());
    }
}
