package io.gewebot.host.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Addresses and CIDR ranges of {@code --callback-allow}, IPv4 and IPv6, and who is in them. */
class AddressRangeTest {

    @ParameterizedTest
    @CsvSource({
        "203.0.113.5, 203.0.113.5, true",
        "203.0.113.5, 203.0.113.6, false",
        "10.0.0.0/8, 10.255.1.2, true",
        "10.0.0.0/8, 11.0.0.1, false",
        "10.1.2.3/8, 10.9.9.9, true",
        "192.168.1.128/25, 192.168.1.200, true",
        "192.168.1.128/25, 192.168.1.127, false",
        "0.0.0.0/0, 198.51.100.1, true",
        "0.0.0.0/0, ::1, false",
        "2001:db8::/32, 2001:db8:ffff::1, true",
        "2001:db8::/32, 2001:db9::1, false",
        "::1, ::1, true",
        "::1, 127.0.0.1, false",
        "fd00::/8, fd12:3456::1, true",
        "2001:db8::1/127, 2001:db8::0, true",
        "2001:db8::1/128, 2001:db8::0, false",
        "::ffff:203.0.113.5, 203.0.113.5, true",
        "203.0.113.0/24, ::ffff:203.0.113.77, true",
    })
    void anAddressIsInTheRangeWhenItsLeadingBitsAreTheRangesOwn(String range, String address, boolean in)
            throws Exception {
        assertThat(AddressRange.parse(range).contains(InetAddress.getByName(address))).isEqualTo(in);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "localhost", "example.com", "10.0.0", "10.0.0.256", "010.0.0.1", "1.2.3.4.5",
        "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/", "10.0.0.0/8/8", "10.0.0.0/x", "2001:db8::/129", "2001:db8:::1",
        "fe80::1%eth0", "abc", ":", "1:2:3:4:5:6:7:8:9", "*"})
    void anythingElseIsRefusedWithTheEntryQuoted(String entry) {
        assertThatThrownBy(() -> AddressRange.parse(entry)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + entry.strip() + "'");
    }

    @ParameterizedTest
    @CsvSource({"127.0.0.1, true", "127.8.9.10, true", "::1, true", "::ffff:127.0.0.1, true", "10.0.0.1, false",
        "::2, false"})
    void loopbackIsTheWholeOf127SlashEightAndColonColonOne(String address, boolean loopback) throws Exception {
        assertThat(AddressRange.isLoopback(InetAddress.getByName(address))).isEqualTo(loopback);
    }

    @ParameterizedTest
    @CsvSource({"10.1.2.3/8, 10.0.0.0/8", "203.0.113.5, 203.0.113.5/32", "2001:db8::1/32, 2001:db8:0:0:0:0:0:0/32"})
    void aRangeIsShownByItsFirstAddressAndPrefix(String given, String shown) {
        assertThat(AddressRange.parse(given)).hasToString(shown);
    }
}
