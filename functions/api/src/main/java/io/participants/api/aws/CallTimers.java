package io.participants.api.aws;

import io.participants.api.priming.Priming;

import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The timers of every AWS client's attempt and call timeouts ({@link ClientBudgets}), one daemon thread shared by all
 * clients. On a request they fire as configured. While SnapStart priming runs, the calls are answered in memory (see
 * {@link io.participants.api.priming.CannedSdkHttpClient}): there is no network to wait for, only the JVM loading and
 * compiling what a first call needs, which on a busy host can take longer than an attempt's 2 s. A timer set then
 * fires at the end of priming's own budget instead ({@link Priming#remainingMillis()}), so a slow first call still
 * completes its success path in the snapshot, and priming as a whole stays bounded.
 */
final class CallTimers extends ScheduledThreadPoolExecutor {

    static final CallTimers SHARED = new CallTimers();

    private CallTimers() {
        super(1, daemonThreads());
        setRemoveOnCancelPolicy(true);
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "aws-call-timers-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** {@code delay}, or while priming runs, what is left of priming's budget if that is longer. */
    static long delayMillis(long delay, TimeUnit unit) {
        long millis = unit.toMillis(delay);
        return Priming.active() ? Math.max(millis, Priming.remainingMillis()) : millis;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return super.schedule(command, delayMillis(delay, unit), TimeUnit.MILLISECONDS);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return super.schedule(callable, delayMillis(delay, unit), TimeUnit.MILLISECONDS);
    }

    @Override
    public void shutdown() {
        // shared by every client for the life of the process: a client's close() must not stop the others' timers
    }

    @Override
    public java.util.List<Runnable> shutdownNow() {
        return java.util.List.of();
    }
}
