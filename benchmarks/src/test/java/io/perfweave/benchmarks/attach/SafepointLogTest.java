package io.perfweave.benchmarks.attach;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafepointLogTest {

    // Lines as -Xlog:safepoint=info:file=<path>:uptimenanos writes them, JDK 17 then JDK 25.
    private static final String JDK17_CLEANUP = "[798515997ns] Safepoint \"ICBufferFull\", Time since last: 711009703 ns,"
            + " Reaching safepoint: 5428 ns, Cleanup: 161909 ns, At safepoint: 2504 ns, Total: 169841 ns\n";
    private static final String JDK17_REDEFINE = "[939817040ns] Safepoint \"RedefineClasses\", Time since last: 122396063 ns,"
            + " Reaching safepoint: 4136 ns, Cleanup: 45147 ns, At safepoint: 18855858 ns, Total: 18905141 ns\n";
    private static final String JDK25_REDEFINE = "[965794228ns] Safepoint \"RedefineClasses\", Time since last: 870860280 ns,"
            + " Reaching safepoint: 4357 ns, At safepoint: 44668911 ns, Leaving safepoint: 2033 ns, Total: 44675301 ns,"
            + " Threads: 0 runnable, 10 total\n";
    private static final String JDK25_GC = "[1645079101ns] Safepoint \"G1CollectFull\", Time since last: 629376246 ns,"
            + " Reaching safepoint: 501572 ns, At safepoint: 49397551 ns, Leaving safepoint: 8823 ns, Total: 49907946 ns,"
            + " Threads: 1 runnable, 10 total\n";

    @Test
    void countsRedefinitionsApartFromTheOtherSafepointsInTheFormatsOfJdk17And25() {
        SafepointLog.Since parsed = SafepointLog.parse(JDK17_CLEANUP + JDK17_REDEFINE + JDK25_REDEFINE + JDK25_GC);

        assertThat(parsed.redefinitions().count()).isEqualTo(2);
        assertThat(parsed.redefinitions().longestMs()).isEqualTo(44.675301);
        assertThat(parsed.redefinitions().totalMs()).isCloseTo(18.905141 + 44.675301, Offset.offset(1e-9));
        assertThat(parsed.all().count()).isEqualTo(4);
        assertThat(parsed.all().longestMs()).isEqualTo(49.907946);
    }

    @Test
    void readsOnlyTheSafepointsLoggedSinceTheRememberedLength(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("safepoints.log");
        Files.writeString(file, JDK17_CLEANUP + JDK17_REDEFINE);
        SafepointLog log = new SafepointLog(file);
        long before = log.length();
        Files.writeString(file, JDK25_REDEFINE, StandardOpenOption.APPEND);

        SafepointLog.Since since = log.since(before);

        assertThat(since.all().count()).isEqualTo(1);
        assertThat(since.redefinitions().count()).isEqualTo(1);
        assertThat(since.redefinitions().longestMs()).isEqualTo(44.675301);
    }
}
