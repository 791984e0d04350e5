package org.porchlight.identity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.geo.Area;
import org.porchlight.api.problem.Problem;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.rest.JsonCodec;
import org.porchlight.api.security.Roles;
import org.porchlight.api.store.Database;
import org.porchlight.identity.store.Rows;

/**
 * Agencies and accounts in the {@code identity} schema: creation, activation with a one-time
 * token, password checks, and the first platform admin.
 */
@Component(service = Directory.class, configurationPid = IdentityConfiguration.PID)
public class Directory {

    static final ProblemType DUPLICATE = ProblemType.named("duplicate", "Already exists", 409);
    static final ProblemType BAD_TOKEN = ProblemType.named("invalid-token", "Invalid or expired token", 400);

    private static final String ACCOUNT_COLUMNS = "a.id, a.role, g.code, a.email, a.display_name, a.status, a.created_at";
    private static final String ACCOUNT_FROM = " FROM identity.account a LEFT JOIN identity.agency g ON g.id = a.agency_id";

    private final Database database;
    private final JsonCodec json;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final Duration activationLifetime;
    private final Clock clock = Clock.systemUTC();

    @Activate
    public Directory(@Reference Database database, @Reference JsonCodec json, IdentityConfiguration config) {
        this.database = database;
        this.json = json;
        this.hasher = new PasswordHasher(config.argon2MemoryKiB(), config.argon2Iterations());
        this.policy = new PasswordPolicy(config.minPasswordLength());
        this.activationLifetime = Duration.ofHours(config.activationHours());
    }

    // ---- agencies

    public Agency createAgency(Agency agency) {
        String code = agency.code().toUpperCase(Locale.ROOT);
        return database.inTransaction(c -> {
            if (agencyId(c, code).isPresent()) {
                throw new ProblemException(DUPLICATE, "An agency with the code " + code + " exists already.");
            }
            Instant now = now();
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO identity.agency (id, code, name, jurisdiction, "
                    + "time_zone, contact_email, contact_phone, policy, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setObject(1, UUID.randomUUID());
                insert.setString(2, code);
                insert.setString(3, agency.name());
                insert.setString(4, json.write(agency.jurisdiction()));
                insert.setString(5, agency.timeZone());
                insert.setString(6, agency.contactEmail());
                insert.setString(7, agency.contactPhone());
                insert.setString(8, json.write(agency.policy() == null ? Map.of() : agency.policy()));
                insert.setTimestamp(9, Timestamp.from(now));
                insert.executeUpdate();
            }
            return new Agency(code, agency.name(), agency.jurisdiction(), agency.timeZone(), agency.contactEmail(),
                    agency.contactPhone(), agency.policy() == null ? Map.of() : agency.policy(), now);
        });
    }

    public Optional<Agency> agency(String code) {
        List<Agency> found = agencies(code);
        return found.stream().findFirst();
    }

    /** Every agency, or the one with {@code code}. */
    public List<Agency> agencies(String code) {
        return database.withConnection(c -> agencies(c, code, false));
    }

    private List<Agency> agencies(Connection c, String code, boolean lock) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT code, name, jurisdiction, time_zone, contact_email, "
                + "contact_phone, policy, created_at FROM identity.agency" + (code == null ? "" : " WHERE code = ?")
                + " ORDER BY code" + (lock ? " FOR UPDATE" : ""))) {
            if (code != null) {
                select.setString(1, code.toUpperCase(Locale.ROOT));
            }
            List<Agency> agencies = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> settings = json.read(rs.getString(7), LinkedHashMap.class);
                    agencies.add(new Agency(rs.getString(1), rs.getString(2), json.read(rs.getString(3), Area.class),
                            rs.getString(4), rs.getString(5), rs.getString(6), settings, instant(rs, 8)));
                }
            }
            return agencies;
        }
    }

    /**
     * Replaces an agency's settings (not its code) once {@code allowed} has accepted the change
     * against every agency as it stands. Those rows stay locked until the commit, so that two
     * changes made at the same moment (say, two agencies' jurisdictions moving onto each other's
     * ground) are judged one after the other, not each against the other's old state.
     */
    public Optional<Agency> updateAgency(String code, Agency update, Consumer<List<Agency>> allowed) {
        int changed = database.inTransaction(c -> {
            allowed.accept(agencies(c, null, true));
            try (PreparedStatement set = c.prepareStatement("UPDATE identity.agency SET name = ?, jurisdiction = ?, "
                    + "time_zone = ?, contact_email = ?, contact_phone = ?, policy = ? WHERE code = ?")) {
                set.setString(1, update.name());
                set.setString(2, json.write(update.jurisdiction()));
                set.setString(3, update.timeZone());
                set.setString(4, update.contactEmail());
                set.setString(5, update.contactPhone());
                set.setString(6, json.write(update.policy() == null ? Map.of() : update.policy()));
                set.setString(7, code.toUpperCase(Locale.ROOT));
                return set.executeUpdate();
            }
        });
        return changed == 0 ? Optional.empty() : agency(code);
    }

    // ---- accounts

    /** Problem with a password for an account, as a 400 naming the field. */
    public void checkPassword(String password, String email) {
        policy.problem(password, email).ifPresent(reason -> {
            throw new ProblemException(Problem.of(ProblemType.VALIDATION, "The password " + reason + ".")
                    .withErrors(List.of(new Problem.FieldError("password", reason))));
        });
    }

    /**
     * A resident's self sign-up. Returns empty, and changes nothing, if the e-mail address has an
     * account already: the caller answers the same either way, so sign-up does not reveal who
     * has an account.
     */
    public Optional<Account> signUpResident(String email, String password, String displayName) {
        checkPassword(password, email);
        String hash = hasher.hash(password);
        return database.inTransaction(c -> {
            if (accountIdByEmail(c, email).isPresent()) {
                return Optional.empty();
            }
            return Optional.of(insertAccount(c, Roles.RESIDENT, null, email, displayName, hash, Account.ACTIVE, null));
        });
    }

    /**
     * An account that its owner activates with the returned one-time token (staff, vendors).
     *
     * <p>If the e-mail address has an account already (a resident's, say), nothing is written and
     * that account is left as it is; the answer is then a stand-in of the same shape (a fresh id,
     * a random token that activates nothing), so that an invitation does not tell the inviting
     * admin whether the address belongs to someone, as the resident sign-up does not either.
     */
    public Invitation invite(String role, String agencyCode, String email, String displayName) {
        String token = "pla_" + Hashes.randomToken(32);
        Account account = database.inTransaction(c -> {
            UUID agencyId = agencyCode == null ? null : agencyId(c, agencyCode).orElseThrow(
                    () -> new ProblemException(ProblemType.VALIDATION, "There is no agency " + agencyCode + "."));
            if (accountIdByEmail(c, email).isPresent()) {
                return standIn(role, agencyCode, email, displayName);
            }
            return insertAccount(c, role, agencyId, email, displayName, null, Account.PENDING, Hashes.sha256(token));
        });
        return new Invitation(account, token, now().plus(activationLifetime));
    }

    /** What {@link #insertAccount} would have answered for a pending invitation, with nothing stored. */
    private Account standIn(String role, String agencyCode, String email, String displayName) {
        String agency = agencyCode == null ? null : agencyCode.toUpperCase(Locale.ROOT);
        // Stored timestamps keep microseconds: a finer one would tell the stand-in apart.
        return new Account(UUID.randomUUID(), role, agency, normalise(email), displayName, Account.PENDING,
                now().truncatedTo(ChronoUnit.MICROS));
    }

    /** An account together with the token that activates it; the token is shown once. */
    public record Invitation(Account account, String activationToken, Instant expiresAt) {
    }

    /** Sets the password of a pending account from its activation token, and activates it. */
    public Account activate(String token, String password) {
        return database.inTransaction(c -> {
            UUID id;
            String email;
            try (PreparedStatement select = c.prepareStatement("SELECT id, email, created_at FROM identity.account "
                    + "WHERE activation_hash = ? AND status = 'PENDING' FOR UPDATE")) {
                select.setString(1, Hashes.sha256(token));
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next() || instant(rs, 3).plus(activationLifetime).isBefore(now())) {
                        throw new ProblemException(BAD_TOKEN, "The activation token is not valid or has expired; ask for a new one.");
                    }
                    id = rs.getObject(1, UUID.class);
                    email = rs.getString(2);
                }
            }
            checkPassword(password, email);
            try (PreparedStatement update = c.prepareStatement("UPDATE identity.account SET password_hash = ?, "
                    + "status = 'ACTIVE', activation_hash = NULL WHERE id = ?")) {
                update.setString(1, hasher.hash(password));
                update.setObject(2, id);
                update.executeUpdate();
            }
            return account(c, id).orElseThrow();
        });
    }

    /** The active account with these credentials; the same time is spent whether or not it exists. */
    public Optional<Account> signIn(String email, String password) {
        record Row(UUID id, String hash) {
        }
        Row row = database.withConnection(c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT id, password_hash FROM identity.account WHERE email = ? AND status = 'ACTIVE'")) {
                select.setString(1, normalise(email));
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? new Row(rs.getObject(1, UUID.class), rs.getString(2)) : null;
                }
            }
        });
        if (row == null) {
            hasher.spendTime(password);
            return Optional.empty();
        }
        if (!hasher.matches(password, row.hash())) {
            return Optional.empty();
        }
        if (hasher.outdated(row.hash())) {
            database.inTransaction(c -> {
                try (PreparedStatement update = c.prepareStatement("UPDATE identity.account SET password_hash = ? WHERE id = ?")) {
                    update.setString(1, hasher.hash(password));
                    update.setObject(2, row.id());
                    return update.executeUpdate();
                }
            });
        }
        return account(row.id());
    }

    public Optional<Account> account(UUID id) {
        return database.withConnection(c -> account(c, id));
    }

    /** The active account, for refreshing a token: a disabled account gets no new tokens. */
    public Optional<Account> activeAccount(UUID id) {
        return account(id).filter(a -> Account.ACTIVE.equals(a.status()));
    }

    public List<Account> staff(String agencyCode) {
        return database.withConnection(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT " + ACCOUNT_COLUMNS + ACCOUNT_FROM
                    + " WHERE g.code = ? ORDER BY a.display_name, a.id")) {
                select.setString(1, agencyCode.toUpperCase(Locale.ROOT));
                return accounts(select);
            }
        });
    }

    /** Ids of the agency's active staff with one of {@code roles} (staff roles only), in no particular order. */
    public List<UUID> activeStaff(String agencyCode, Set<String> roles) {
        List<String> wanted = roles.stream().filter(Roles.STAFF::contains).sorted().toList();
        if (wanted.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", Collections.nCopies(wanted.size(), "?"));
        return database.withConnection(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT a.id" + ACCOUNT_FROM
                    + " WHERE g.code = ? AND a.status = ? AND a.role IN (" + marks + ")")) {
                select.setString(1, agencyCode.toUpperCase(Locale.ROOT));
                select.setString(2, Account.ACTIVE);
                for (int i = 0; i < wanted.size(); i++) {
                    select.setString(3 + i, wanted.get(i));
                }
                List<UUID> ids = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getObject(1, UUID.class));
                    }
                }
                return ids;
            }
        });
    }

    // ---- the first platform admin

    public boolean hasPlatformAdmin() {
        return database.withConnection(c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT COUNT(*) FROM identity.account WHERE role = 'PLATFORM_ADMIN'");
                    ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        });
    }

    /** Replaces the setup token; returns the new token, to be shown once. */
    public String newSetupToken() {
        String token = "pls_" + Hashes.randomToken(24);
        database.inTransaction(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM identity.setup_token");
                    PreparedStatement insert = c.prepareStatement(
                            "INSERT INTO identity.setup_token (id, token_hash, created_at) VALUES (1, ?, ?)")) {
                delete.executeUpdate();
                insert.setString(1, Hashes.sha256(token));
                insert.setTimestamp(2, Timestamp.from(now()));
                return insert.executeUpdate();
            }
        });
        return token;
    }

    /**
     * Creates the first platform admin. With a {@code setupToken} it must match the one printed
     * at start-up, and is used up; without one (unattended installs) there must be no admin yet.
     */
    public Account createFirstAdmin(String setupToken, String email, String password, String displayName) {
        checkPassword(password, email);
        String hash = hasher.hash(password);
        return database.inTransaction(c -> {
            if (setupToken != null) {
                try (PreparedStatement delete = c.prepareStatement("DELETE FROM identity.setup_token WHERE token_hash = ?")) {
                    delete.setString(1, Hashes.sha256(setupToken));
                    if (delete.executeUpdate() != 1) {
                        throw new ProblemException(BAD_TOKEN, "The setup token is not valid; it is printed at start-up "
                                + "while the server has no platform admin.");
                    }
                }
            }
            try (PreparedStatement lock = c.prepareStatement(
                    "SELECT COUNT(*) FROM identity.account WHERE role = 'PLATFORM_ADMIN'");
                    ResultSet rs = lock.executeQuery()) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    throw new ProblemException(BAD_TOKEN, "The server has a platform admin already.");
                }
            }
            if (accountIdByEmail(c, email).isPresent()) {
                throw new ProblemException(DUPLICATE, "An account with this e-mail address exists already.");
            }
            return insertAccount(c, Roles.PLATFORM_ADMIN, null, email, displayName, hash, Account.ACTIVE, null);
        });
    }

    // ---- helpers

    static String normalise(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }

    private Account insertAccount(Connection c, String role, UUID agencyId, String email, String displayName,
            String passwordHash, String status, String activationHash) throws SQLException {
        UUID id = UUID.randomUUID();
        Instant now = now();
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO identity.account (id, role, agency_id, email, "
                + "display_name, password_hash, status, activation_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setObject(1, id);
            insert.setString(2, role);
            insert.setObject(3, agencyId);
            insert.setString(4, normalise(email));
            insert.setString(5, displayName);
            insert.setString(6, passwordHash);
            insert.setString(7, status);
            insert.setString(8, activationHash);
            insert.setTimestamp(9, Timestamp.from(now));
            insert.executeUpdate();
        }
        return account(c, id).orElseThrow();
    }

    private static Optional<UUID> agencyId(Connection c, String code) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT id FROM identity.agency WHERE code = ?")) {
            select.setString(1, code.toUpperCase(Locale.ROOT));
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
            }
        }
    }

    private static Optional<UUID> accountIdByEmail(Connection c, String email) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT id FROM identity.account WHERE email = ?")) {
            select.setString(1, normalise(email));
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
            }
        }
    }

    private static Optional<Account> account(Connection c, UUID id) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + ACCOUNT_COLUMNS + ACCOUNT_FROM + " WHERE a.id = ?")) {
            select.setObject(1, id);
            return accounts(select).stream().findFirst();
        }
    }

    private static List<Account> accounts(PreparedStatement select) throws SQLException {
        List<Account> accounts = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                accounts.add(new Account(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), instant(rs, 7)));
            }
        }
        return accounts;
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        return Rows.instant(rs, column);
    }

    private Instant now() {
        return clock.instant();
    }
}
