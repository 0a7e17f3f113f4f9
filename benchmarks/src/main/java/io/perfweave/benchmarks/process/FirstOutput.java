package io.perfweave.benchmarks.process;

/**
 * The start-up benchmark's application: prints the wall clock at its first line of output (the
 * script subtracts the moment it launched the JVM), then calls a probed method once and prints how
 * long the JVM took to get there, so both "first output" and "first probed call done" are measured.
 */
public final class FirstOutput {

    private FirstOutput() {
    }

    public static void main(String[] args) {
        System.out.println("first-output-epoch-ms=" + System.currentTimeMillis());
        int value = new StartupWork().work(3);
        System.out.println("probed-call-done-epoch-ms=" + System.currentTimeMillis() + " value=" + value);
    }
}
