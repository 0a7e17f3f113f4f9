package io.perfweave.agent.log;

import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.simple.SimpleLogger;

/**
 * Sets up the agent's own logging before the first logger is created: SLF4J with its simple
 * binding, both relocated inside the agent jar, so the agent never logs through (or disturbs) the
 * application's logging. The binding reads its settings from system properties whose names are
 * relocated along with it, so the application's own SLF4J never sees them.
 */
public final class AgentLogging {

    private AgentLogging() {
    }

    /**
     * @param level one of error, warn, info, debug, trace
     * @param file  where to log; empty for stderr
     */
    /** The system properties {@link #configure} sets; a detaching agent removes them again. */
    private static final String[] KEYS = {SimpleLogger.DEFAULT_LOG_LEVEL_KEY, SimpleLogger.LOG_FILE_KEY,
        SimpleLogger.SHOW_DATE_TIME_KEY, SimpleLogger.DATE_TIME_FORMAT_KEY, SimpleLogger.SHOW_THREAD_NAME_KEY,
        SimpleLogger.SHOW_LOG_NAME_KEY, SimpleLogger.LEVEL_IN_BRACKETS_KEY};

    public static void configure(String level, Optional<Path> file) {
        System.setProperty(SimpleLogger.DEFAULT_LOG_LEVEL_KEY, level);
        System.setProperty(SimpleLogger.LOG_FILE_KEY, file.map(Path::toString).orElse("System.err"));
        System.setProperty(SimpleLogger.SHOW_DATE_TIME_KEY, "true");
        System.setProperty(SimpleLogger.DATE_TIME_FORMAT_KEY, "HH:mm:ss.SSS");
        System.setProperty(SimpleLogger.SHOW_THREAD_NAME_KEY, "false");
        System.setProperty(SimpleLogger.SHOW_LOG_NAME_KEY, "true");
        System.setProperty(SimpleLogger.LEVEL_IN_BRACKETS_KEY, "true");
    }

    /** Removes the settings again, when the agent detaches: the JVM's system properties are as they were. */
    public static void forget() {
        for (String key : KEYS) {
            System.clearProperty(key);
        }
    }
}
