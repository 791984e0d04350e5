package org.porchlight.api.security;

import java.util.UUID;

import org.osgi.annotation.versioning.ProviderType;

/**
 * How agencies see residents. The number is derived from the resident's account and the
 * agency with a keyed hash whose key lives in configuration, never in the database: it is
 * stable, it differs between agencies, and it cannot be traced back to the resident without
 * the key.
 */
@ProviderType
public interface PseudonymService {

    /** The resident as {@code agencyCode} sees them. */
    Pseudonym pseudonym(UUID resident, String agencyCode);

    /** The resident as the platform's own records (e.g. the audit log) name them. */
    Pseudonym platformPseudonym(UUID resident);

    /**
     * A pseudonym: a 12-digit number, shown as {@code Neighbor 4821-0937-5510}.
     *
     * @param number between 0 and 999,999,999,999
     */
    record Pseudonym(long number) {

        public Pseudonym {
            if (number < 0 || number > 999_999_999_999L) {
                throw new IllegalArgumentException("a pseudonym has 12 digits");
            }
        }

        public String label() {
            String digits = String.format("%012d", number);
            return "Neighbor " + digits.substring(0, 4) + "-" + digits.substring(4, 8) + "-" + digits.substring(8);
        }

        @Override
        public String toString() {
            return label();
        }
    }
}
