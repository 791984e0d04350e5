package org.porchlight.identity;

import java.util.Optional;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.security.ContactDetails;

/** Names and addresses of active accounts, for the bundles that may use them with consent. */
@Component
public class AccountContacts implements ContactDetails {

    private final Directory directory;

    @Activate
    public AccountContacts(@Reference Directory directory) {
        this.directory = directory;
    }

    @Override
    public Optional<Contact> contactOf(UUID account) {
        return directory.activeAccount(account).map(a -> new Contact(a.displayName(), a.email()));
    }
}
