package org.porchlight.audit.rest;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.porchlight.api.rest.RestExtensions;
import org.porchlight.api.store.Database;
import org.porchlight.audit.chain.Checkpoint;
import org.porchlight.audit.chain.CheckpointKey;
import org.porchlight.audit.store.CheckpointTables;

import io.swagger.v3.oas.annotations.Operation;

/**
 * {@code /api/audit/checkpoints}: the audit chain's signed checkpoints and the keys that sign
 * them, for anyone, signed in or not, to copy and keep. They hold hashes, sequence numbers and
 * times only, nothing of the entries themselves.
 */
@Component(service = CheckpointResource.class)
@JakartarsResource
@JakartarsExtensionSelect({RestExtensions.JSON, RestExtensions.PROBLEMS})
@Path("audit/checkpoints")
public class CheckpointResource {

    /**
     * One page of checkpoints, with every key that signs checkpoints.
     *
     * @param checkpoints in sequence order
     * @param keys        the public keys, oldest first
     * @param next        the {@code since} of the next page, absent once the last page is reached
     */
    public record CheckpointPage(List<Checkpoint> checkpoints, List<CheckpointKey> keys, Long next) {
    }

    /**
     * The public keys that sign checkpoints.
     *
     * @param keys oldest first
     */
    public record CheckpointKeys(List<CheckpointKey> keys) {
    }

    private final Database database;

    @Activate
    public CheckpointResource(@Reference Database database) {
        this.database = database;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @PermitAll
    @Operation(summary = "One page of signed checkpoints of the audit chain (since=, limit=), with the keys that sign them")
    public CheckpointPage checkpoints(@QueryParam("since") @DefaultValue("0") @PositiveOrZero long since,
            @QueryParam("limit") @DefaultValue("1000") @Min(1) @Max(10000) int limit) {
        return database.withConnection(c -> {
            List<Checkpoint> checkpoints = CheckpointTables.page(c, since, limit);
            Long next = checkpoints.size() == limit ? checkpoints.get(checkpoints.size() - 1).sequence() : null;
            return new CheckpointPage(checkpoints, CheckpointTables.keys(c), next);
        });
    }

    @GET
    @Path("keys")
    @Produces(MediaType.APPLICATION_JSON)
    @PermitAll
    @Operation(summary = "The public keys that sign audit checkpoints, oldest first")
    public CheckpointKeys keys() {
        return new CheckpointKeys(database.withConnection(CheckpointTables::keys));
    }
}
