package org.porchlight.press.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.porchlight.press.VendorGrant;
import org.porchlight.sql.Rows;

/** The SQL of {@code press.vendor_grant}: which vendor accounts may write an agency's templates, under which name. */
public final class VendorGrantRows {

    private static final String DELETE = "DELETE FROM press.vendor_grant WHERE agency_code = ? AND vendor = ?";
    private static final String INSERT = "INSERT INTO press.vendor_grant (agency_code, vendor, vendor_name, granted_by, "
            + "granted_at) "
            + "VALUES (?, ?, ?, ?, ?)";
    private static final String LIST = "SELECT vendor, vendor_name, granted_at FROM press.vendor_grant WHERE agency_code = ? "
            + "ORDER BY granted_at";
    private static final String OF_VENDOR = "SELECT agency_code, vendor_name, granted_at FROM press.vendor_grant WHERE vendor = ? "
            + "ORDER BY agency_code";
    private static final String NAME = "SELECT vendor_name FROM press.vendor_grant WHERE agency_code = ? AND vendor = ?";

    /** Grants the vendor, replacing an earlier grant (and its name), in the caller's transaction. */
    public void grant(Connection c, String agency, VendorGrant grant, UUID by) throws SQLException {
        revoke(c, agency, grant.vendor());
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            s.setString(1, agency);
            s.setObject(2, grant.vendor());
            s.setString(3, grant.name());
            s.setObject(4, by);
            s.setTimestamp(5, Rows.timestamp(grant.grantedAt()));
            s.executeUpdate();
        }
    }

    /** Revokes the vendor's grant; how many grants went (0 or 1). */
    public int revoke(Connection c, String agency, UUID vendor) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(DELETE)) {
            s.setString(1, agency);
            s.setObject(2, vendor);
            return s.executeUpdate();
        }
    }

    /** The agency's grants, oldest first. */
    public List<VendorGrant> list(Connection c, String agency) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(LIST)) {
            s.setString(1, agency);
            return Rows.list(s, rs -> new VendorGrant(rs.getObject(1, UUID.class), rs.getString(2), Rows.instant(rs, 3)));
        }
    }

    /** The agencies that granted this vendor, by code: each as {@code agency code, name granted under, when}. */
    public List<AgencyGrant> ofVendor(Connection c, UUID vendor) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(OF_VENDOR)) {
            s.setObject(1, vendor);
            return Rows.list(s, rs -> new AgencyGrant(rs.getString(1), rs.getString(2), Rows.instant(rs, 3)));
        }
    }

    /** A grant seen from the vendor's side: which agency, under which name, since when. */
    public record AgencyGrant(String agency, String name, Instant grantedAt) {
    }

    /** The name the agency granted the vendor under, if it granted it. */
    public Optional<String> name(Connection c, String agency, UUID vendor) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(NAME)) {
            s.setString(1, agency);
            s.setObject(2, vendor);
            return Rows.first(s, rs -> rs.getString(1));
        }
    }
}
