package org.porchlight.identity.personal;

import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.porchlight.api.audit.AuditEvent;
import org.porchlight.api.audit.AuditLog;
import org.porchlight.api.personal.Erasure;
import org.porchlight.api.personal.PersonalDataHolder;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.security.AuthenticationException;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.PseudonymService;
import org.porchlight.api.security.Roles;
import org.porchlight.api.security.SignInBlockedException;
import org.porchlight.api.store.Database;
import org.porchlight.identity.Account;
import org.porchlight.identity.Directory;
import org.porchlight.identity.EmailVerifications;
import org.porchlight.identity.IdentityConfiguration;
import org.porchlight.identity.PasswordSignIns;
import org.porchlight.identity.store.AccountErasureRows;

/**
 * A resident's data across the modules: the export they download and the deletion of their account,
 * confirmed with their password. Collects every module's {@link PersonalDataHolder}; the rules are in
 * {@link ResidentDataWorkflow}. Both are recorded in the audit chain under the resident's pseudonym.
 */
@Component(service = ResidentData.class, configurationPid = IdentityConfiguration.PID)
public class ResidentData {

    /** The password given to confirm a deletion is not the account's. */
    public static final ProblemType WRONG_PASSWORD = ProblemType.named("confirmation-failed",
            "The password does not confirm the deletion", 403);
    /** Only residents close their own accounts here; staff accounts are disabled by their agency. */
    public static final ProblemType NOT_A_RESIDENT = ProblemType.named("not-a-resident-account",
            "Only a resident's own account can be deleted here", 409);

    private final Map<String, PersonalDataHolder> holders = new ConcurrentHashMap<>();
    private final Directory directory;
    private final PasswordSignIns signIns;
    private final ResidentDataWorkflow workflow;

    @Activate
    public ResidentData(@Reference Database database, @Reference Directory directory, @Reference EmailVerifications verifications,
            @Reference PseudonymService pseudonyms, @Reference PasswordSignIns signIns, @Reference AuditLog audit,
            PersonalDataConfiguration config) {
        this.directory = directory;
        this.signIns = signIns;
        Clock clock = Clock.systemUTC();
        this.workflow = new ResidentDataWorkflow(this::holders,
                Arrays.stream(config.requiredPersonalDataSections()).map(String::trim).filter(s -> !s.isEmpty()).toList(),
                new OwnAccountData(directory, verifications, pseudonyms, new AccountErasureRows(database)),
                new AuditRecord(audit), clock::instant);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addHolder(PersonalDataHolder holder, Map<String, Object> properties) {
        if (properties.get(PersonalDataHolder.SECTION) instanceof String section && !section.isBlank()
                && !ResidentDataWorkflow.ACCOUNT.equals(section)) {
            holders.put(section, holder);
        }
    }

    void removeHolder(PersonalDataHolder holder, Map<String, Object> properties) {
        if (properties.get(PersonalDataHolder.SECTION) instanceof String section) {
            holders.remove(section, holder);
        }
    }

    private SortedMap<String, PersonalDataHolder> holders() {
        return new TreeMap<>(holders);
    }

    /** Everything Porchlight holds about the signed-in resident, section by section. */
    public Map<String, Object> export(Caller caller) {
        return workflow.export(resident(caller).id());
    }

    /**
     * Deletes the signed-in resident's account once {@code password} confirms it: every module erases its part
     * first. The account's tokens stop working at once (each request checks the account).
     */
    public ResidentDataWorkflow.Receipt delete(Caller caller, String password, String clientAddress) {
        Account account = resident(caller);
        try {
            Caller confirmed = signIns.signIn(account.email(), password, clientAddress);
            if (!confirmed.account().equals(account.id())) {
                throw new ProblemException(WRONG_PASSWORD, "The password is not this account's.");
            }
        } catch (SignInBlockedException e) {
            long seconds = e.retryAfterSeconds();
            throw new ProblemException(ProblemType.TOO_MANY_ATTEMPTS, "Too many wrong passwords; try again in " + seconds + " s.")
                    .withHeader("Retry-After", Long.toString(seconds));
        } catch (AuthenticationException e) {
            throw new ProblemException(WRONG_PASSWORD, "The password is not this account's; nothing was deleted.");
        }
        return workflow.erase(account.id());
    }

    private Account resident(Caller caller) {
        if (!Roles.RESIDENT.equals(caller.role()) || caller.credential() == Caller.Credential.EXTERNAL_TOKEN) {
            throw new ProblemException(NOT_A_RESIDENT, "Staff, vendor and admin accounts are managed by their administrators.");
        }
        return directory.account(caller.account())
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such account."));
    }

    /** Exports and deletions in the audit chain: the resident by pseudonym, the sections by name and count only. */
    private record AuditRecord(AuditLog audit) implements ResidentDataWorkflow.Record {

        @Override
        public void erased(UUID account, Map<String, Erasure> receipt) {
            String target = receipt.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue().removed() + "/" + e.getValue().kept())
                    .collect(Collectors.joining(" ", "removed/kept ", ""));
            audit.append(new AuditEvent(AuditEvent.Actor.account(account, true), null, "account.deleted", target, "ok", null));
        }

        @Override
        public void failed(UUID account, String section) {
            audit.append(new AuditEvent(AuditEvent.Actor.account(account, true), null, "account.deleted", "section=" + section,
                    "incomplete", null));
        }
    }
}
