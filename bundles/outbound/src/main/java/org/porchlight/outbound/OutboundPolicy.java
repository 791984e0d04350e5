package org.porchlight.outbound;

import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.porchlight.api.outbound.AddressClass;
import org.porchlight.api.outbound.OutboundAddresses;
import org.porchlight.api.outbound.RefusedAddressException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's rule for outbound connections: public addresses, and those in the ranges the
 * platform admin allows. A new configuration replaces the component (and with it the HTTP client
 * and its pooled connections, which were checked under the old ranges).
 */
@Component(service = OutboundAddresses.class, configurationPid = OutboundConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = OutboundConfiguration.class)
public class OutboundPolicy implements OutboundAddresses {

    private static final Logger LOG = LoggerFactory.getLogger(OutboundPolicy.class);

    private final List<Cidr> allowed;
    private final Supplier<Set<InetAddress>> own;

    @Activate
    public OutboundPolicy(OutboundConfiguration config) {
        this(ranges(config.allowedRanges()), new OwnAddresses(Clock.systemUTC()));
        LOG.info("Outbound connections: public addresses{}", allowed.isEmpty() ? " only" : " and " + allowed);
    }

    /**
     * The rule with {@code allowedRanges} (each possibly a comma-separated list) and this machine's
     * interfaces, outside OSGi: for tests of bundles that connect out through {@link JettyOutboundHttp}.
     */
    public static OutboundPolicy allowing(String... allowedRanges) {
        return new OutboundPolicy(ranges(allowedRanges), new OwnAddresses(Clock.systemUTC()));
    }

    OutboundPolicy(List<Cidr> allowed, Supplier<Set<InetAddress>> own) {
        this.allowed = List.copyOf(allowed);
        this.own = own;
    }

    /**
     * The ranges in {@code values}, each possibly a comma-separated list (as a {@code .cfg} file
     * gives it). An entry that is not a range is left out, with an error in the log: the server then
     * allows less than meant, never more.
     */
    static List<Cidr> ranges(String[] values) {
        List<Cidr> ranges = new ArrayList<>();
        for (String value : values == null ? new String[0] : values) {
            for (String entry : value.split("[,\\s]+")) {
                if (entry.isBlank()) {
                    continue;
                }
                try {
                    ranges.add(Cidr.parse(entry));
                } catch (IllegalArgumentException e) {
                    LOG.error("{}: allowedRanges: {}; left out", OutboundConfiguration.PID, e.getMessage());
                }
            }
        }
        return ranges;
    }

    @Override
    public AddressClass classify(InetAddress address) {
        AddressClass kind = AddressKinds.classify(address);
        if (kind == AddressClass.PUBLIC && own.get().contains(AddressKinds.plain(address))) {
            return AddressClass.SERVER_OWN;
        }
        return kind;
    }

    @Override
    public boolean allows(InetAddress address) {
        if (classify(address) == AddressClass.PUBLIC) {
            return true;
        }
        InetAddress plain = AddressKinds.plain(address);
        for (Cidr range : allowed) {
            if (range.contains(plain) || range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void check(InetAddress address) throws RefusedAddressException {
        if (!allows(address)) {
            throw new RefusedAddressException(address, classify(address));
        }
    }
}
