package org.porchlight.registry;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
import org.porchlight.api.problem.Problem;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.rest.RestExtensions;

import io.swagger.v3.oas.annotations.Operation;

/** The density map: what the public and agencies see of where cameras are. */
@Component(service = DensityResource.class)
@JakartarsResource
@JakartarsExtensionSelect({RestExtensions.JSON, RestExtensions.PROBLEMS})
@Path("registry/density")
public class DensityResource {

    private final Registry registry;

    @Activate
    public DensityResource(@Reference Registry registry) {
        this.registry = registry;
    }

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Noisy counts of distinct camera owners per cell of a fixed grid (250, 500, 1000, 2000 or 4000 m: the "
            + "next size up from cell) for the cells that touch a box (west,south,east,north); figures below the minimum are "
            + "left out")
    public Registry.DensityMap density(
            @QueryParam("bbox") @NotNull @Pattern(regexp = "-?\\d{1,3}(\\.\\d+)?(,-?\\d{1,3}(\\.\\d+)?){3}") String bbox,
            @QueryParam("cell") @NotNull @Min(50) @Max(5000) Integer cell) {
        String[] parts = bbox.split(",");
        double west = Double.parseDouble(parts[0]);
        double south = Double.parseDouble(parts[1]);
        double east = Double.parseDouble(parts[2]);
        double north = Double.parseDouble(parts[3]);
        if (south < -90 || north > 90 || west < -180 || east > 180 || south >= north || west >= east) {
            throw new ProblemException(Problem.of(ProblemType.VALIDATION, "The box must be west,south,east,north with west < east and south < north.")
                    .withErrors(List.of(new Problem.FieldError("bbox", "not a box of valid coordinates"))));
        }
        return registry.density(new double[] {south, west, north, east}, cell);
    }
}
