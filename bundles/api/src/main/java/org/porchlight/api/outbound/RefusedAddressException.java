package org.porchlight.api.outbound;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Objects;

/**
 * A connection the server did not open because the address it would have gone to is not one it
 * connects to: not a network failure, and trying again does not help until the address or the
 * platform's allowed ranges change.
 */
public class RefusedAddressException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String address;
    private final AddressClass addressClass;

    /**
     * @param address      the refused address
     * @param addressClass what kind of address it is (not {@link AddressClass#PUBLIC})
     */
    public RefusedAddressException(InetAddress address, AddressClass addressClass) {
        this(Objects.requireNonNull(address, "address").getHostAddress(), addressClass);
    }

    /**
     * @param address      the refused address as text, e.g. {@code 127.0.0.1}
     * @param addressClass what kind of address it is
     */
    public RefusedAddressException(String address, AddressClass addressClass) {
        super("the address " + address + " is " + Objects.requireNonNull(addressClass, "addressClass").description()
                + ", which the server does not connect to");
        this.address = address;
        this.addressClass = addressClass;
    }

    /** The refused address as text, e.g. {@code 127.0.0.1} or {@code ::ffff:a9fe:a9fe}. */
    public String address() {
        return address;
    }

    /** What kind of address it is. */
    public AddressClass addressClass() {
        return addressClass;
    }

    /**
     * The refusal told of what the address belongs to, e.g. {@code reason("the feed's")} gives
     * {@code the feed's address 127.0.0.1 is loopback, which the server does not connect to}.
     */
    public String reason(String whose) {
        return whose + " address " + address + " is " + addressClass.description() + ", which the server does not connect to";
    }
}
