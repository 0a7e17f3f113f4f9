package io.perfweave.coexist;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.implementation.FixedValue;
import net.bytebuddy.matcher.ElementMatchers;
import org.HdrHistogram.Histogram;
import org.jctools.queues.MpscArrayQueue;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uses each library it ships the way an application would, prints what it got and from which jar
 * each library was loaded, then calls {@link Work#compute} a known number of times. Everything it
 * prints is deterministic, so its output with and without agents can be compared byte for byte.
 * Argument: calls.
 */
public final class LibraryApp {

    private static final Logger LOG = LoggerFactory.getLogger(LibraryApp.class);

    private LibraryApp() {
    }

    public static void main(String[] args) throws Exception {
        int calls = Integer.parseInt(args[0]);
        LOG.info("logging through {}", origin(LoggerFactory.getILoggerFactory().getClass()));

        Object made = new ByteBuddy().subclass(Object.class)
                .method(ElementMatchers.named("toString")).intercept(FixedValue.value("made by the app's Byte Buddy"))
                .make().load(LibraryApp.class.getClassLoader()).getLoaded().getDeclaredConstructor().newInstance();
        System.out.println("app: bytebuddy " + origin(ByteBuddy.class) + " -> " + made);

        AtomicInteger methods = new AtomicInteger();
        new ClassReader(LibraryApp.class.getName()).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                methods.incrementAndGet();
                return null;
            }
        }, 0);
        System.out.println("app: asm " + origin(ClassReader.class) + " -> " + methods.get() + " methods in LibraryApp");

        Histogram histogram = new Histogram(3);
        for (int i = 1; i <= 1000; i++) {
            histogram.recordValue(i);
        }
        System.out.println("app: hdrhistogram " + origin(Histogram.class) + " -> p50=" + histogram.getValueAtPercentile(50));

        MpscArrayQueue<Integer> queue = new MpscArrayQueue<>(16);
        queue.offer(42);
        System.out.println("app: jctools " + origin(MpscArrayQueue.class) + " -> " + queue.poll());

        Work work = new Work();
        long sum = 0;
        for (int i = 0; i < calls; i++) {
            sum += work.compute(i);
        }
        System.out.println("app: compute=" + calls + " sum=" + sum);
        LOG.info("done");
    }

    /** The file name of the jar a class came from, which names the library's version. */
    private static String origin(Class<?> type) throws IOException {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).getFileName().toString();
        } catch (java.net.URISyntaxException | NullPointerException e) {
            throw new IOException("cannot tell where " + type + " came from", e);
        }
    }
}
