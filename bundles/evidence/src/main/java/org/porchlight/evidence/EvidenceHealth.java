package org.porchlight.evidence;

import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.health.HealthCheck;

/**
 * {@code evidence} in {@code /api/health}: down while the configured store is not running or
 * evidence exists whose master key this node lacks. Not critical: the rest of the server serves.
 */
@Component
public class EvidenceHealth implements HealthCheck {

    private final EvidenceRoom room;

    @Activate
    public EvidenceHealth(@Reference EvidenceRoom room) {
        this.room = room;
    }

    @Override
    public String name() {
        return "evidence";
    }

    @Override
    public Result check() {
        if (room.store(room.storeName()) == null) {
            return Result.down("the evidence store '" + room.storeName() + "' is not running");
        }
        if (!room.keyCustody().missingKeys().isEmpty()) {
            return Result.down("evidence exists whose master keys are not configured here: " + room.keyCustody().missingKeys());
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("store", room.storeName());
        details.put("masterKey", room.keyCustody().currentKeyId());
        details.put("filesByMasterKey", room.keyCustody().filesByMasterKey());
        return Result.up(details);
    }
}
