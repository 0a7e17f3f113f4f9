package io.perfweave.agent.weave;

import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.jar.asm.MethodTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps the weaving transformer: when a class could not be woven because one of its methods would
 * grow past 64 KB, that method is excluded and the class is woven again, so a single generated
 * giant (a parser table, a template) does not leave the rest of its class unprobed. Every other
 * failure is left to the listener, which logs it.
 */
final class TooLargeMethodRetry extends ResettableClassFileTransformer.WithDelegation {

    /** More methods than this near the limit in one class, and the class is left unprobed. */
    private static final int MAX_ATTEMPTS = 16;
    private static final Logger LOG = LoggerFactory.getLogger("perfweave.weave");

    static final AgentBuilder.TransformerDecorator DECORATOR = TooLargeMethodRetry::new;

    private TooLargeMethodRetry(ResettableClassFileTransformer transformer) {
        super(transformer);
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) throws IllegalClassFormatException {
        return transform(null, loader, className, classBeingRedefined, protectionDomain, classfileBuffer);
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) throws IllegalClassFormatException {
        for (int attempt = 1; ; attempt++) {
            TooLargeMethods.takeFailure();
            try {
                return module == null
                        ? classFileTransformer.transform(loader, className, classBeingRedefined, protectionDomain,
                        classfileBuffer)
                        : classFileTransformer.transform(module, loader, className, classBeingRedefined, protectionDomain,
                        classfileBuffer);
            } catch (RuntimeException e) {
                // Byte Buddy reports a failed transformation to the listener, then throws it to the JVM, which
                // ignores it and keeps the class as it was.
                MethodTooLargeException failure = TooLargeMethods.takeFailure();
                if (failure == null) {
                    throw e;
                }
                if (!TooLargeMethods.exclude(failure) || attempt == MAX_ATTEMPTS) {
                    LOG.warn("could not weave {}, it runs unprobed: {} of its methods are too large to weave",
                            className.replace('/', '.'), attempt);
                    throw e;
                }
                LOG.warn("{} is too large to weave ({} bytes of bytecode with the probe; the JVM allows 65,535 per"
                        + " method): it runs unprobed, the other methods of its class are probed",
                        TooLargeMethods.describe(failure), failure.getCodeSize());
            }
        }
    }
}
