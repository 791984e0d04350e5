package org.porchlight.itests.support;

import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The platform's outbound connection ranges ({@code etc/org.porchlight.outbound.cfg}'s
 * {@code allowedRanges}), set as a platform admin would: tests whose feed or webhook receiver runs
 * on 127.0.0.1 allow it, instead of the server allowing loopback by default.
 */
public final class OutboundRanges {

    private OutboundRanges() {
    }

    /** Allows {@code ranges} (none: public addresses only, the default) and waits until the rule has them. */
    public static void allow(ConfigurationAdmin configAdmin, BundleContext context, String... ranges) throws Exception {
        Configuration config = configAdmin.getConfiguration("org.porchlight.outbound", "?");
        Dictionary<String, Object> properties = config.getProperties() == null ? new Hashtable<>() : config.getProperties();
        String value = String.join(",", ranges);
        properties.put("allowedRanges", value);
        config.update(properties);
        String filter = "(objectClass=org.porchlight.api.outbound.OutboundHttp)";
        String rule = "(&(objectClass=org.porchlight.api.outbound.OutboundAddresses)(allowedRanges=" + value + "))";
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!present(context, rule) || !present(context, filter)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the outbound rule did not take allowedRanges=" + value);
            }
            Thread.sleep(50);
        }
    }

    private static boolean present(BundleContext context, String filter) throws InvalidSyntaxException {
        return context.getServiceReferences((String) null, filter) != null;
    }
}
