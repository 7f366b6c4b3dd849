package io.webfon.rtp.ice;

import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.ice4j.ice.Agent;

/**
 * One thread for the periodic work of every ice4j agent, instead of ice4j's timer thread handing each tick to a
 * second thread.
 *
 * <p>ice4j 3.2 runs the pacing of each agent's connectivity checks (every Ta, 20 ms, for as long as the agent
 * checks), its keep-alives and its consent checks through two JVM-wide executors held in private static final
 * fields of {@link Agent}: a single-thread scheduler that, at each tick, submits the work to a cached thread pool
 * through a {@code SynchronousQueue}, whose thread then schedules the next tick back on the scheduler. Every tick
 * so wakes two threads. In a CPU profile of 250 calls being set up (docs/performance.md) those two threads took 30%
 * of the node's CPU, most of it the wake-ups and context switches themselves. ice4j takes no executor from its
 * user, so {@link #install()} replaces both fields, once per JVM and before the first agent exists, with one
 * scheduler thread that runs the work itself.
 *
 * <p>The work is not run inside the scheduler's task that released it: ice4j submits it while holding its
 * periodic runnable's lock, and running an agent's check under that lock would add a lock order ice4j does not
 * have (a thread stopping the agent takes that lock too). The scheduler's task only queues it; the scheduler
 * thread runs the queue after the task returned ({@code afterExecute}), with no lock held, as ice4j's pool thread
 * would have. Work submitted from any other thread is scheduled to run at once on the same thread.
 *
 * <p>The cost: one agent's slow work delays the others' ticks, as ice4j's own scheduler already did for what it runs
 * itself (the agents' termination). The work is a STUN request sent on a UDP socket, or a state update.
 */
final class AgentTaskThread {
    private static final Logger LOG = LogManager.getLogger(AgentTaskThread.class);
    static final String THREAD_NAME = "ice-agent-tasks";
    /** How long a caller of {@link #free} waits for the free on the thread; past it the free still runs there. */
    private static final long FREE_WAIT_MILLIS = 500;
    /** The scheduler installed in ice4j's fields, or null while none is (not yet, or ice4j's were kept). */
    private static volatile Scheduler installed;

    private AgentTaskThread() {
    }

    /**
     * Frees an agent on this thread; with {@code wait}, returns once it is done (or after {@link #FREE_WAIT_MILLIS}).
     *
     * <p>Why on this thread: ice4j 3.2's {@code PeriodicRunnable} (the pacing of an agent's checks, its keep-alives)
     * reads its {@code running} flag after each beat outside its lock, then takes the lock to schedule the next
     * beat, and takes a {@code cancel()} that landed in between for a first run: the beat is scheduled again.
     * {@code free()} has by then dropped the pacer from its list, so nothing cancels it any more; it beats every Ta
     * for the life of the JVM and holds its agent (one in about 150 warm-up calls whose checks found no candidate
     * pair to pace; see docs/performance.md). The beats run on this thread, so a {@code free()} run here comes
     * either before a beat, which then sees {@code running} false, or after it, when the next beat is scheduled and
     * {@code cancel()} cancels it. Called on this thread (an ICE failure closing its session), it frees at once.
     *
     * <p>Why not always wait: a hangup comes on the API's event loop, which serves every other client meanwhile, and
     * this thread may be busy with other agents' beats. The caller's own state is closed already; only an ICE
     * restart needs the old agent gone (its sockets on the shared port) before it goes on.
     */
    static void free(Agent agent, boolean wait) {
        Scheduler scheduler = installed;
        if (scheduler == null || Thread.currentThread() == scheduler.thread) {
            agent.free();
            return;
        }
        FutureTask<Void> task = new FutureTask<>(() -> freeLogged(agent), null);
        try {
            scheduler.execute(task);
        } catch (RejectedExecutionException e) {
            agent.free(); // the JVM is stopping and the thread with it
            return;
        }
        if (!wait) {
            return;
        }
        try {
            task.get(FREE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.warn("ice4j agent could not be freed: {}", e.getCause().toString());
        } catch (TimeoutException e) {
            // The thread is busy (hundreds of agents ticking, or a tick waiting for its caller): the free stays
            // queued there and runs in its turn; the caller's own state is already closed.
            LOG.debug("ice4j agent free still queued after {} ms", FREE_WAIT_MILLIS);
        }
    }

    /** A free nobody waits for still says when it fails, and does not take the thread down with it. */
    private static void freeLogged(Agent agent) {
        try {
            agent.free();
        } catch (RuntimeException e) {
            LOG.warn("ice4j agent could not be freed: {}", e.toString());
        }
    }

    /** Whether the replacement is in place (once per JVM; false if ice4j's fields were not as expected). */
    static boolean install() {
        return Holder.INSTALLED;
    }

    private static final class Holder {
        static final boolean INSTALLED = replace();
    }

    private static boolean replace() {
        try {
            Field schedulerField = Agent.class.getDeclaredField("agentTasksScheduler");
            Field executorField = Agent.class.getDeclaredField("agentTasksExecutor");
            // Reading a static field through reflection runs Agent's static initializer, which makes the executors.
            schedulerField.setAccessible(true);
            executorField.setAccessible(true);
            Object oldScheduler = schedulerField.get(null);
            Object oldExecutor = executorField.get(null);
            // Only while ice4j's own executors have never run anything: then no agent has used them, and no code
            // that reads the fields has been compiled with the old values folded in.
            if (!(oldScheduler instanceof ThreadPoolExecutor s) || s.getPoolSize() > 0 || s.getTaskCount() > 0
                    || !(oldExecutor instanceof ThreadPoolExecutor e) || e.getPoolSize() > 0
                    || e.getTaskCount() > 0) {
                LOG.info("ice4j's agent executors kept (in use already, or not as expected): {}, {}", oldScheduler,
                        oldExecutor);
                return false;
            }
            Tasks tasks = new Tasks();
            // Reflection cannot write a static final field; Unsafe can (JDK 17).
            sun.misc.Unsafe unsafe = unsafe();
            unsafe.putObjectVolatile(unsafe.staticFieldBase(schedulerField), unsafe.staticFieldOffset(schedulerField),
                    tasks.scheduler);
            unsafe.putObjectVolatile(unsafe.staticFieldBase(executorField), unsafe.staticFieldOffset(executorField),
                    tasks.executor);
            s.shutdown();
            e.shutdown();
            installed = tasks.scheduler;
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.info("ice4j's agent executors kept ({}): each agent tick wakes two threads", e.toString());
            return false;
        }
    }

    private static sun.misc.Unsafe unsafe() throws ReflectiveOperationException {
        Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
        f.setAccessible(true);
        return (sun.misc.Unsafe) f.get(null);
    }

    /** The scheduler and the executor that runs on its thread. Package-private for tests. */
    static final class Tasks {
        final Scheduler scheduler = new Scheduler();
        final ExecutorService executor = new OnSchedulerThread(scheduler);
    }

    /** ice4j's scheduler, whose thread also runs what was submitted to the executor, after each of its tasks. */
    static final class Scheduler extends ScheduledThreadPoolExecutor {
        /** Submitted on the scheduler's own thread; read and written by that thread only. */
        private final ArrayDeque<Runnable> queued = new ArrayDeque<>();
        private volatile Thread thread;

        Scheduler() {
            super(1, r -> {
                Thread t = new Thread(r, THREAD_NAME);
                t.setDaemon(true);
                return t;
            });
            setRemoveOnCancelPolicy(true);
            setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        }

        @Override
        protected void beforeExecute(Thread t, Runnable r) {
            thread = t;
        }

        @Override
        protected void afterExecute(Runnable r, Throwable t) {
            Runnable next;
            while ((next = queued.poll()) != null) {
                try {
                    next.run();
                } catch (RuntimeException | Error e) {
                    // ice4j's periodic work catches its own exceptions; anything else is logged and the queue goes on.
                    LOG.warn("ice4j agent task failed: {}", e.toString(), e);
                }
            }
        }

        /** On the scheduler's thread: after the running task. Elsewhere: as a task of its own, at once. */
        void runSoon(Runnable r) {
            if (Thread.currentThread() == thread) {
                queued.add(r);
            } else {
                execute(r);
            }
        }
    }

    /** What ice4j submits its work to: the scheduler's thread. */
    private static final class OnSchedulerThread extends AbstractExecutorService {
        private final Scheduler scheduler;

        OnSchedulerThread(Scheduler scheduler) {
            this.scheduler = scheduler;
        }

        @Override
        public void execute(Runnable command) {
            scheduler.runSoon(command);
        }

        @Override
        public void shutdown() {
            scheduler.shutdown();
        }

        @Override
        public List<Runnable> shutdownNow() {
            return scheduler.shutdownNow();
        }

        @Override
        public boolean isShutdown() {
            return scheduler.isShutdown();
        }

        @Override
        public boolean isTerminated() {
            return scheduler.isTerminated();
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
            return scheduler.awaitTermination(timeout, unit);
        }
    }
}
