package io.perfweave.agent.report;

/**
 * Facts about the run that do not change while it lasts, for the report header.
 *
 * @param configSource where the configuration came from
 */
public record RunInfo(String agentVersion, String jvmName, String jvmVendor, String jvmVersion, long pid,
                      String configSource) {

    public static RunInfo ofCurrentJvm(String agentVersion, String configSource) {
        return new RunInfo(agentVersion,
                System.getProperty("java.vm.name", "unknown"),
                System.getProperty("java.vm.vendor", "unknown"),
                Runtime.version().toString(),
                ProcessHandle.current().pid(),
                configSource);
    }
}
