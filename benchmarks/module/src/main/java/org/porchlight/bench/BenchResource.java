package org.porchlight.bench;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.porchlight.api.rest.RestExtensions;
import org.porchlight.api.security.PersonalData;
import org.porchlight.api.security.Roles;
import org.porchlight.api.store.Database;

/**
 * The same small database read behind three declarations, so that only access control differs;
 * and {@code hello}, the trivial GET that docs/bench/side-by-side.sh compares with plain Jersey's
 * (benchmarks/anchor answers the same 19 bytes).
 */
@Component(service = BenchResource.class)
@JakartarsResource
@JakartarsExtensionSelect({RestExtensions.JSON, RestExtensions.PROBLEMS})
@Path("bench")
public class BenchResource {

    /** {@code {"message":"hello"}}, 19 bytes. */
    public record Hello(String message) {
    }

    private static final Hello HELLO = new Hello("hello");

    private final Database database;

    @Activate
    public BenchResource(@Reference Database database) {
        this.database = database;
    }

    @GET
    @Path("hello")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    public Hello hello() {
        return HELLO;
    }

    @GET
    @Path("open")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> open() {
        return read();
    }

    @GET
    @Path("signed-in")
    @RolesAllowed({Roles.OFFICER, Roles.PLATFORM_ADMIN})
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> signedIn() {
        return read();
    }

    @GET
    @Path("audited")
    @RolesAllowed({Roles.OFFICER, Roles.PLATFORM_ADMIN})
    @PersonalData
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> audited() {
        return read();
    }

    private Map<String, Object> read() {
        return database.withConnection(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT id, name FROM bench.item WHERE id = 1");
                    ResultSet rs = select.executeQuery()) {
                rs.next();
                return Map.of("id", rs.getInt(1), "name", rs.getString(2));
            }
        });
    }
}
