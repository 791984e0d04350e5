package org.porchlight.registry;

import java.util.Map;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.personal.Erasure;
import org.porchlight.api.personal.PersonalDataHolder;
import org.porchlight.api.store.Database;

/**
 * A resident's cameras as their personal data: exported as they see them, and deleted with the account
 * (a registration claimed from an import leaves the same tombstone without personal data as when its
 * owner deletes it), with the resident's pending claims of imported registrations.
 */
@Component(property = PersonalDataHolder.SECTION + "=" + CameraData.SECTION)
public class CameraData implements PersonalDataHolder {

    static final String SECTION = "cameras";

    private final Registrations registrations;
    private final Database database;

    @Activate
    public CameraData(@Reference Registry registry, @Reference Database database) {
        this(registry.registrations(), database);
    }

    CameraData(Registrations registrations, Database database) {
        this.registrations = registrations;
        this.database = database;
    }

    @Override
    public Object export(UUID account) {
        return Map.of("registrations", registrations.list(account));
    }

    @Override
    public Erasure erase(UUID account) {
        return new Erasure(database.inTransaction(c -> registrations.deleteAll(c, account)), 0);
    }
}
