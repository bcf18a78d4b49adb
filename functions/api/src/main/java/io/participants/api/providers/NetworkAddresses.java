package io.participants.api.providers;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Tells public addresses from internal ones (loopback, link-local, private, shared, reserved) an image must not come from. */
public final class NetworkAddresses {

    private NetworkAddresses() {
    }

    /** True when {@code address} is not a routable public address. */
    public static boolean isInternal(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return isInternalIpv4(b);
        }
        if (address instanceof Inet6Address) {
            return isInternalIpv6(b);
        }
        return true;
    }

    private static boolean isInternalIpv4(byte[] b) {
        int first = b[0] & 0xFF;
        int second = b[1] & 0xFF;
        int third = b[2] & 0xFF;
        return first == 0                                        // "this network"
                || (first == 100 && (second & 0xC0) == 64)       // 100.64.0.0/10 carrier-grade NAT
                || (first == 192 && second == 0 && third == 0)   // 192.0.0.0/24 protocol assignments
                || (first == 198 && (second & 0xFE) == 18)       // 198.18.0.0/15 benchmarking
                || first >= 240;                                 // reserved and broadcast
    }

    private static boolean isInternalIpv6(byte[] b) {
        if ((b[0] & 0xFE) == 0xFC) {
            return true; // fc00::/7 unique local
        }
        if ((b[0] & 0xFF) == 0xFE && (b[1] & 0xC0) == 0xC0) {
            return true; // fec0::/10 deprecated site-local
        }
        // Forms that embed an IPv4 address are judged by that address, so ::127.0.0.1 is not a way round the rule.
        if (allZero(b, 0, 12)) {
            return isInternal(ipv4(b, 12)); // IPv4-compatible ::a.b.c.d
        }
        if (allZero(b, 0, 10) && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) {
            return isInternal(ipv4(b, 12)); // IPv4-mapped ::ffff:a.b.c.d
        }
        if ((b[0] & 0xFF) == 0x00 && (b[1] & 0xFF) == 0x64 && (b[2] & 0xFF) == 0xFF && (b[3] & 0xFF) == 0x9B
                && allZero(b, 4, 12)) {
            return isInternal(ipv4(b, 12)); // 64:ff9b::/96 NAT64
        }
        if ((b[0] & 0xFF) == 0x20 && (b[1] & 0xFF) == 0x02) {
            return isInternal(ipv4(b, 2)); // 2002::/16 6to4
        }
        return false;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress ipv4(byte[] b, int offset) {
        try {
            return InetAddress.getByAddress(new byte[]{b[offset], b[offset + 1], b[offset + 2], b[offset + 3]});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }
}
