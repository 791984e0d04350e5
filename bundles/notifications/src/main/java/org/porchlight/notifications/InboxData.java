package org.porchlight.notifications;

import java.util.Map;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.personal.Erasure;
import org.porchlight.api.personal.PersonalDataHolder;
import org.porchlight.api.store.Database;
import org.porchlight.notifications.inbox.Inbox;

/**
 * A resident's notifications as their personal data: their inbox for the export; with the account, the inbox and
 * every notification addressed to them (still to be sent or sent) are deleted.
 */
@Component(property = PersonalDataHolder.SECTION + "=" + InboxData.SECTION)
public class InboxData implements PersonalDataHolder {

    static final String SECTION = "inbox";
    /** More items than one inbox holds within the outbox's retention; the export reads them all. */
    private static final int ALL = 100_000;

    private final Inbox inbox;
    private final Database database;

    @Activate
    public InboxData(@Reference Inbox inbox, @Reference Database database) {
        this.inbox = inbox;
        this.database = database;
    }

    @Override
    public Object export(UUID account) {
        return Map.of("items", inbox.page(account, null, ALL).items());
    }

    @Override
    public Erasure erase(UUID account) {
        return new Erasure(database.inTransaction(c -> AccountNotifications.delete(c, account)), 0);
    }
}
