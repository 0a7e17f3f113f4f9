package io.perfweave.agent.weave;

import io.perfweave.agent.config.Glob;
import io.perfweave.agent.config.ProbeSpec;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The one transformer the JVM calls when the weaver is set up in the background (see
 * {@link BackgroundWeaving}): it decides from a class's name, and for annotations from its bytes,
 * whether the class could be woven at all, lets every other class load at once, and holds a class
 * that could be woven until Byte Buddy's transformer is ready, then hands the class to it. So the
 * application runs while Byte Buddy loads, and no candidate class runs a single call unwoven.
 *
 * <p>It uses JDK types and the configuration only, never Byte Buddy, so that creating it costs
 * nothing; and it spares Byte Buddy every class no probe could select, for the whole run.
 *
 * <p>Thread safety: {@link #open} publishes the delegate through a latch; any number of class
 * loading threads may wait on it. A thread that waits longer than {@link #waitNanos} (a lock held by
 * the loading thread that the set-up needs, say) lets its class load unwoven and remembers its name,
 * and the set-up retransforms it once open, so a stall is bounded and only that window is lost.
 */
public final class WeaveGate implements ClassFileTransformer {

    private static final byte[] PROFILED_DESCRIPTOR = descriptor(ProfiledMethods.ANNOTATION);

    private final List<ProbeSpec> probes;
    private final List<byte[]> requiredAnnotations;
    private final Optional<Glob> profiledClasses;
    private final ClassLoader agentLoader;
    private final long waitNanos;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final Set<String> loadedUnwoven = ConcurrentHashMap.newKeySet();
    private volatile ClassFileTransformer delegate;

    WeaveGate(List<ProbeSpec> probes, Optional<Glob> profiledClasses, ClassLoader agentLoader, long waitNanos) {
        this.probes = List.copyOf(probes);
        this.requiredAnnotations = new ArrayList<>();
        for (ProbeSpec probe : this.probes) {
            String annotation = probe.pattern().requiredAnnotation();
            requiredAnnotations.add(annotation == null ? null : descriptor(annotation));
        }
        this.profiledClasses = profiledClasses;
        this.agentLoader = agentLoader;
        this.waitNanos = waitNanos;
    }

    /** Lets waiting and later classes through to {@code transformer}, or unwoven when it is null (set-up failed). */
    void open(ClassFileTransformer transformer) {
        delegate = transformer;
        ready.countDown();
    }

    private final Set<String> wovenNames = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Names of classes that loaded unwoven because the set-up took longer than a class could wait. */
    Set<String> loadedUnwoven() {
        return loadedUnwoven;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classFile) throws IllegalClassFormatException {
        if (internalName == null || loader == agentLoader) {
            return null;
        }
        String name = internalName.replace('/', '.');
        if (IgnoredTypes.isIgnoredName(name) || !mayBeWoven(name, loader, classFile)) {
            return null;
        }
        if (!awaitReady()) {
            loadedUnwoven.add(name);
            return null;
        }
        ClassFileTransformer transformer = delegate;
        byte[] woven = transformer == null ? null
                : transformer.transform(module, loader, internalName, classBeingRedefined, protectionDomain, classFile);
        if (woven != null) {
            wovenNames.add(name);
        }
        return woven;
    }

    /** Names of the classes this gate's weaver changed: what a detach or a reload must give back their code. */
    Set<String> wovenNames() {
        return wovenNames;
    }

    /**
     * Whether a probe's class pattern names the class (and, for a probe narrowed by an annotation,
     * the class file mentions it), or the class may carry {@code @Profiled}: a method carrying an
     * annotation has the annotation's descriptor in its class's constant pool, so its absence
     * rules the class out exactly.
     */
    boolean mayBeWoven(String name, ClassLoader loader, byte[] classFile) {
        for (int i = 0; i < probes.size(); i++) {
            if (probes.get(i).pattern().matchesType(name)) {
                byte[] annotation = requiredAnnotations.get(i);
                if (annotation == null || contains(classFile, annotation)) {
                    return true;
                }
            }
        }
        return profiledClasses.isPresent() && loader != null && loader != ClassLoader.getPlatformClassLoader()
                && profiledClasses.get().matches(name) && contains(classFile, PROFILED_DESCRIPTOR);
    }

    private boolean awaitReady() {
        boolean interrupted = false;
        try {
            long deadline = System.nanoTime() + waitNanos;
            while (true) {
                try {
                    return ready.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static byte[] descriptor(String binaryName) {
        return ("L" + binaryName.replace('.', '/') + ";").getBytes(StandardCharsets.UTF_8);
    }

    static boolean contains(byte[] bytes, byte[] part) {
        if (bytes == null) {
            return true;
        }
        int last = bytes.length - part.length;
        outer:
        for (int i = 0; i <= last; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
