package io.perfweave.agent.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.perfweave.agent.LoggedOutput;
import io.perfweave.agent.boot.AgentBridge;
import io.perfweave.agent.report.BudgetStatus;
import io.perfweave.agent.report.CallStats;
import io.perfweave.agent.report.LatencySummary;
import io.perfweave.agent.report.ProbeSnapshot;
import io.perfweave.agent.report.ReportSnapshot;
import io.perfweave.agent.report.ReporterHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How budget events reach the application's listeners: all of them, in order, at most so many waiting. */
class BudgetListenerSinkTest {

    private static final Instant END = Instant.parse("2026-11-23T10:00:10Z");

    private final List<Consumer<Map<String, Object>>> added = new ArrayList<>();
    private final BudgetListenerSink sink = new BudgetListenerSink(0.1);

    @AfterEach
    void removeListenersAndStop() {
        added.forEach(AgentBridge::removeListener);
        sink.close();
    }

    private void listen(Consumer<Map<String, Object>> listener) {
        added.add(listener);
        AgentBridge.addListener(listener);
    }

    /** A snapshot whose one probe had an anomalous interval with {@code samples} calls. */
    private static ReportSnapshot anomalyWith(long samples) {
        BudgetStatus.Anomaly anomaly = new BudgetStatus.Anomaly("checkout", 48_000_000, 20_300_000, 5_300_000, 5.2, 3,
                samples, 30, END.minusSeconds(1), END);
        BudgetStatus budget = new BudgetStatus(List.of(), List.of(), List.of(), List.of(anomaly), List.of(anomaly));
        CallStats total = new CallStats(samples, 0, 0, LatencySummary.EMPTY, LatencySummary.EMPTY, null, 0, 0);
        ProbeSnapshot probe = new ProbeSnapshot(0, "checkout", "com.acme.Checkout#run", List.of(), 1, total, total,
                new Histogram(2), new Histogram(2), List.of(), budget);
        return new ReportSnapshot(END.minusSeconds(1), END.minusSeconds(1), END, false, List.of(probe), 0, List.of(),
                ReporterHealth.NONE);
    }

    @Test
    void aListenerThatThrowsDoesNotKeepTheEventFromTheOthersAndIsLoggedOnce() {
        List<String> heard = new CopyOnWriteArrayList<>();
        listen(event -> heard.add("first " + event.get("samples")));
        listen(event -> {
            throw new IllegalStateException("listener broke");
        });
        listen(event -> heard.add("third " + event.get("samples")));

        String logged = LoggedOutput.of(() -> {
            sink.onInterval(anomalyWith(101));
            sink.onInterval(anomalyWith(102));
            await().atMost(Duration.ofSeconds(10)).until(() -> heard.size() == 4);
        });

        assertThat(heard).containsExactly("first 101", "third 101", "first 102", "third 102");
        assertThat(logged.lines().filter(line -> line.contains("a budget listener threw")))
                .as(logged).hasSize(1);
        assertThat(logged).contains("java.lang.IllegalStateException: listener broke");
    }

    @Test
    void atMostAThousandEventsWaitForASlowListenerAndTheRestAreDroppedWithOneWarning() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        List<Long> heard = new CopyOnWriteArrayList<>();
        listen(event -> {
            heard.add((Long) event.get("samples"));
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        int intervals = BudgetListenerSink.QUEUED + 500;

        String logged = LoggedOutput.of(() -> {
            for (long samples = 1; samples <= intervals; samples++) {
                sink.onInterval(anomalyWith(samples));
            }
        });
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> heard.size() >= BudgetListenerSink.QUEUED + 1);
        sink.close();

        // The first event is with the listener, the next 1,000 wait; from then on events are dropped.
        assertThat(heard).hasSize(BudgetListenerSink.QUEUED + 1);
        assertThat(heard.get(0)).isEqualTo(1);
        assertThat(heard.get(heard.size() - 1)).isEqualTo(BudgetListenerSink.QUEUED + 1);
        assertThat(logged.lines().filter(line -> line.contains("budget listeners are too slow: 1000 events wait")))
                .as(logged).hasSize(1);
    }

}
