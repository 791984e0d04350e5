package org.porchlight.rest.request;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.porchlight.api.rest.ClientAddresses;
import org.porchlight.rest.RestConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client address of a request, trusting {@code X-Forwarded-For} only from the configured
 * proxies: walking the header from the right (the entry the nearest proxy appended), every
 * trusted proxy is skipped and the first address that is not one is the client. From any other
 * peer the header is ignored, so that nobody picks the address they are throttled under.
 */
@Component(service = ClientAddresses.class, configurationPid = RestConfiguration.PID)
public class TrustedProxies implements ClientAddresses {

    private static final Logger LOG = LoggerFactory.getLogger(TrustedProxies.class);

    private volatile List<AddressRange> trusted = List.of();

    public TrustedProxies() {
    }

    /** For tests: trusting these blocks. */
    TrustedProxies(List<String> blocks) {
        trusted = blocks.stream().map(AddressRange::parse).toList();
    }

    @Activate
    @Modified
    void configure(RestConfiguration config) {
        List<AddressRange> blocks = new ArrayList<>();
        // FileInstall hands "a, b" over as one string: split on commas either way.
        for (String block : String.join(",", config.trustedProxies()).split(",")) {
            if (block.isBlank()) {
                continue;
            }
            try {
                blocks.add(AddressRange.parse(block));
            } catch (IllegalArgumentException e) {
                // One typo must not make the header count from everywhere, nor stop the server: skip it, loudly.
                LOG.error("trustedProxies: ignoring '{}': {}", block, e.getMessage());
            }
        }
        trusted = List.copyOf(blocks);
        if (!blocks.isEmpty()) {
            LOG.info("X-Forwarded-For counts from {}", blocks);
        }
    }

    @Override
    public String resolve(String peerAddress, List<String> forwardedFor) {
        Optional<InetAddress> peer = AddressRange.literal(peerAddress);
        if (peer.isEmpty()) {
            return peerAddress; // not an IP address (a Unix socket, a test harness): nothing to resolve
        }
        List<AddressRange> proxies = trusted;
        if (!isTrusted(proxies, peer.get()) || forwardedFor == null || forwardedFor.isEmpty()) {
            return peer.get().getHostAddress();
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.trim());
                }
            }
        }
        InetAddress client = peer.get();
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = AddressRange.literal(hops.get(i));
            if (hop.isEmpty()) {
                // Written by our own proxy, yet not an address: count the request under the proxy
                // rather than under a name nobody can check.
                return client.getHostAddress();
            }
            client = hop.get();
            if (!isTrusted(proxies, client)) {
                break;
            }
        }
        return client.getHostAddress();
    }

    @Override
    public boolean secure(boolean socketSecure, String peerAddress, String forwardedProto) {
        if (socketSecure) {
            return true;
        }
        if (forwardedProto == null) {
            return false; // nobody said HTTPS: no need to parse the peer's address (every plain request)
        }
        Optional<InetAddress> peer = AddressRange.literal(peerAddress);
        if (peer.isEmpty() || !isTrusted(trusted, peer.get())) {
            return false;
        }
        String[] hops = forwardedProto.split(",");
        return "https".equalsIgnoreCase(hops[hops.length - 1].trim());
    }

    private static boolean isTrusted(List<AddressRange> proxies, InetAddress address) {
        for (AddressRange range : proxies) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
