package io.perfweave.agent.jvm;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Listens to the JVM's garbage collection notifications and queues each collection as a
 * {@link GcEvent} for the reporter thread, which takes them with {@link #poll()}.
 *
 * <p>The JVM delivers the notifications on a thread of its own (the service or notification thread),
 * one at a time; the queue is the only thing that thread and the reporter share. It is bounded: if the
 * reporter stops taking events, further ones are counted in {@link #lost()} instead of piling up.
 */
public final class GcNotifications implements AutoCloseable {

    /** Far more than the collections of one reporting interval, even a pathological one. */
    static final int MAX_PENDING = 10_000;

    private final ConcurrentLinkedQueue<GcEvent> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pendingCount = new AtomicInteger();
    private final AtomicLong lost = new AtomicLong();
    private final long jvmStartEpochMillis;
    private final String oldGenPool;
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::handle;

    private GcNotifications(long jvmStartEpochMillis, String oldGenPool) {
        this.jvmStartEpochMillis = jvmStartEpochMillis;
        this.oldGenPool = oldGenPool;
    }

    /** Starts listening to every collector of this JVM that sends notifications. */
    public static GcNotifications listen() {
        GcNotifications notifications = new GcNotifications(ManagementFactory.getRuntimeMXBean().getStartTime(),
                oldGenPool(heapPoolNames()).orElse(null));
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(notifications.listener, null, null);
                notifications.emitters.add(emitter);
            }
        }
        return notifications;
    }

    /** The pool taken as the old generation, if this JVM has one; see {@link #oldGenPool(List)}. */
    public Optional<String> oldGenPool() {
        return Optional.ofNullable(oldGenPool);
    }

    private static List<String> heapPoolNames() {
        List<String> names = new ArrayList<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                names.add(pool.getName());
            }
        }
        return names;
    }

    /**
     * The heap pool that holds long-lived objects: the one named old or tenured ({@code G1 Old Gen},
     * {@code PS Old Gen}, {@code Tenured Gen}, {@code ZGC Old Generation}), or the only heap pool of a
     * collector without generations ({@code ZHeap}, {@code Shenandoah}).
     */
    static Optional<String> oldGenPool(List<String> heapPools) {
        for (String name : heapPools) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.contains("old") || lower.contains("tenured")) {
                return Optional.of(name);
            }
        }
        return heapPools.size() == 1 ? Optional.of(heapPools.get(0)) : Optional.empty();
    }

    /** Takes the oldest collection not taken yet, or {@code null}. Reporter thread only. */
    public GcEvent poll() {
        GcEvent event = pending.poll();
        if (event != null) {
            pendingCount.decrementAndGet();
        }
        return event;
    }

    /** Collections dropped because the queue was full. */
    public long lost() {
        return lost.get();
    }

    private void handle(Notification notification, Object handback) {
        try {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                return;
            }
            GarbageCollectionNotificationInfo info =
                    GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            GcInfo gc = info.getGcInfo();
            GcEvent event = event(info.getGcName(), info.getGcAction(), info.getGcCause(), jvmStartEpochMillis,
                    gc.getStartTime(), gc.getDuration(), gc.getMemoryUsageAfterGc(), oldGenPool);
            if (pendingCount.incrementAndGet() > MAX_PENDING) {
                pendingCount.decrementAndGet();
                lost.incrementAndGet();
                return;
            }
            pending.add(event);
        } catch (RuntimeException e) {
            // A notification we cannot read is one collection less in the figures; the JVM's thread must not see it.
            lost.incrementAndGet();
        }
    }

    /**
     * Turns the parts of a notification into an event.
     *
     * @param startUptimeMillis when the collection started, in milliseconds since the JVM started
     * @param after             usage of every memory pool after the collection, by pool name
     * @param oldGenPool        the pool taken as the old generation, or {@code null}
     */
    static GcEvent event(String collector, String action, String cause, long jvmStartEpochMillis,
                         long startUptimeMillis, long durationMillis, Map<String, MemoryUsage> after, String oldGenPool) {
        long start = jvmStartEpochMillis + startUptimeMillis;
        Occupancy occupancy = null;
        MemoryUsage old = oldGenPool == null ? null : after.get(oldGenPool);
        if (old != null && GcKind.measuresSurvivors(action)) {
            long max = old.getMax() > 0 ? old.getMax() : old.getCommitted();
            occupancy = new Occupancy(oldGenPool, old.getUsed(), max, start + durationMillis);
        }
        return new GcEvent(collector, action, cause, GcKind.ofAction(action), start, durationMillis, occupancy);
    }

    @Override
    public void close() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException e) {
                // already gone: nothing to undo
            }
        }
        emitters.clear();
    }
}
