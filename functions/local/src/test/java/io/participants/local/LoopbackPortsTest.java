package io.participants.local;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class LoopbackPortsTest {

    private static final Path RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    @Test
    void theEphemeralRangeIsReadWhole() throws IOException {
        assumeTrue(Files.isReadable(RANGE), "not Linux");
        // what `cat` prints, e.g. "32768	60999"
        String whole = new String(Files.newInputStream(RANGE).readAllBytes()).trim();

        assertThat(LoopbackPorts.ephemeralLow()).isEqualTo(Integer.parseInt(whole.split("\\s+")[0]));
    }

    @Test
    void portsAreSpreadBelowTheEphemeralRange() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            int port = LoopbackPorts.freeOutsideTheEphemeralRange();
            assertThat(port).isBetween(LoopbackPorts.LOWEST, LoopbackPorts.ephemeralLow() - 1);
            ports.add(port);
        }
        // one port every time would make every test that binds again share it, with whatever else holds it
        assertThat(ports).hasSizeGreaterThan(10);
    }
}
