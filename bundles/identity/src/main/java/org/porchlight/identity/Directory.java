package org.porchlight.identity;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
import org.porchlight.api.problem.Problem;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.rest.JsonCodec;
import org.porchlight.api.security.Roles;
import org.porchlight.api.store.Database;
import org.porchlight.identity.store.AccountRows;
import org.porchlight.identity.store.AgencyRows;
import org.porchlight.identity.store.CredentialRows;
import org.porchlight.identity.store.CredentialRows.Credential;
import org.porchlight.identity.store.SetupTokenRows;

/**
 * Agencies and accounts in the {@code identity} schema: creation, activation with a one-time
 * token, password checks, and the first platform admin.
 */
@Component(service = Directory.class, configurationPid = IdentityConfiguration.PID)
public class Directory {

    static final ProblemType DUPLICATE = ProblemType.named("duplicate", "Already exists", 409);
    static final ProblemType BAD_TOKEN = ProblemType.named("invalid-token", "Invalid or expired token", 400);

    private final Database database;
    private final AgencyRows agencyRows;
    private final CredentialRows credentials;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final Duration activationLifetime;
    private final Clock clock = Clock.systemUTC();

    @Activate
    public Directory(@Reference Database database, @Reference JsonCodec json, IdentityConfiguration config) {
        this.database = database;
        this.agencyRows = new AgencyRows(json);
        this.credentials = new CredentialRows(database);
        this.hasher = new PasswordHasher(config.argon2MemoryKiB(), config.argon2Iterations());
        this.policy = new PasswordPolicy(config.minPasswordLength());
        this.activationLifetime = Duration.ofHours(config.activationHours());
    }

    public Agency createAgency(Agency agency) {
        String code = agency.code().toUpperCase(Locale.ROOT);
        return database.inTransaction(c -> {
            if (agencyId(c, code).isPresent()) {
                throw new ProblemException(DUPLICATE, "An agency with the code " + code + " exists already.");
            }
            Instant now = now();
            agencyRows.insert(c, code, agency, now);
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
        return database.withConnection(c -> agencyRows.agencies(c, code == null ? null : code.toUpperCase(Locale.ROOT)));
    }

    /**
     * Replaces an agency's settings (not its code) once {@code allowed} has accepted the change
     * against every agency as it stands. Those rows stay locked until the commit, so that two
     * changes made at the same moment (say, two agencies' jurisdictions moving onto each other's
     * ground) are judged one after the other, not each against the other's old state.
     */
    public Optional<Agency> updateAgency(String code, Agency update, Consumer<List<Agency>> allowed) {
        int changed = database.inTransaction(c -> {
            allowed.accept(agencyRows.lockAll(c));
            return agencyRows.update(c, code.toUpperCase(Locale.ROOT), update);
        });
        return changed == 0 ? Optional.empty() : agency(code);
    }

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
                now().truncatedTo(ChronoUnit.MICROS), null, null, null);
    }

    /** An account together with the token that activates it; the token is shown once. */
    public record Invitation(Account account, String activationToken, Instant expiresAt) {
    }

    /** Sets the password of a pending account from its activation token, and activates it. */
    public Account activate(String token, String password) {
        return database.inTransaction(c -> {
            Optional<CredentialRows.PendingActivation> pending = CredentialRows.lockPending(c, Hashes.sha256(token));
            // A re-issued invitation has its own expiry; a first one runs from the account's creation.
            Instant expires = pending.map(p -> p.expiresAt() != null ? p.expiresAt() : p.createdAt().plus(activationLifetime))
                    .orElse(Instant.MIN);
            if (expires.isBefore(now())) {
                throw new ProblemException(BAD_TOKEN, "The activation token is not valid or has expired; ask for a new one.");
            }
            UUID id = pending.get().account();
            checkPassword(password, pending.get().email());
            CredentialRows.activate(c, id, hasher.hash(password));
            return account(c, id).orElseThrow();
        });
    }

    /** The active account with these credentials; the same time is spent whether or not it exists. */
    public Optional<Account> signIn(String email, String password) {
        return verifyPassword(email, password).map(Verified::account);
    }

    /** An account whose password was checked, with the stored hash it matched (see {@link Sessions#start}). */
    public record Verified(Account account, String passwordHash) {
    }

    /** As {@link #signIn}, with the hash the password matched: a sign-in holds only while the account keeps it. */
    public Optional<Verified> verifyPassword(String email, String password) {
        Credential row = credentials.activeByEmail(normalise(email)).orElse(null);
        if (row == null) {
            hasher.spendTime(password);
            return Optional.empty();
        }
        if (!hasher.matches(password, row.passwordHash())) {
            return Optional.empty();
        }
        String hash = row.passwordHash();
        if (hasher.outdated(hash)) {
            String stronger = hasher.hash(password);
            // Only over the hash just checked: a password changed meanwhile is not put back.
            boolean replaced = credentials.replaceHash(row.account(), row.passwordHash(), stronger);
            hash = replaced ? stronger : hash;
        }
        String verified = hash;
        return account(row.account()).map(account -> new Verified(account, verified));
    }

    public Optional<Account> account(UUID id) {
        return database.withConnection(c -> account(c, id));
    }

    /** The active account, for refreshing a token: a disabled account gets no new tokens. */
    public Optional<Account> activeAccount(UUID id) {
        return account(id).filter(a -> Account.ACTIVE.equals(a.status()));
    }

    public List<Account> staff(String agencyCode) {
        return database.withConnection(c -> AccountRows.staff(c, agencyCode.toUpperCase(Locale.ROOT)));
    }

    /** Ids of the agency's active staff with one of {@code roles} (staff roles only), in no particular order. */
    public List<UUID> activeStaff(String agencyCode, Set<String> roles) {
        List<String> wanted = roles.stream().filter(Roles.STAFF::contains).sorted().toList();
        if (wanted.isEmpty()) {
            return List.of();
        }
        return database.withConnection(c -> AccountRows.withRoles(c, agencyCode.toUpperCase(Locale.ROOT), Account.ACTIVE,
                wanted));
    }

    public boolean hasPlatformAdmin() {
        return database.withConnection(c -> AccountRows.platformAdmins(c) > 0);
    }

    /** Replaces the setup token; returns the new token, to be shown once. */
    public String newSetupToken() {
        String token = "pls_" + Hashes.randomToken(24);
        database.inTransaction(c -> {
            SetupTokenRows.replace(c, Hashes.sha256(token), now());
            return null;
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
            if (setupToken != null && !SetupTokenRows.useUp(c, Hashes.sha256(setupToken))) {
                throw new ProblemException(BAD_TOKEN, "The setup token is not valid; it is printed at start-up "
                        + "while the server has no platform admin.");
            }
            if (AccountRows.platformAdmins(c) > 0) {
                throw new ProblemException(BAD_TOKEN, "The server has a platform admin already.");
            }
            if (accountIdByEmail(c, email).isPresent()) {
                throw new ProblemException(DUPLICATE, "An account with this e-mail address exists already.");
            }
            return insertAccount(c, Roles.PLATFORM_ADMIN, null, email, displayName, hash, Account.ACTIVE, null);
        });
    }

    static String normalise(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }

    private Account insertAccount(Connection c, String role, UUID agencyId, String email, String displayName,
            String passwordHash, String status, String activationHash) throws SQLException {
        UUID id = AccountRows.insert(c, role, agencyId, normalise(email), displayName, passwordHash, status, activationHash,
                now());
        return account(c, id).orElseThrow();
    }

    private static Optional<UUID> agencyId(Connection c, String code) throws SQLException {
        return AgencyRows.id(c, code.toUpperCase(Locale.ROOT));
    }

    private static Optional<UUID> accountIdByEmail(Connection c, String email) throws SQLException {
        return AccountRows.idByEmail(c, normalise(email));
    }

    private static Optional<Account> account(Connection c, UUID id) throws SQLException {
        return AccountRows.find(c, id);
    }

    private Instant now() {
        return clock.instant();
    }
}
