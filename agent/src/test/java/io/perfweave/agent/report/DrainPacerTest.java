package io.perfweave.agent.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DrainPacerTest {

    private static final long FAR = TimeUnit.SECONDS.toNanos(1);

    @Test
    void theFullerTheFullestRingTheShorterThePause() {
        assertThat(DrainPacer.pauseNanos(0.0, FAR)).isEqualTo(DrainPacer.IDLE_PAUSE_NANOS);
        assertThat(DrainPacer.pauseNanos(0.1, FAR)).isEqualTo(DrainPacer.IDLE_PAUSE_NANOS);
        assertThat(DrainPacer.pauseNanos(0.125, FAR)).isEqualTo(DrainPacer.WARM_PAUSE_NANOS);
        assertThat(DrainPacer.pauseNanos(0.4, FAR)).isEqualTo(DrainPacer.WARM_PAUSE_NANOS);
        assertThat(DrainPacer.pauseNanos(0.5, FAR)).isEqualTo(DrainPacer.BUSY_PAUSE_NANOS);
        assertThat(DrainPacer.pauseNanos(1.0, FAR)).isEqualTo(DrainPacer.BUSY_PAUSE_NANOS);
        assertThat(DrainPacer.BUSY_PAUSE_NANOS).isLessThan(DrainPacer.WARM_PAUSE_NANOS);
        assertThat(DrainPacer.WARM_PAUSE_NANOS).isLessThan(DrainPacer.IDLE_PAUSE_NANOS);
    }

    @Test
    void neverPausesPastTheNextReport() {
        assertThat(DrainPacer.pauseNanos(0.0, 3_000)).isEqualTo(3_000);
        assertThat(DrainPacer.pauseNanos(1.0, 3_000)).isEqualTo(3_000);
        assertThat(DrainPacer.pauseNanos(0.0, 0)).isZero();
    }

    @Test
    void aReportThatIsOverdueMeansNoPause() {
        assertThat(DrainPacer.pauseNanos(0.0, -5_000_000)).isZero();
    }
}
