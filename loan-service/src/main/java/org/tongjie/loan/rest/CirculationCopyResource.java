package org.tongjie.loan.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tongjie.loan.rest.dto.CirculationCopyResponse;
import org.tongjie.loan.service.CopyProjection;
import org.tongjie.platform.problem.ProblemException;

@Path("/circulation/copies")
@Tag(name = "Circulation", description = "Circulation status of the network's copies")
@Produces(MediaType.APPLICATION_JSON)
public class CirculationCopyResource {

    private final CopyProjection projection;

    CirculationCopyResource(CopyProjection projection) {
        this.projection = projection;
    }

    @GET
    @Path("/{barcode}")
    @PermitAll
    @Operation(summary = "Circulation status of one copy", description = "Where the copy is and whether it can be "
            + "lent. A copy appears here seconds after the catalog registers it (event CopyRegistered).")
    @APIResponse(responseCode = "200", description = "The copy's status")
    @APIResponse(responseCode = "404", description = "COPY_NOT_FOUND: unknown to circulation (yet)")
    public CirculationCopyResponse get(@PathParam("barcode") String barcode) {
        return projection.byBarcode(barcode).map(CirculationCopyResponse::from)
                .orElseThrow(() -> ProblemException.notFound("COPY_NOT_FOUND", "No copy " + barcode));
    }
}
