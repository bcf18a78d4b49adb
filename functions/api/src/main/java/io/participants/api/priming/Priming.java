package io.participants.api.priming;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * Whether SnapStart priming is running in this process. While it runs, the function's HTTP clients (the AWS SDK's, see
 * {@link CannedSdkHttpClient}, and the providers', see {@link CannedHttpClient}) answer every call in-process with a
 * canned response instead of sending it, and caches keep nothing (see {@code SecretCache}): priming runs the success
 * paths without sending or storing anything. Outside priming each of those checks is one volatile read.
 */
public final class Priming {

    /** A public address (TEST-NET-2) that canned name resolution gives every host: no lookup leaves the process. */
    private static final byte[] PUBLIC_ADDRESS = {(byte) 198, 51, 100, 7};

    /**
     * How long one priming run may take: well inside the 130 s that Lambda gives a SnapStart function's
     * initialization, hooks included (a run over it would fail the version's publication, not only its priming).
     */
    static final Duration BUDGET = Duration.ofSeconds(60);

    private static volatile boolean active;
    private static volatile long deadlineNanos;

    private Priming() {
    }

    /** Whether calls are answered by the canned layer now; false on every real request. */
    public static boolean active() {
        return active;
    }

    static void start() {
        deadlineNanos = System.nanoTime() + BUDGET.toNanos();
        active = true;
    }

    /**
     * Milliseconds left of priming's {@link #BUDGET} (0 once spent, or outside priming): the time a priming request's
     * Lambda context says it has, and what the AWS clients' timeouts give way to while priming runs.
     */
    public static long remainingMillis() {
        return active ? Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000) : 0;
    }

    static void stop() {
        active = false;
    }

    /**
     * The addresses of {@code host}: while priming, a public address without any lookup (so an image host's checks
     * run and no DNS query is sent); otherwise the JDK's own resolution.
     */
    public static InetAddress[] resolve(String host) throws UnknownHostException {
        if (active) {
            return new InetAddress[] {InetAddress.getByAddress(host, PUBLIC_ADDRESS.clone())};
        }
        return InetAddress.getAllByName(host);
    }
}
