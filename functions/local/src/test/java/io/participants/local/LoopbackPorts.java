package io.participants.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback ports for a test that binds a port, releases it and binds it again. A port the kernel picks
 * ({@code new ServerSocket(0)}) lies in the ephemeral range that every outgoing connection and every {@code bind(0)}
 * on the machine draws from, so once released it can be taken by any of them before the test binds it again; a port
 * below that range is taken only by whoever names it.
 */
final class LoopbackPorts {

    private LoopbackPorts() {
    }

    /** The lowest port a free one is taken from: below it lie the well-known and registered ports of services. */
    static final int LOWEST = 10_000;

    /** A loopback port that is free now and lies below the ephemeral range. */
    static int freeOutsideTheEphemeralRange() {
        int low = ephemeralLow();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, low);
            try (ServerSocket probe = new ServerSocket(port, 0, InetAddress.getLoopbackAddress())) {
                return probe.getLocalPort();
            } catch (IOException e) {
                // taken; try another
            }
        }
        throw new IllegalStateException("no free loopback port below " + low);
    }

    /**
     * The first port of the ephemeral range. The sysctl file is read with one large read: Linux answers a read at an
     * offset past 0 of such a file with end-of-file, and {@code Files.readString} reads a file that reports size 0 one
     * byte first, so it saw "3" of "32768" and every port it gave was the same one.
     */
    static int ephemeralLow() {
        try (var lines = Files.newBufferedReader(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
            int low = Integer.parseInt(lines.readLine().trim().split("\\s+")[0]);
            if (low <= LOWEST + 1_000) {
                throw new IllegalStateException("ephemeral ports start at " + low + ", leaving no room below them");
            }
            return low;
        } catch (IOException | NumberFormatException | NullPointerException e) {
            // not Linux: IANA's dynamic range starts at 49152
            return 49_152;
        }
    }
}
