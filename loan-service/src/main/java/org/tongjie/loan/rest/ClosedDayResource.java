package org.tongjie.loan.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.tongjie.loan.rest.dto.Codes;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tongjie.loan.service.OpeningCalendar;
import org.tongjie.platform.problem.ProblemException;
import org.tongjie.platform.security.Roles;

import java.time.LocalDate;
import java.util.List;

@Path("/closed-days")
@Tag(name = "Loan policies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ClosedDayResource {

    private static final String CODE = Codes.PATTERN;

    private final OpeningCalendar calendar;

    ClosedDayResource(OpeningCalendar calendar) {
        this.calendar = calendar;
    }

    /** Days a library will be closed. */
    @Schema(name = "ClosedDaysRequest")
    public record ClosedDays(@NotNull @Pattern(regexp = CODE) String libraryCode,
            @NotEmpty @Size(max = 366) List<@NotNull LocalDate> days) {
    }

    @GET
    @PermitAll
    @Operation(summary = "A library's closed days", description = "Between two dates (at most 400 days shown).")
    @APIResponse(responseCode = "200", description = "The closed days, in order")
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED")
    @APIResponse(responseCode = "422", description = "INVALID_DATE_RANGE")
    public List<LocalDate> list(@QueryParam("library") @NotNull @Pattern(regexp = CODE) String library,
            @QueryParam("from") @NotNull LocalDate from, @QueryParam("to") @NotNull LocalDate to) {
        if (to.isBefore(from)) {
            throw ProblemException.invalidField("INVALID_DATE_RANGE", "to", "to is before from");
        }
        return calendar.closedDays(library, from, to);
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Record closed days", description = "A loan or renewal that would fall due on a closed "
            + "day of the lending library falls due on its next open day instead.")
    @APIResponse(responseCode = "204", description = "Recorded")
    @APIResponse(responseCode = "400", description = "Malformed JSON or wrong field types")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "LIBRARY_SCOPE_VIOLATION")
    @APIResponse(responseCode = "422", description = "VALIDATION_FAILED")
    public void close(@NotNull @Valid ClosedDays request) {
        calendar.close(request.libraryCode(), request.days());
    }
}
