package io.perfweave.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfweave.it.support.AgentJvm;
import io.perfweave.it.support.ChildRun;
import io.perfweave.it.support.Jdk;
import io.perfweave.it.workload.matrix.MatrixApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.ToolProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Code that is hard to weave, under the agent with every class verified ({@code -Xverify:all}):
 * default methods, native methods, a constructor that throws before {@code super()} returns,
 * synchronized, recursive, enum and record methods, lambdas, hidden classes, a class of a loader
 * that is collected afterwards, classes compiled for Java 8 and for Java 25, and a method too large to
 * weave. The application must print exactly what it prints without the agent, and every count must be
 * exact.
 */
class WeavingMatrixIT {

    private static final String PACKAGE = "io.perfweave.it.workload.matrix.";
    private static final int CALLS = 2_000;
    /** Statements of 8 bytes each: {@code Huge.big} has 65,532 bytes of code, 3 short of the JVM's limit. */
    private static final int HUGE_STATEMENTS = 8_191;

    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void everyKindOfMethodIsWovenOrSkippedSafelyAndBehavesAsWithoutTheAgent(Jdk jdk) throws Exception {
        // Created here too: run alone, this test makes its directory before any AgentJvm has made the root.
        Path workDir = Files.createDirectories(Path.of(System.getProperty("perfweave.it.workDir", "target/it-work")));
        Path extra = Files.createTempDirectory(workDir, "matrix-classes-");
        List<String> extraClasses = compileExtraClasses(jdk, extra);
        String[] args = arguments(extraClasses);

        ChildRun alone = AgentJvm.on(jdk, "matrix-alone").withoutAgent().classpathEntry(extra)
                .main(MatrixApp.class, args).run();
        assertThat(alone.exitCode()).as(alone.describe()).isZero();
        assertThat(alone.printed("it: ", "loader-collected")).as(alone.describe()).isEqualTo(1);

        ChildRun run = AgentJvm.on(jdk, "matrix").classpathEntry(extra)
                .config("probe.greet.method = " + PACKAGE + "Greeter#greet",
                        "probe.native.method = " + PACKAGE + "NativeHolder#*",
                        "probe.child.method = " + PACKAGE + "Child#<init>",
                        "probe.increment.method = " + PACKAGE + "SharedCounter#increment",
                        "probe.factorial.method = " + PACKAGE + "Recursion#factorial",
                        "probe.shade.method = " + PACKAGE + "Color#shade",
                        "probe.point.method = " + PACKAGE + "Point#<init>",
                        "probe.manhattan.method = " + PACKAGE + "Point#manhattan",
                        "probe.lambdas.method = " + PACKAGE + "Lambdas#*",
                        // Hidden classes are named <binary name>/<suffix>: these patterns match them by name.
                        "probe.hidden.method = " + PACKAGE + "HiddenTarget*#*",
                        "probe.hidden-lambda.method = " + PACKAGE + "HiddenLambdaTarget*#*",
                        "probe.loadable.method = " + PACKAGE + "Loadable#work",
                        "probe.legacy.method = Legacy8#work",
                        "probe.modern.method = Modern25#work",
                        "probe.huge.method = Huge#*")
                .main(MatrixApp.class, args).run();

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stderr()).as(run.describe()).doesNotContain("VerifyError").doesNotContain("could not weave");
        assertThat(run.stdout()).as("the application's own output, with and without the agent").isEqualTo(alone.stdout());

        assertCalls(run, "greet", CALLS, "Greeter#greet(java.lang.String)");
        assertCalls(run, "native", CALLS, "NativeHolder#ordinary(int)");
        // A constructor that throws is not counted (Byte Buddy cannot wrap code around super()): only the built ones.
        assertCalls(run, "child", run.printed("it: ", "child-built"), "Child#<init>(int)");
        assertCalls(run, "increment", 8L * CALLS, "SharedCounter#increment()");
        assertCalls(run, "factorial", 20, "Recursion#factorial(int)");
        assertCalls(run, "shade", CALLS, "Color#shade(int)");
        assertCalls(run, "point", run.printed("it: ", "points"), "Point#<init>(int,int)");
        assertCalls(run, "manhattan", run.printed("it: ", "points"), "Point#manhattan()");
        assertCalls(run, "lambdas", CALLS, "Lambdas#apply(int)");
        // The same class file, loaded as an ordinary class and as a hidden class, is called as often by each:
        // only the ordinary class is woven. The JVM never offers a hidden class to an agent's transformer
        // and refuses to retransform one (Instrumentation.isModifiableClass is false for it).
        assertThat(run.printed("it: ", "hidden-target-hidden")).isEqualTo(run.printed("it: ", "hidden-target-ordinary"));
        assertCalls(run, "hidden", CALLS, "HiddenTarget#applyAsInt(int)");
        if (jdk.feature() >= 18) {
            // A class only ever loaded as a hidden class, with a lambda in it: its probe matched nothing, and
            // says so at exit.
            assertThat(run.printed("it: ", "hidden-lambda-target-hidden")).as(run.describe()).isPositive();
            JsonNode hiddenLambda = run.probe("hidden-lambda");
            assertThat(hiddenLambda.get("count").asLong()).as(run.describe()).isZero();
            assertThat(hiddenLambda.get("method")).as(run.describe()).isEmpty();
            assertThat(run.stderr()).as(run.describe()).contains("probe 'hidden-lambda' (" + PACKAGE
                    + "HiddenLambdaTarget*#*) matched no class loaded in this run");
        }
        assertCalls(run, "loadable", CALLS, "Loadable#work(int)");
        assertThat(run.printed("it: ", "loader-collected")).as("the agent keeps no class loader alive").isEqualTo(1);
        assertCalls(run, "legacy", CALLS, "Legacy8#work(int)");
        if (jdk.feature() >= 25) {
            assertCalls(run, "modern", CALLS, "Modern25#work(int)");
        }
        // Huge.big cannot take the probe's code and stay under the JVM's 64 KB limit: it is left alone, with a
        // message, and the other method of its class is probed.
        assertCalls(run, "huge", CALLS, "Huge#work(int)");
        assertThat(run.stderr()).as(run.describe()).contains("Huge#big(int)").containsIgnoringCase("too large");
    }

    /** The probe counted exactly {@code calls} and was woven into exactly the one method named. */
    private static void assertCalls(ChildRun run, String probe, long calls, String method) {
        JsonNode node = run.probe(probe);
        assertThat(node.get("count").asLong()).as("calls of probe %s\n%s", probe, run.describe()).isEqualTo(calls);
        List<String> methods = new ArrayList<>();
        node.get("method").forEach(m -> methods.add(m.asText()));
        assertThat(methods).as("methods of probe %s", probe).singleElement().asString().endsWith(method);
    }

    private static String[] arguments(List<String> extraClasses) {
        List<String> args = new ArrayList<>();
        args.add(String.valueOf(CALLS));
        args.addAll(extraClasses);
        return args.toArray(String[]::new);
    }

    /** Compiles {@code Legacy8} for Java 8, {@code Huge}, and on JDK 25 {@code Modern25} with that JDK's compiler. */
    private static List<String> compileExtraClasses(Jdk jdk, Path out) throws IOException, InterruptedException {
        Path sources = Files.createDirectories(out.resolve("src"));
        Path legacy = Files.writeString(sources.resolve("Legacy8.java"), """
                public class Legacy8 {
                    public static int work(int i) {
                        java.util.List<Integer> list = new java.util.ArrayList<Integer>();
                        list.add(i);
                        return list.get(0) + 1;
                    }
                }
                """);
        compile(out, legacy, "--release", "8", "-Xlint:-options");
        StringBuilder huge = new StringBuilder("public class Huge {\n    public static int big(int x) {\n        int a = x;\n");
        for (int i = 0; i < HUGE_STATEMENTS; i++) {
            huge.append("        a = a * 31 + 100003;\n");
        }
        huge.append("        return a;\n    }\n    public static int work(int i) {\n        return big(i) & 1;\n    }\n}\n");
        compile(out, Files.writeString(sources.resolve("Huge.java"), huge), "--release", "17");
        List<String> classes = new ArrayList<>(List.of("Legacy8", "Huge"));
        if (jdk.feature() >= 25) {
            Path modern = Files.writeString(sources.resolve("Modern25.java"), """
                    public class Modern25 {
                        sealed interface Shape permits Circle, Square {}
                        record Circle(int r) implements Shape {}
                        record Square(int side) implements Shape {}
                        public static int work(int i) {
                            Shape shape = i % 2 == 0 ? new Circle(i) : new Square(i);
                            return switch (shape) {
                                case Circle(int r) when r > 10 -> r * 2;
                                case Circle(int r) -> r;
                                case Square(int side) -> side * side;
                            };
                        }
                    }
                    """);
            Process javac = new ProcessBuilder(jdk.home().resolve("bin/javac").toString(), "--release", "25",
                    "-d", out.toString(), modern.toString()).inheritIO().start();
            assertThat(javac.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(javac.exitValue()).as("javac of JDK 25").isZero();
            classes.add("Modern25");
        }
        return classes;
    }

    private static void compile(Path out, Path source, String... options) {
        List<String> args = new ArrayList<>(List.of(options));
        args.addAll(List.of("-d", out.toString(), source.toString()));
        int result = ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new));
        assertThat(result).as("javac %s", source).isZero();
    }
}
