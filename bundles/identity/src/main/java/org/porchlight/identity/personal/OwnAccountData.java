package org.porchlight.identity.personal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.porchlight.api.security.PseudonymService;
import org.porchlight.identity.Account;
import org.porchlight.identity.Agency;
import org.porchlight.identity.Directory;
import org.porchlight.identity.EmailVerifications;
import org.porchlight.identity.store.AccountErasureRows;

/** The identity bundle's own section of a resident's data: the account, its address, and its pseudonyms. */
final class OwnAccountData implements ResidentDataWorkflow.OwnAccount {

    private final Directory directory;
    private final EmailVerifications verifications;
    private final PseudonymService pseudonyms;
    private final AccountErasureRows rows;

    OwnAccountData(Directory directory, EmailVerifications verifications, PseudonymService pseudonyms, AccountErasureRows rows) {
        this.directory = directory;
        this.verifications = verifications;
        this.pseudonyms = pseudonyms;
        this.rows = rows;
    }

    @Override
    public Map<String, Object> export(UUID id) {
        Account account = directory.account(id).orElseThrow();
        List<Map<String, Object>> agencies = new ArrayList<>();
        for (Agency agency : directory.agencies(null)) {
            agencies.add(Map.of("agency", agency.code(), "pseudonym", pseudonyms.pseudonym(id, agency.code()).label()));
        }
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("id", account.id().toString());
        section.put("email", account.email());
        section.put("emailVerified", verifications.verified(id));
        section.put("displayName", account.displayName());
        section.put("phone", account.phone());
        section.put("language", account.language());
        section.put("lastSignInAt", account.lastSignInAt() == null ? null : account.lastSignInAt().toString());
        section.put("role", account.role());
        section.put("status", account.status());
        section.put("createdAt", account.createdAt() == null ? null : account.createdAt().toString());
        section.put("auditPseudonym", pseudonyms.platformPseudonym(id).label());
        section.put("pseudonyms", agencies);
        return section;
    }

    @Override
    public long remove(UUID account) {
        return rows.delete(account);
    }
}
