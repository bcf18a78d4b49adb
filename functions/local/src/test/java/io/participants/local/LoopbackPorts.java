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

    /** A loopback port that is free now and lies below the ephemeral range. */
    static int freeOutsideTheEphemeralRange() {
        int low = ephemeralLow();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(10_000, Math.max(10_001, low));
            try (ServerSocket probe = new ServerSocket(port, 0, InetAddress.getLoopbackAddress())) {
                return probe.getLocalPort();
            } catch (IOException e) {
                // taken; try another
            }
        }
        throw new IllegalStateException("no free loopback port below " + low);
    }

    private static int ephemeralLow() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            // not Linux: IANA's dynamic range starts at 49152
            return 49_152;
        }
    }
}
