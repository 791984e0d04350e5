package org.porchlight.press;

/**
 * Who wrote or approved something: staff by role only, vendors by role and the name the agency granted them under.
 *
 * @param role   the account's role ({@code PIO}, {@code VENDOR}, {@code AGENCY_ADMIN})
 * @param vendor for a vendor, the name the agency granted it under; {@code null} for staff
 */
public record Author(String role, String vendor) {
}
