package io.perfweave.agent.overhead;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfweave.agent.probe.DrainedRecord;
import io.perfweave.agent.probe.ProbeRing;
import io.perfweave.agent.probe.ProbeRings;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProbeCostCalibrationTest {

    @Test
    void timesRealProbeCallsUnderTheAgentsOwnIdWithoutGrowingOrDropping() throws Exception {
        ProbeRings.resetDropped(ProbeRings.CALIBRATION_PROBE_ID); // drop counters are the JVM's, shared with other tests
        long[] calibrationRecords = new long[1];
        List<ProbeRing> rings = new ArrayList<>();
        Set<ProbeRing> calibrationRings = new HashSet<>();
        long[] perCall = new long[1];
        Thread calibrating = new Thread(() -> perCall[0] = ProbeCostCalibration.nanosPerCall(() -> {
            for (ProbeRing ring = ProbeRings.takeNewRings(); ring != null; ring = ProbeRings.nextOf(ring)) {
                rings.add(ring);
            }
            for (ProbeRing ring : rings) {
                ring.drain((DrainedRecord record) -> {
                    if (record.probeId() == ProbeRings.CALIBRATION_PROBE_ID) {
                        calibrationRecords[0]++;
                        calibrationRings.add(ring);
                    }
                });
            }
        }));
        calibrating.start();
        calibrating.join();

        int calls = (ProbeCostCalibration.WARM_UP_BATCHES + ProbeCostCalibration.MEASURED_BATCHES)
                * ProbeCostCalibration.BATCH;
        assertThat(perCall[0]).isPositive();
        assertThat(calibrationRecords[0]).as("every call recorded under the agent's own id").isEqualTo(calls);
        assertThat(calibrationRings).hasSize(1);
        assertThat(calibrationRings.iterator().next().capacity()).as("the thread's first ring, never grown").isEqualTo(64);
        assertThat(ProbeRings.dropped(ProbeRings.CALIBRATION_PROBE_ID, ProbeRing.OUTCOME_RETURNED)).isZero();
    }
}
