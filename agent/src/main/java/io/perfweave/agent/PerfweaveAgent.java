package io.perfweave.agent;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.jar.JarFile;

/**
 * Entry point of the agent jar: {@code premain} for {@code -javaagent}, {@code agentmain} for
 * dynamic attach, {@code main} for the command line.
 *
 * <p>This class is loaded by the application class loader, so it uses JDK types only and refers to
 * no other agent class until the agent jar has been appended to the bootstrap class path: from then
 * on the probe runtime and {@code io.perfweave.agent.boot} resolve from the bootstrap loader, the
 * one loader that every class, in any loader and module, can reach. The rest of the agent is
 * started through the isolated {@code AgentClassLoader}. Nothing thrown here may reach the
 * application: a failed start is reported on stderr and the JVM runs on without the agent.
 */
public final class PerfweaveAgent {

    private static final String RUNTIME_CLASS = "io.perfweave.agent.core.AgentRuntime";
    private static final String COMMAND_LINE_CLASS = "io.perfweave.agent.cli.CommandLine";
    private static final String NEW_RUNTIME_COMMANDS_CLASS = "io.perfweave.agent.core.NewRuntimeCommands";
    /**
     * How the command line ({@code attach}, {@code status}, {@code reload}, {@code detach}) marks the
     * agent arguments of a dynamic load: this prefix, then the file holding the request. Agent
     * arguments of users are {@code key=value} lists and never start with it.
     */
    public static final String COMMAND_PREFIX = "perfweave-command:";
    private static final String BOOT_PROBE_CLASS = "io.perfweave.agent.boot.AgentPresence";

    private PerfweaveAgent() {
    }

    public static void premain(String agentArgs, Instrumentation instrumentation) {
        start(agentArgs, instrumentation, false);
    }

    public static void agentmain(String agentArgs, Instrumentation instrumentation) {
        if (agentArgs != null && agentArgs.startsWith(COMMAND_PREFIX)) {
            command(agentArgs.substring(COMMAND_PREFIX.length()), instrumentation);
        } else {
            start(agentArgs, instrumentation, true);
        }
    }

    public static void main(String[] args) {
        int exitCode;
        try {
            // The command line needs the jdk.attach module, which the application class loader defines.
            ClassLoader internals = new io.perfweave.agent.boot.AgentClassLoader(agentJar(),
                    ClassLoader.getSystemClassLoader());
            Method run = internals.loadClass(COMMAND_LINE_CLASS).getMethod("run", String[].class);
            exitCode = (Integer) run.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            e.getCause().printStackTrace();
            exitCode = 2;
        } catch (Throwable t) {
            t.printStackTrace();
            exitCode = 2;
        }
        System.exit(exitCode);
    }

    /**
     * A request of the command line: handed to the runtime already running here, or, when there is
     * none, to a fresh copy of the internals, which starts one ({@code attach}) or answers that no
     * agent runs. The request file says what to do; the answer is written next to it.
     */
    private static void command(String requestFile, Instrumentation instrumentation) {
        try {
            File jar = agentJar();
            joinBootstrap(jar, instrumentation);
            if (io.perfweave.agent.boot.AgentControl.handle(requestFile)) {
                return;
            }
            ClassLoader internals = openInternals(jar);
            internals.loadClass(NEW_RUNTIME_COMMANDS_CLASS)
                    .getMethod("handle", Instrumentation.class, String.class, File.class)
                    .invoke(null, instrumentation, requestFile, jar);
        } catch (Throwable t) {
            Throwable cause = t instanceof InvocationTargetException ? t.getCause() : t;
            System.err.println("[perfweave] ERROR command failed, the application runs on unchanged: " + cause);
            cause.printStackTrace();
        }
    }

    /**
     * Appends the agent jar to the bootstrap class path, once per JVM: attaching again after a detach
     * finds the probe runtime and the boot classes there already, and must use those.
     */
    private static void joinBootstrap(File jar, Instrumentation instrumentation) throws Exception {
        try {
            Class.forName(BOOT_PROBE_CLASS, false, null);
        } catch (ClassNotFoundException notYet) {
            instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(jar, false));
        }
    }

    private static void start(String agentArgs, Instrumentation instrumentation, boolean dynamic) {
        try {
            File jar = agentJar();
            joinBootstrap(jar, instrumentation);
            if (!io.perfweave.agent.boot.AgentPresence.claim()) {
                System.err.println("[perfweave] WARN the agent is already running in this JVM; ignoring " + jar);
                return;
            }
            ClassLoader internals = openInternals(jar);
            Method start = internals.loadClass(RUNTIME_CLASS)
                    .getMethod("start", Instrumentation.class, String.class, File.class, boolean.class);
            start.invoke(null, instrumentation, agentArgs, jar, dynamic);
        } catch (Throwable t) {
            Throwable cause = t instanceof InvocationTargetException ? t.getCause() : t;
            System.err.println("[perfweave] ERROR agent failed to start, the application runs without it: " + cause);
            cause.printStackTrace();
        }
    }

    private static ClassLoader openInternals(File jar) throws Exception {
        return new io.perfweave.agent.boot.AgentClassLoader(jar, ClassLoader.getPlatformClassLoader());
    }

    private static File agentJar() throws Exception {
        return new File(PerfweaveAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
