package io.perfweave.it.workload.matrix;

import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * Calls every kind of method that is hard to weave a known number of times and prints what it
 * observed as {@code it: <what>=<n>}, so that a test can compare the agent's counts and check that
 * the methods behaved exactly as without the agent. Arguments: calls, then names of extra classes
 * on the class path (compiled by the test for other Java versions) that have {@code public static
 * int work(int)}.
 */
public final class MatrixApp {

    private static volatile Object sink;

    private MatrixApp() {
    }

    public static void main(String[] args) throws Exception {
        int calls = Integer.parseInt(args[0]);

        Greeter greeter = new PoliteGreeter();
        String greeting = null;
        for (int i = 0; i < calls; i++) {
            greeting = greeter.greet("n" + i);
        }
        System.out.println("it: greeting=" + greeting);

        NativeHolder holder = new NativeHolder();
        int ordinary = 0;
        for (int i = 0; i < calls; i++) {
            ordinary = holder.ordinary(ordinary);
        }
        System.out.println("it: ordinary=" + ordinary);

        int built = 0;
        int refused = 0;
        for (int i = 0; i < calls; i++) {
            try {
                sink = new Child(i % 4 == 0 ? -i - 1 : i);
                built++;
            } catch (IllegalArgumentException expected) {
                refused++;
            }
        }
        System.out.println("it: child-built=" + built);
        System.out.println("it: child-refused=" + refused);

        SharedCounter counter = new SharedCounter();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < calls; i++) {
                    counter.increment();
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        System.out.println("it: increments=" + counter.count());

        System.out.println("it: factorial20=" + Recursion.factorial(20));

        String shade = null;
        for (int i = 0; i < calls; i++) {
            shade = Color.values()[i % 3].shade(i);
        }
        System.out.println("it: shade=" + shade);

        int points = 0;
        int badPoints = 0;
        long distance = 0;
        for (int i = 0; i < calls; i++) {
            try {
                distance += new Point(i % 5 == 0 ? -1 : i, 2).manhattan();
                points++;
            } catch (IllegalArgumentException expected) {
                badPoints++;
            }
        }
        System.out.println("it: points=" + points);
        System.out.println("it: bad-points=" + badPoints);
        System.out.println("it: distance=" + distance);

        Lambdas lambdas = new Lambdas();
        long doubled = 0;
        for (int i = 0; i < calls; i++) {
            doubled += lambdas.apply(i);
        }
        System.out.println("it: doubled=" + doubled);

        callHiddenClasses(calls);

        System.out.println("it: loader-collected=" + (useAndDropALoader(calls) ? 1 : 0));

        for (int a = 1; a < args.length; a++) {
            Method work = Class.forName(args[a]).getMethod("work", int.class);
            long sum = 0;
            for (int i = 0; i < calls; i++) {
                sum += (Integer) work.invoke(null, i);
            }
            System.out.println("it: " + args[a] + "=" + sum);
        }
        System.out.println("it: done");
    }

    /**
     * Calls {@link HiddenTarget} as an ordinary class and as a hidden class defined from the same class
     * file, and on JDK 18 and later {@code HiddenLambdaTarget} as a hidden class, each {@code calls} times.
     */
    private static void callHiddenClasses(int calls) throws Exception {
        long ordinary = 0;
        IntUnaryOperator target = new HiddenTarget();
        for (int i = 0; i < calls; i++) {
            ordinary += target.applyAsInt(i);
        }
        System.out.println("it: hidden-target-ordinary=" + ordinary);
        System.out.println("it: hidden-target-hidden=" + callHidden("HiddenTarget", calls));
        if (Runtime.version().feature() >= 18) {
            System.out.println("it: hidden-lambda-target-hidden=" + callHidden("HiddenLambdaTarget", calls));
        }
    }

    /**
     * Defines a hidden class from the class file of the class named, in this package, and calls it. Takes
     * a name, not a class: {@code HiddenLambdaTarget} must never be loaded as an ordinary class.
     */
    private static long callHidden(String simpleName, int calls) throws Exception {
        byte[] classFile;
        try (InputStream in = MatrixApp.class.getResourceAsStream(simpleName + ".class")) {
            classFile = in.readAllBytes();
        }
        Class<?> hidden = MethodHandles.lookup().defineHiddenClass(classFile, true).lookupClass();
        String binaryName = MatrixApp.class.getPackageName() + "." + simpleName;
        if (!hidden.isHidden() || !hidden.getName().startsWith(binaryName + "/")) {
            throw new IllegalStateException("not a hidden class of " + binaryName + ": " + hidden.getName());
        }
        IntUnaryOperator operator = (IntUnaryOperator) hidden.getDeclaredConstructor().newInstance();
        long sum = 0;
        for (int i = 0; i < calls; i++) {
            sum += operator.applyAsInt(i);
        }
        return sum;
    }

    /** Loads {@link Loadable} in a loader of its own, uses it, drops it, and tells whether the loader was collected. */
    private static boolean useAndDropALoader(int calls) throws Exception {
        ReferenceQueue<ClassLoader> collected = new ReferenceQueue<>();
        WeakReference<ClassLoader> loader = callThroughOwnLoader(calls, collected);
        for (int attempt = 0; attempt < 100; attempt++) {
            System.gc();
            Reference<? extends ClassLoader> cleared = collected.remove(100);
            if (cleared != null) {
                return cleared == loader;
            }
        }
        return false;
    }

    private static WeakReference<ClassLoader> callThroughOwnLoader(int calls, ReferenceQueue<ClassLoader> collected)
            throws Exception {
        URL classes = Loadable.class.getProtectionDomain().getCodeSource().getLocation();
        URLClassLoader own = new URLClassLoader("matrix-own", new URL[] {classes}, ClassLoader.getPlatformClassLoader());
        Class<?> type = own.loadClass(Loadable.class.getName());
        if (type.getClassLoader() != own) {
            throw new IllegalStateException("Loadable did not come from its own loader");
        }
        Object loadable = type.getDeclaredConstructor().newInstance();
        Method work = type.getMethod("work", int.class);
        long sum = 0;
        for (int i = 0; i < calls; i++) {
            sum += (Integer) work.invoke(loadable, i);
        }
        System.out.println("it: loadable=" + sum);
        own.close();
        return new WeakReference<>(own, collected);
    }
}
