package io.perfweave.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfweave.it.support.AgentJvm;
import io.perfweave.it.support.ChildRun;
import io.perfweave.it.support.Jdk;
import io.perfweave.it.workload.JUnitPlatformApp;
import io.perfweave.it.workload.Pricing;
import io.perfweave.it.workload.PricingApp;
import io.perfweave.junit.PerfweaveCheck;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A test suite using {@code @PerfweaveCheck}, run on the JUnit Platform in a child JVM with and without the agent. */
class JUnitExtensionIT {

    private static final String PRICE_PROBE = "probe.price.method = " + Pricing.class.getName() + "#price";
    private static final String TESTS = "io.perfweave.it.workload.PricingChecks";
    private static final String BUDGET_TESTS = "io.perfweave.it.workload.PricingBudgetChecks";

    /** The JUnit Platform and the extension, on the child's class path next to the test classes. */
    private static AgentJvm junitClasspath(AgentJvm jvm) {
        return jvm.classpathOf(PerfweaveCheck.class, org.junit.jupiter.api.Test.class,
                org.junit.jupiter.engine.JupiterTestEngine.class, org.junit.platform.launcher.core.LauncherFactory.class,
                org.junit.platform.engine.TestEngine.class, org.junit.platform.commons.support.AnnotationSupport.class,
                org.opentest4j.AssertionFailedError.class, org.apiguardian.api.API.class);
    }

    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void aTestFailsWhenItsProbedMethodExceedsALimitOrRegressesAgainstABaseline(Jdk jdk) {
        AgentJvm tests = AgentJvm.on(jdk, "junit-checks").config(PRICE_PROBE, "report.console = false");
        Path baseline = tests.directory().resolve("perf/baseline.json");
        ChildRun saved = AgentJvm.on(jdk, "junit-baseline")
                .config(PRICE_PROBE, "report.console = false", "baseline.save = " + baseline)
                .main(PricingApp.class, "3000", "20000")
                .run();
        assertThat(saved.exitCode()).as(saved.describe()).isZero();
        assertThat(baseline).as(saved.describe()).isRegularFile();

        ChildRun run = junitClasspath(tests).main(JUnitPlatformApp.class, TESTS).run();

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).as(run.describe())
                .contains("it: test fastPricesStayWithinTheLimit() SUCCESSFUL")
                .contains("it: test skippedWithoutTheAgent() SUCCESSFUL")
                .contains("it: test slowPricesExceedTheP99Limit() FAILED")
                .contains("it: message slowPricesExceedTheP99Limit()\nPerfweave: price p99 ")
                .contains(" is above the limit 1.00ms (20 timed calls since the checkpoint)\nit: end message")
                .contains("it: test slowerPricesThanTheBaselineRegress() FAILED")
                .contains("it: message slowerPricesThanTheBaselineRegress()\nPerfweave: compared with baseline ")
                .contains("perf" + java.io.File.separator + "baseline.json (calls since the checkpoint):\n"
                        + "REGRESSED         price regressed: p50 ")
                .contains("(3000 -> 2000 timed calls; tolerance p50 20%, p99 100%, at least 1.00us)\nit: end message")
                .contains("it: done");
    }

    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void aTestFailsWhenItsProbedMethodExceedsTheBudgetOfTheAgentsConfiguration(Jdk jdk) {
        AgentJvm tests = AgentJvm.on(jdk, "junit-budgets").config(PRICE_PROBE, "report.console = false",
                "probe.quote.method = " + Pricing.class.getName() + "#quote", "probe.quote.budget.p50 = 2ms",
                "probe.quote.budget.minSamples = 10");

        ChildRun run = junitClasspath(tests).main(JUnitPlatformApp.class, BUDGET_TESTS).run();

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).as(run.describe())
                .contains("it: test fastQuotesStayWithinTheirBudget() SUCCESSFUL")
                .contains("it: test slowQuotesExceedTheirBudget() FAILED\nit: message slowQuotesExceedTheirBudget()\n"
                        + "Perfweave: budget exceeded: quote p50 ")
                .contains(" > 2.00ms over the test (n=20)\nit: end message")
                .contains("it: test tooFewQuotesCannotBeJudged() FAILED\nit: message tooFewQuotesCannotBeJudged()\n"
                        + "Perfweave: budget cannot be judged: quote had 5 timed calls over the test, fewer than its"
                        + " minSamples of 10\nit: end message")
                .contains("it: test aProbeWithoutABudgetCannotBeCheckedAgainstOne() FAILED\n"
                        + "it: message aProbeWithoutABudgetCannotBeCheckedAgainstOne()\n"
                        + "Perfweave: price has no latency budget to judge in this agent's configuration; give it one with"
                        + " probe.price.budget.p99 (or p50, p90, p999, max, mean), @Profiled or budget.default.*\nit: end message")
                .contains("it: done");
    }

    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void withoutTheAgentACheckedTestFailsSayingHowToAttachIt(Jdk jdk) {
        AgentJvm tests = AgentJvm.on(jdk, "junit-detached").withoutAgent();

        ChildRun run = junitClasspath(tests).main(JUnitPlatformApp.class, TESTS).run();

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).as(run.describe())
                .contains("it: test fastPricesStayWithinTheLimit() FAILED\nit: message fastPricesStayWithinTheLimit()\n"
                        + "Perfweave agent is not attached: run the tests with -javaagent:/path/to/perfweave-agent.jar"
                        + " (for Maven, in Surefire's argLine) to check price\n")
                .contains("it: test slowerPricesThanTheBaselineRegress() FAILED")
                .contains("it: test skippedWithoutTheAgent() ABORTED")
                .contains("it: done");
    }
}
