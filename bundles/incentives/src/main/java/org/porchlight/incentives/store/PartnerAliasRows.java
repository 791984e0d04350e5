package org.porchlight.incentives.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.porchlight.api.incentives.IncentiveFigures.DisclosureTerms;

/** All SQL of partners' aliases, and of the terms a disclosure check looks for in a text. */
public final class PartnerAliasRows {

    private static final String INSERT = "INSERT INTO incentives.campaign_partner_alias (campaign_id, alias) VALUES (?, ?)";
    private static final String DELETE = "DELETE FROM incentives.campaign_partner_alias WHERE campaign_id = ?";
    private static final String LIST = "SELECT alias FROM incentives.campaign_partner_alias WHERE campaign_id = ? ORDER BY alias";
    /** Kind, then term: partner names with their aliases, campaign names, codes; one query for the whole agency. */
    private static final String TERMS = "SELECT 'P', partner FROM incentives.campaign WHERE agency_code = ? "
            + "UNION ALL SELECT 'P', a.alias FROM incentives.campaign_partner_alias a "
            + "JOIN incentives.campaign p ON p.id = a.campaign_id WHERE p.agency_code = ? "
            + "UNION ALL SELECT 'C', name FROM incentives.campaign WHERE agency_code = ? "
            + "UNION ALL SELECT 'R', code FROM incentives.referral_code WHERE agency_code = ?";

    /** Replaces the campaign's aliases by {@code aliases}, in the caller's transaction. */
    public void replace(Connection c, UUID campaign, List<String> aliases) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(DELETE)) {
            s.setObject(1, campaign);
            s.executeUpdate();
        }
        if (aliases.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            for (String alias : aliases) {
                s.setObject(1, campaign);
                s.setString(2, alias);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    public List<String> aliases(Connection c, UUID campaign) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(LIST)) {
            s.setObject(1, campaign);
            List<String> found = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
            return found;
        }
    }

    public DisclosureTerms terms(Connection c, String agency) throws SQLException {
        List<String> partners = new ArrayList<>();
        List<String> campaigns = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(TERMS)) {
            for (int i = 1; i <= 4; i++) {
                s.setString(i, agency);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    switch (rs.getString(1)) {
                        case "P" -> partners.add(rs.getString(2));
                        case "C" -> campaigns.add(rs.getString(2));
                        default -> codes.add(rs.getString(2));
                    }
                }
            }
        }
        return new DisclosureTerms(partners, campaigns, codes);
    }
}
