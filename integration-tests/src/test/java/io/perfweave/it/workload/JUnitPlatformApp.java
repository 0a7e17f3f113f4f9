package io.perfweave.it.workload;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs a test class on the JUnit Platform, as a build tool would, and prints each test's outcome:
 * {@code it: test <name> <SUCCESSFUL|FAILED|ABORTED>}, then its message between
 * {@code it: message <name>} and {@code it: end message}. Argument: the test class.
 */
public final class JUnitPlatformApp {

    private JUnitPlatformApp() {
    }

    public static void main(String[] args) throws ClassNotFoundException {
        Class<?> tests = Class.forName(args[0]);
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(tests)).build(),
                new TestExecutionListener() {
                    @Override
                    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                        if (!test.isTest()) {
                            return;
                        }
                        System.out.println("it: test " + test.getDisplayName() + " " + result.getStatus());
                        result.getThrowable().ifPresent(thrown -> {
                            System.out.println("it: message " + test.getDisplayName());
                            System.out.println(thrown.getMessage());
                            System.out.println("it: end message");
                        });
                    }
                });
        System.out.println("it: done");
    }
}
