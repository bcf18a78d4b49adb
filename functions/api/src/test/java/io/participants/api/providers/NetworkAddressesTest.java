package io.participants.api.providers;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;

class NetworkAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "127.0.0.1", "127.8.9.10", "0.0.0.0", "10.1.2.3", "172.16.0.1", "172.31.255.254", "192.168.1.1",
            "169.254.169.254", "100.64.0.1", "100.127.255.254", "192.0.0.170", "198.18.0.1", "224.0.0.1",
            "240.0.0.1", "255.255.255.255",
            "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "fec0::1", "ff02::1",
            "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::127.0.0.1", "64:ff9b::a9fe:a9fe", "2002:7f00:1::1"
    })
    void internalAddressesAreInternal(String literal) throws UnknownHostException {
        assertThat(NetworkAddresses.isInternal(InetAddress.getByName(literal))).as(literal).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "1.1.1.1", "8.8.8.8", "34.192.10.20", "100.63.255.255", "100.128.0.1", "172.32.0.1", "192.0.1.1",
            "198.20.0.1", "2606:4700:4700::1111", "2a00:1450:4001:80b::200e", "64:ff9b::808:808",
            "2002:808:808::1"
    })
    void publicAddressesAreNot(String literal) throws UnknownHostException {
        assertThat(NetworkAddresses.isInternal(InetAddress.getByName(literal))).as(literal).isFalse();
    }
}
