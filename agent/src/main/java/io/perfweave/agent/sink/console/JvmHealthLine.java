package io.perfweave.agent.sink.console;

import io.perfweave.agent.jvm.CollectorActivity;
import io.perfweave.agent.jvm.GcKind;
import io.perfweave.agent.jvm.JvmHealth;
import io.perfweave.agent.jvm.Occupancy;
import io.perfweave.agent.overhead.AgentCost;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The JVM's health and the agent's cost in one line under an interval's table:
 * {@code jvm: heap 41.2MiB used, 64.0MiB committed, 256MiB max; old gen after GC 34.1% (green); GC 3 pauses,
 * 12.0ms, max 8.00ms; alloc 120MiB/s; 23 threads; process CPU 35.0%; agent 0.42% of CPU, 1.20MiB heap}.
 */
final class JvmHealthLine {

    private JvmHealthLine() {
    }

    /** The line, or {@code null} when the snapshot has no JVM figures. */
    static String render(JvmHealth jvm, AgentCost cost) {
        if (!jvm.measured()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        parts.add("heap " + HumanUnits.bytes(jvm.heapUsedBytes()) + " used, " + HumanUnits.bytes(jvm.heapCommittedBytes())
                + " committed" + (jvm.heapMaxBytes() > 0 ? ", " + HumanUnits.bytes(jvm.heapMaxBytes()) + " max" : ""));
        Occupancy old = jvm.oldGenAfterGc();
        parts.add(old == null ? "old gen after GC - (no GC yet)"
                : "old gen after GC " + percent(old.fraction()) + " (" + jvm.pressure().label() + ")");
        parts.add(gc(jvm.collectors()));
        if (jvm.allocationBytesPerSecond() >= 0) {
            parts.add("alloc " + HumanUnits.bytes(jvm.allocationBytesPerSecond()) + "/s");
        }
        parts.add(jvm.liveThreads() + " threads");
        if (jvm.processCpuLoad() >= 0) {
            parts.add("process CPU " + percent(jvm.processCpuLoad()));
        }
        if (cost.measured() && cost.share() >= 0) {
            parts.add(String.format(Locale.ROOT, "agent %.2f%% of CPU%s, %s heap", cost.share() * 100,
                    cost.overBudget() ? " (over budget)" : "", HumanUnits.bytes(cost.retainedBytes())));
        }
        if (jvm.leakHintActive()) {
            parts.add("leak hint: +" + HumanUnits.bytes(jvm.leakHint().growthBytesPerSecond()) + "/s after GC");
        }
        return "jvm: " + String.join("; ", parts);
    }

    private static String gc(List<CollectorActivity> collectors) {
        long pauses = 0;
        long cycles = 0;
        long pauseNanos = 0;
        long maxNanos = 0;
        for (CollectorActivity collector : collectors) {
            if (collector.kind() == GcKind.CYCLE) {
                cycles += collector.intervalCount();
                continue;
            }
            pauses += collector.intervalCount();
            pauseNanos += collector.intervalMillis() * 1_000_000;
            maxNanos = Math.max(maxNanos, collector.intervalMaxMillis() * 1_000_000);
        }
        String text = "GC " + pauses + (pauses == 1 ? " pause" : " pauses");
        if (pauses > 0) {
            text += ", " + HumanUnits.nanos(pauseNanos) + ", max " + HumanUnits.nanos(maxNanos);
        }
        if (cycles > 0) {
            text += ", " + cycles + (cycles == 1 ? " concurrent cycle" : " concurrent cycles");
        }
        return text;
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }
}
