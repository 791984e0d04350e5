package org.porchlight.api.outbound;

/**
 * What kind of address an IP address is, as far as outbound connections are concerned. Every kind
 * but {@link #PUBLIC} is refused unless the platform admin allows a range that holds the address.
 */
public enum AddressClass {

    /** An address on the internet: allowed. */
    PUBLIC("public"),
    /** {@code 127.0.0.0/8}, {@code ::1}: this machine. */
    LOOPBACK("loopback"),
    /** {@code 169.254.0.0/16} (where clouds serve instance metadata), {@code fe80::/10}. */
    LINK_LOCAL("link-local"),
    /**
     * {@code 10.0.0.0/8}, {@code 172.16.0.0/12}, {@code 192.168.0.0/16}, {@code fc00::/7}, the old
     * site-local {@code fec0::/10} and local-use NAT64 {@code 64:ff9b:1::/48}.
     */
    PRIVATE("private"),
    /** {@code 100.64.0.0/10}: carrier-grade NAT, an operator's inside network. */
    SHARED("shared (carrier-grade NAT)"),
    /** {@code 0.0.0.0/8}, {@code ::}: "this host" to most systems. */
    UNSPECIFIED("unspecified"),
    /** {@code 224.0.0.0/4}, {@code ff00::/8}. */
    MULTICAST("multicast"),
    /** {@code 255.255.255.255}, and the rest of {@code 240.0.0.0/4}, which is reserved. */
    BROADCAST("broadcast or reserved"),
    /** An address of one of the server's own network interfaces, whatever range it is in. */
    SERVER_OWN("one of the server's own addresses");

    private final String description;

    AddressClass(String description) {
        this.description = description;
    }

    /** The kind in a few words for messages, e.g. {@code loopback}, {@code link-local}. */
    public String description() {
        return description;
    }
}
