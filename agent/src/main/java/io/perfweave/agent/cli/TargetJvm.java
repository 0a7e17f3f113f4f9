package io.perfweave.agent.cli;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import io.perfweave.agent.control.CommandReply;
import java.io.IOException;
import java.util.Optional;

/**
 * A JVM the command line talks to, found by pid and checked before attaching, so that each way of
 * failing gets its own message: no such process, not this user's, not a JVM, attach disabled.
 */
final class TargetJvm {

    private TargetJvm() {
    }

    /** Why a target cannot be reached; {@link #exitCode} is the command line's exit code. */
    static final class Unreachable extends Exception {

        private final int exitCode;

        Unreachable(int exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }

        int exitCode() {
            return exitCode;
        }
    }

    static long parsePid(String text) throws Unreachable {
        try {
            long pid = Long.parseLong(text);
            if (pid > 0) {
                return pid;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new Unreachable(CommandReply.BAD_INPUT, "'" + text + "' is not a process id (see 'list' for the JVMs you can attach to)");
    }

    /**
     * Attaches to the JVM of {@code pid}. Another user's JVM is refused even where the JVM would allow
     * it (root): the agent answers through files that the target's user must be able to write.
     */
    static VirtualMachine attach(long pid) throws Unreachable {
        if (pid == ProcessHandle.current().pid()) {
            throw new Unreachable(CommandReply.BAD_INPUT, "pid " + pid + " is this command itself");
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            throw new Unreachable(CommandReply.UNREACHABLE, "no process with pid " + pid);
        }
        String me = System.getProperty("user.name");
        Optional<String> owner = process.get().info().user();
        if (owner.isPresent() && !owner.get().equals(me)) {
            throw new Unreachable(CommandReply.UNREACHABLE, "process " + pid + " belongs to user " + owner.get()
                    + ", and this command runs as " + me + ": run it as " + owner.get()
                    + " (for example: sudo -u " + owner.get() + " java -jar perfweave-agent.jar ...)");
        }
        if (owner.isEmpty()) {
            // The JDK hides the owner of processes of other users from unprivileged users.
            throw new Unreachable(CommandReply.UNREACHABLE, "process " + pid + " belongs to another user (its owner"
                    + " cannot be read); run the command as the user that started it");
        }
        try {
            return VirtualMachine.attach(Long.toString(pid));
        } catch (AttachNotSupportedException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("does not support the attach mechanism")) {
                throw new Unreachable(CommandReply.UNREACHABLE, "the JVM " + pid + " does not allow attaching: it was"
                        + " started with -XX:+DisableAttachMechanism; start it without that option, or with"
                        + " -javaagent:perfweave-agent.jar=config=<file>");
            }
            String command = process.get().info().command().orElse("");
            if (!command.isEmpty() && !command.endsWith("java")) {
                throw new Unreachable(CommandReply.UNREACHABLE, "process " + pid + " (" + command + ") is not a JVM: "
                        + message);
            }
            throw new Unreachable(CommandReply.UNREACHABLE, "cannot attach to process " + pid + ": " + message);
        } catch (IOException e) {
            throw new Unreachable(CommandReply.UNREACHABLE, "cannot attach to process " + pid + ": " + e.getMessage());
        }
    }
}
