package io.gewebot.host.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IP address or a CIDR range of them, IPv4 or IPv6: {@code 203.0.113.5}, {@code 10.0.0.0/8},
 * {@code 2001:db8::/32}. An IPv4 address written as IPv6 ({@code ::ffff:203.0.113.5}) is the IPv4
 * address, as the JDK reads it.
 *
 * @param network the range's first address (the given one with the bits past the prefix cleared)
 * @param prefixLength how many leading bits an address must share with it: 32 or 128 for one address
 */
public record AddressRange(InetAddress network, int prefixLength) {

    /** Four decimal numbers of 0 to 255 without leading zeros: the only IPv4 form taken. */
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}"
            + "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    /**
     * Hexadecimal groups and colons (an IPv4 tail allowed), starting with a digit or a colon: the JDK
     * parses such a text as an IPv6 literal or refuses it, and never looks it up as a name.
     */
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*");

    /**
     * Checks the parts.
     *
     * @throws IllegalArgumentException when the prefix does not fit the address
     */
    public AddressRange {
        Objects.requireNonNull(network, "network");
        if (prefixLength < 0 || prefixLength > bits(network)) {
            throw new IllegalArgumentException("the prefix must be 0 to " + bits(network));
        }
    }

    /**
     * Reads an address or a range.
     *
     * @param text {@code <address>} or {@code <address>/<prefix length>}
     * @return the range
     * @throws IllegalArgumentException when it is neither, with a reason that quotes it
     */
    public static AddressRange parse(String text) {
        String entry = text.strip();
        int slash = entry.indexOf('/');
        String address = slash < 0 ? entry : entry.substring(0, slash);
        InetAddress parsed = literal(address).orElseThrow(() -> new IllegalArgumentException(
                "'" + entry + "' is not an IP address or a CIDR range such as 10.0.0.0/8 or 2001:db8::/32"));
        int max = bits(parsed);
        int prefix = max;
        if (slash >= 0) {
            String length = entry.substring(slash + 1);
            if (!length.matches("\\d{1,3}") || Integer.parseInt(length) > max) {
                throw new IllegalArgumentException("'" + entry + "': the prefix length after / must be 0 to " + max);
            }
            prefix = Integer.parseInt(length);
        }
        return new AddressRange(masked(parsed, prefix), prefix);
    }

    /**
     * @param address a peer's address
     * @return whether it is in the range (an IPv4 address written as IPv6 counts as the IPv4 one)
     */
    public boolean contains(InetAddress address) {
        byte[] given = plain(address).getAddress();
        byte[] first = network.getAddress();
        if (given.length != first.length) {
            return false;
        }
        return Arrays.equals(masked(given, prefixLength), first);
    }

    /**
     * @param address a peer's address
     * @return whether it is a loopback address ({@code 127.0.0.0/8}, {@code ::1}, or the first written as IPv6)
     */
    public static boolean isLoopback(InetAddress address) {
        return plain(address).isLoopbackAddress();
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }

    private static Optional<InetAddress> literal(String text) {
        if (!IPV4.matcher(text).matches() && !(text.contains(":") && IPV6.matcher(text).matches())) {
            return Optional.empty();
        }
        try {
            // A literal of either form: parsed, never resolved.
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** An IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) as the IPv4 address it carries. */
    private static InetAddress plain(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address && bytes.length == 16) {
            boolean mapped = bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
            for (int i = 0; i < 10 && mapped; i++) {
                mapped = bytes[i] == 0;
            }
            if (mapped) {
                try {
                    return InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16));
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return address;
    }

    private static int bits(InetAddress address) {
        return address instanceof Inet4Address ? 32 : 128;
    }

    private static InetAddress masked(InetAddress address, int prefix) {
        try {
            return InetAddress.getByAddress(masked(address.getAddress(), prefix));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] masked(byte[] bytes, int prefix) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - 8 * i));
            out[i] &= (byte) (0xff << (8 - keep));
        }
        return out;
    }
}
