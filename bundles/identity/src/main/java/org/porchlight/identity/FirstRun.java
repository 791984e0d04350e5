package org.porchlight.identity;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.problem.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * No default passwords: while the server has no platform admin, each start prints a one-time
 * setup token to standard output (not to the log) for {@code POST /api/setup}. Unattended
 * installs give {@code PORCHLIGHT_ADMIN_EMAIL} and {@code PORCHLIGHT_ADMIN_PASSWORD} (or the
 * framework properties {@code porchlight.admin.email} and {@code porchlight.admin.password})
 * instead, and the admin is created at start.
 */
@Component(immediate = true)
public class FirstRun {

    private static final Logger LOG = LoggerFactory.getLogger(FirstRun.class);

    @Activate
    public FirstRun(BundleContext context, @Reference Directory directory) {
        if (directory.hasPlatformAdmin()) {
            return;
        }
        String email = setting(context, "porchlight.admin.email", "PORCHLIGHT_ADMIN_EMAIL");
        String password = setting(context, "porchlight.admin.password", "PORCHLIGHT_ADMIN_PASSWORD");
        if (email != null && password != null) {
            try {
                directory.createFirstAdmin(null, email, password, "Platform admin");
                LOG.info("Created the first platform admin from the environment");
                return;
            } catch (ProblemException e) {
                LOG.error("PORCHLIGHT_ADMIN_EMAIL/PASSWORD not used: {} A setup token follows instead.", e.getMessage());
            } catch (RuntimeException e) {
                // Nodes of a cluster started at once with the same settings: one insert wins, the
                // other meets its unique e-mail address.
                if (!directory.hasPlatformAdmin()) {
                    throw e;
                }
                LOG.info("The first platform admin was created meanwhile, by another node");
                return;
            }
        }
        String token = directory.newSetupToken();
        String port = context.getProperty("org.osgi.service.http.port");
        System.out.println();
        System.out.println("Porchlight has no platform admin yet. Create one with this one-time setup token:");
        System.out.println("  curl -X POST http://localhost:" + (port == null ? "8080" : port) + "/api/setup -H 'Content-Type: application/json' \\");
        System.out.println("       -d '{\"setupToken\":\"" + token + "\",\"email\":\"...\",\"password\":\"...\",\"displayName\":\"...\"}'");
        System.out.println();
        LOG.info("No platform admin yet: a setup token was printed to standard output");
    }

    private static String setting(BundleContext context, String property, String variable) {
        String value = context.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(variable);
        }
        return value == null || value.isBlank() ? null : value;
    }
}
