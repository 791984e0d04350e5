package org.porchlight.api.security;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Who works for an agency, as ids, for bundles that must tell the right people of something (the
 * notifications bundle routes an agency's notifications to its supervisors). No names, no
 * addresses: those stay with {@link ContactDetails} and the person's consent.
 *
 * @since 1.4
 */
@ProviderType
public interface StaffDirectory {

    /**
     * The active (not disabled) staff accounts of the agency that have one of {@code roles}.
     *
     * @param agency the agency's short code (case-insensitive)
     * @param roles  staff roles from {@link Roles#STAFF}; other roles find nobody
     */
    List<UUID> activeStaff(String agency, Set<String> roles);
}
