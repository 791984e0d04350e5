package org.porchlight.identity;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.security.Accounts;
import org.porchlight.api.security.ContactDetails;
import org.porchlight.api.security.StaffDirectory;

/**
 * Accounts as other bundles may see them: names and addresses of active accounts for uses the
 * person consented to ({@link ContactDetails}), and facts that are not personal data ({@link Accounts},
 * the ids of an agency's staff by role: {@link StaffDirectory}).
 */
@Component
public class AccountContacts implements ContactDetails, Accounts, StaffDirectory {

    private final Directory directory;
    private final EmailVerifications verifications;

    @Activate
    public AccountContacts(@Reference Directory directory, @Reference EmailVerifications verifications) {
        this.directory = directory;
        this.verifications = verifications;
    }

    @Override
    public Optional<Contact> contactOf(UUID account) {
        return directory.activeAccount(account).map(a -> new Contact(a.displayName(), a.email()));
    }

    @Override
    public Optional<Accounts.Account> find(UUID account) {
        return directory.account(account).map(a -> new Accounts.Account(a.id(), a.role(), a.agency(), a.createdAt()));
    }

    @Override
    public boolean emailVerified(UUID account) {
        return verifications.verified(account);
    }

    @Override
    public Optional<Locale> language(UUID account) {
        return directory.account(account).map(a -> a.language()).filter(Profiles.LANGUAGES::contains)
                .map(Locale::forLanguageTag);
    }

    @Override
    public List<UUID> activeStaff(String agency, Set<String> roles) {
        return directory.activeStaff(agency, roles);
    }
}
