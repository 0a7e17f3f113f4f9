package io.perfweave.agent.cli;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import io.perfweave.agent.core.AgentRuntime;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code list}: the JVMs this user can attach to, with their main class and whether Perfweave is
 * attached. Whether it is, is read from the JVM's system properties through the attach mechanism
 * (as {@code jcmd} does): nothing is loaded into any JVM.
 */
final class JvmList {

    private JvmList() {
    }

    static int run(PrintStream out) {
        long self = ProcessHandle.current().pid();
        String me = System.getProperty("user.name");
        List<String[]> rows = new ArrayList<>();
        for (VirtualMachineDescriptor descriptor : VirtualMachine.list()) {
            long pid;
            try {
                pid = Long.parseLong(descriptor.id());
            } catch (NumberFormatException e) {
                continue;
            }
            if (pid == self) {
                continue;
            }
            Optional<String> owner = ProcessHandle.of(pid).flatMap(p -> p.info().user());
            if (owner.isPresent() && !owner.get().equals(me)) {
                continue; // another user's JVM: not attachable by this user (see TargetJvm)
            }
            rows.add(new String[] {Long.toString(pid), perfweave(descriptor), mainClass(descriptor.displayName())});
        }
        // The perfweave column is as wide as its widest entry: "attached <version>" has no fixed length.
        int width = "perfweave".length();
        for (String[] row : rows) {
            width = Math.max(width, row[1].length());
        }
        String format = "%-8s %-" + width + "s %s";
        out.println(String.format(format, "pid", "perfweave", "main class"));
        for (String[] row : rows) {
            out.println(String.format(format, (Object[]) row));
        }
        return 0;
    }

    private static String perfweave(VirtualMachineDescriptor descriptor) {
        try {
            VirtualMachine vm = VirtualMachine.attach(descriptor);
            try {
                String version = vm.getSystemProperties().getProperty(AgentRuntime.VERSION_PROPERTY);
                return version == null ? "-" : "attached " + version;
            } finally {
                vm.detach();
            }
        } catch (Exception e) {
            return "? (cannot attach)";
        }
    }

    /** The display name is the main class or jar followed by the program's arguments. */
    private static String mainClass(String displayName) {
        List<String> words = List.of(displayName.strip().split("\\s+"));
        return words.isEmpty() || words.get(0).isEmpty() ? "(unknown)" : words.get(0);
    }
}
