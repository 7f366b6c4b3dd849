package io.webfon.rtp.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.ice4j.ice.Agent;
import org.ice4j.ice.IceProcessingState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AgentTaskThreadTest {
    private final AgentTaskThread.Tasks tasks = new AgentTaskThread.Tasks();

    @AfterEach
    void stop() throws InterruptedException {
        tasks.scheduler.shutdownNow();
        assertTrue(tasks.scheduler.awaitTermination(5, TimeUnit.SECONDS));
    }

    @Test
    void ice4jUsesTheReplacementOnceInstalled() throws Exception {
        // IceHarvesters installs it before its first agent; in this JVM it may have done so already.
        assertTrue(AgentTaskThread.install(), "ice4j's Agent fields should be replaceable in this ice4j version");
        Field scheduler = Agent.class.getDeclaredField("agentTasksScheduler");
        scheduler.setAccessible(true);
        assertInstanceOf(AgentTaskThread.Scheduler.class, scheduler.get(null));
        assertTrue(AgentTaskThread.install(), "a second call changes nothing");
    }

    @Test
    void workSubmittedFromOtherThreadsRunsOnTheSchedulerThread() throws Exception {
        AtomicReference<String> ranOn = new AtomicReference<>();
        Future<?> f = tasks.executor.submit(() -> ranOn.set(Thread.currentThread().getName()));
        f.get(5, TimeUnit.SECONDS);
        assertEquals(AgentTaskThread.THREAD_NAME, ranOn.get());
    }

    /**
     * ice4j submits a tick's work while holding its periodic runnable's lock: the work must run after the
     * scheduler's task released it, on the same thread, in submission order.
     */
    @Test
    void workSubmittedByATaskRunsAfterItOutsideItsLock() throws Exception {
        Object periodicRunnableLock = new Object();
        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(2);
        AtomicReference<Boolean> lockHeld = new AtomicReference<>();
        AtomicReference<String> thread = new AtomicReference<>();
        tasks.scheduler.schedule(() -> {
            synchronized (periodicRunnableLock) {
                tasks.executor.submit(() -> {
                    lockHeld.set(Thread.holdsLock(periodicRunnableLock));
                    thread.set(Thread.currentThread().getName());
                    order.add("first");
                    done.countDown();
                });
                tasks.executor.submit(() -> {
                    order.add("second");
                    done.countDown();
                });
                order.add("tick");
            }
        }, 1, TimeUnit.MILLISECONDS);
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertEquals(List.of("tick", "first", "second"), order);
        assertFalse(lockHeld.get());
        assertEquals(AgentTaskThread.THREAD_NAME, thread.get());
    }

    /** A periodic runnable schedules its next tick from its work: the chain keeps going on the one thread. */
    @Test
    void workCanScheduleTheNextTick() throws Exception {
        CountDownLatch ticks = new CountDownLatch(5);
        Runnable[] work = new Runnable[1];
        work[0] = () -> {
            ticks.countDown();
            if (ticks.getCount() > 0) {
                tasks.scheduler.schedule(() -> tasks.executor.submit(work[0]), 1, TimeUnit.MILLISECONDS);
            }
        };
        tasks.executor.submit(work[0]);
        assertTrue(ticks.await(5, TimeUnit.SECONDS));
    }

    @Test
    void failingWorkDoesNotStopTheQueueOrTheThread() throws Exception {
        CountDownLatch after = new CountDownLatch(1);
        tasks.scheduler.schedule(() -> {
            tasks.executor.execute(() -> {
                throw new IllegalStateException("expected by the test");
            });
            tasks.executor.execute(after::countDown);
        }, 1, TimeUnit.MILLISECONDS);
        assertTrue(after.await(5, TimeUnit.SECONDS));
        CountDownLatch later = new CountDownLatch(1);
        tasks.executor.execute(later::countDown);
        assertTrue(later.await(5, TimeUnit.SECONDS));
    }

    @Test
    void cancelledWorkDoesNotRun() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Boolean> ran = new AtomicReference<>(false);
        tasks.scheduler.schedule(() -> {
            Future<?> f = tasks.executor.submit(() -> ran.set(true));
            assertTrue(f.cancel(true));
            tasks.executor.execute(done::countDown);
        }, 1, TimeUnit.MILLISECONDS);
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertFalse(ran.get());
    }

    /**
     * Agents are freed on the thread where their pacers beat (ice4j's PeriodicRunnable can otherwise reschedule a
     * pacer whose cancel() lands between its beat and its lock), and a caller that asks to wait (an ICE restart)
     * returns once the agent is freed.
     */
    @Test
    void anAgentIsFreedOnTheAgentTaskThreadAndTheCallerWaitsForIt() throws Exception {
        assertTrue(AgentTaskThread.install());
        Agent agent = new Agent();
        AtomicReference<String> terminatedOn = new AtomicReference<>();
        agent.addStateChangeListener(e -> {
            if (Agent.PROPERTY_ICE_PROCESSING_STATE.equals(e.getPropertyName())
                    && e.getNewValue() == IceProcessingState.TERMINATED) {
                terminatedOn.set(Thread.currentThread().getName());
            }
        });

        AgentTaskThread.free(agent, true);

        assertEquals(IceProcessingState.TERMINATED, agent.getState());
        assertEquals(AgentTaskThread.THREAD_NAME, terminatedOn.get());
    }

    /**
     * A hangup does not wait: the free is queued behind the agent task thread's other work, not run in place on the
     * caller's thread (the API's event loop), and runs there once that work is done.
     */
    @Test
    void aFreeWithoutWaitingIsQueuedBehindTheThreadsOtherWork() throws Exception {
        AgentTaskThread.Scheduler installed = installedScheduler();
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        installed.execute(() -> {
            busy.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(busy.await(5, TimeUnit.SECONDS));
        Agent agent = new Agent();
        CountDownLatch terminated = new CountDownLatch(1);
        AtomicReference<String> terminatedOn = new AtomicReference<>();
        agent.addStateChangeListener(e -> {
            if (Agent.PROPERTY_ICE_PROCESSING_STATE.equals(e.getPropertyName())
                    && e.getNewValue() == IceProcessingState.TERMINATED) {
                terminatedOn.set(Thread.currentThread().getName());
                terminated.countDown();
            }
        });

        try {
            AgentTaskThread.free(agent, false);

            assertNotEquals(IceProcessingState.TERMINATED, agent.getState());
        } finally {
            release.countDown(); // the thread is the JVM's, shared with every other test
        }
        assertTrue(terminated.await(5, TimeUnit.SECONDS));
        assertEquals(AgentTaskThread.THREAD_NAME, terminatedOn.get());
    }

    /** On the agent task thread itself (an ICE failure closing its session) the agent is freed at once. */
    @Test
    void anAgentFreedFromTheAgentTaskThreadIsFreedInPlace() throws Exception {
        AgentTaskThread.Scheduler installed = installedScheduler();
        Agent agent = new Agent();
        AtomicReference<IceProcessingState> stateRightAfter = new AtomicReference<>();
        installed.schedule(() -> {
            AgentTaskThread.free(agent, false);
            stateRightAfter.set(agent.getState());
        }, 1, TimeUnit.MILLISECONDS).get(5, TimeUnit.SECONDS);
        assertEquals(IceProcessingState.TERMINATED, stateRightAfter.get());
    }

    @Test
    void shuttingTheExecutorDownStopsTheScheduler() throws Exception {
        tasks.executor.shutdown();
        assertTrue(tasks.executor.awaitTermination(5, TimeUnit.SECONDS));
        assertTrue(tasks.scheduler.isTerminated());
        assertTrue(tasks.executor.isShutdown());
    }

    /** The scheduler installed in ice4j's field (installing it if this JVM has not yet). */
    private static AgentTaskThread.Scheduler installedScheduler() throws Exception {
        assertTrue(AgentTaskThread.install());
        Field field = Agent.class.getDeclaredField("agentTasksScheduler");
        field.setAccessible(true);
        return (AgentTaskThread.Scheduler) field.get(null);
    }
}
