package org.porchlight.identity.store;

import java.sql.PreparedStatement;
import java.util.UUID;

import org.porchlight.api.store.Database;

/** What an account's owner may change about it themselves: display name, phone number, portal language. */
public final class ProfileRows {

    private static final String UPDATE = "UPDATE identity.account SET display_name = ?, phone = ?, language = ? "
            + "WHERE id = ? AND status = 'ACTIVE'";

    private final Database database;

    public ProfileRows(Database database) {
        this.database = database;
    }

    /** Replaces the profile of the active account; false if it is not active. */
    public boolean update(UUID account, String displayName, String phone, String language) {
        return database.inTransaction(c -> {
            try (PreparedStatement update = c.prepareStatement(UPDATE)) {
                update.setString(1, displayName);
                update.setString(2, phone);
                update.setString(3, language);
                update.setObject(4, account);
                return update.executeUpdate() == 1;
            }
        });
    }
}
