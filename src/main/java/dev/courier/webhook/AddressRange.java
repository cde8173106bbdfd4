package dev.courier.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** A block of IP addresses (CIDR), and the blocks no webhook may reach. */
record AddressRange(byte[] network, int prefix) {

    static final List<AddressRange> IPV4 = Stream.of(
                    "0.0.0.0/8", // "this network": the unspecified address 0.0.0.0 and its block
                    "10.0.0.0/8", // private (RFC 1918)
                    "100.64.0.0/10", // carrier-grade NAT (also Alibaba Cloud's metadata, 100.100.100.200)
                    "127.0.0.0/8", // loopback
                    "169.254.0.0/16", // link-local, with the cloud metadata address 169.254.169.254
                    "172.16.0.0/12", // private (RFC 1918)
                    "192.0.0.0/24", // IETF protocol assignments (Oracle Cloud's metadata, 192.0.0.192)
                    "192.168.0.0/16", // private (RFC 1918)
                    "198.18.0.0/15", // benchmarking
                    "224.0.0.0/4", // multicast
                    "240.0.0.0/4") // reserved, and the broadcast address
            .map(AddressRange::parse)
            .toList();

    static final List<AddressRange> IPV6 = Stream.of(
                    "::/96", // unspecified (::), loopback (::1) and the deprecated IPv4-compatible block
                    "fc00::/7", // unique local, with AWS's metadata address fd00:ec2::254
                    "fe80::/10", // link-local
                    "fec0::/10", // site-local (deprecated)
                    "ff00::/8") // multicast
            .map(AddressRange::parse)
            .toList();

    private static final byte[] MAPPED = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};
    private static final byte[] NAT64 = {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};

    static AddressRange parse(String cidr) {
        int slash = cidr.indexOf('/');
        try {
            byte[] network = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
            return new AddressRange(network, Integer.parseInt(cidr.substring(slash + 1)));
        } catch (UnknownHostException impossible) {
            throw new IllegalArgumentException(cidr, impossible);
        }
    }

    /** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d) or NAT64 (64:ff9b::a.b.c.d) one, else null. */
    static byte[] embeddedIpv4(byte[] v6) {
        byte[] head = Arrays.copyOf(v6, 12);
        if (Arrays.equals(head, MAPPED) || Arrays.equals(head, NAT64)) {
            return Arrays.copyOfRange(v6, 12, 16);
        }
        return null;
    }

    boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >> (bit % 8);
            if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
