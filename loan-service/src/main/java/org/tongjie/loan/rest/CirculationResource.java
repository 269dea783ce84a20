package org.tongjie.loan.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tongjie.loan.domain.Loan;
import org.tongjie.loan.rest.dto.CheckInResponse;
import org.tongjie.loan.rest.dto.CirculationRequests;
import org.tongjie.loan.rest.dto.LoanResponse;
import org.tongjie.loan.service.Circulation;
import org.tongjie.loan.service.OverdueJob;
import org.tongjie.platform.idempotency.Idempotent;
import org.tongjie.platform.rest.ApiConventionsFilter;
import org.tongjie.platform.security.Roles;

import java.net.URI;

@Path("/circulation")
@Tag(name = "Circulation", description = "Check-out, check-in anywhere and renewal (通借通还)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CirculationResource {

    private final Circulation circulation;
    private final OverdueJob overdue;

    private final java.time.Clock clock;

    CirculationResource(Circulation circulation, OverdueJob overdue, java.time.Clock clock) {
        this.clock = clock;
        this.circulation = circulation;
        this.overdue = overdue;
    }

    @POST
    @Path("/check-outs")
    @Idempotent
    @Parameter(ref = ApiConventionsFilter.IDEMPOTENCY_KEY)
    @RolesAllowed({Roles.LIBRARIAN, Roles.ADMIN, Roles.SYSTEM})
    @Operation(summary = "Check out a copy to a patron", description = "At a service point of the caller's library. "
            + "The copy's owning library's loan policy sets the due date. Many concurrent check-outs of one copy "
            + "make exactly one loan. Publishes LoanOpened and CopyStatusChanged.")
    @APIResponse(responseCode = "201", description = "Lent; Location names the loan")
    @APIResponse(responseCode = "400", description = "Malformed JSON or wrong field types")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "LIBRARY_SCOPE_VIOLATION: another library's desk")
    @APIResponse(responseCode = "409", description = "COPY_NOT_AVAILABLE, CONCURRENT_MODIFICATION")
    @APIResponse(responseCode = "422", description = "VALIDATION_FAILED, PATRON_NOT_FOUND, COPY_NOT_FOUND, "
            + "SERVICE_POINT_UNKNOWN, SERVICE_POINT_CANNOT_LEND, PATRON_BLOCKED, LOAN_LIMIT_REACHED, COPY_NOT_LOANABLE")
    public Response checkOut(@NotNull @Valid CirculationRequests.CheckOut request) {
        Loan loan = circulation.checkOut(request.cardNumber(), request.barcode(), request.servicePointCode());
        return Response.created(URI.create("/loans/" + loan.id())).entity(LoanResponse.from(loan, clock.instant())).build();
    }

    @POST
    @Path("/check-ins")
    @RolesAllowed({Roles.LIBRARIAN, Roles.ADMIN, Roles.SYSTEM})
    @Operation(summary = "Check in a copy at any service point", description = "Closes the loan (charging any "
            + "overdue fine) and says where the copy goes: back on this shelf when this is its home, or in "
            + "transit home (TransferRequested). Checking in the same copy twice changes nothing the second time. "
            + "Publishes LoanClosed and CopyStatusChanged.")
    @APIResponse(responseCode = "200", description = "Where the copy goes now")
    @APIResponse(responseCode = "400", description = "Malformed JSON or wrong field types")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "LIBRARY_SCOPE_VIOLATION: another library's desk")
    @APIResponse(responseCode = "422", description = "VALIDATION_FAILED, COPY_NOT_FOUND, SERVICE_POINT_UNKNOWN, "
            + "SERVICE_POINT_CANNOT_RETURN")
    public CheckInResponse checkIn(@NotNull @Valid CirculationRequests.CheckIn request) {
        return CheckInResponse.from(circulation.checkIn(request.barcode(), request.servicePointCode()));
    }

    @POST
    @Path("/overdue-runs")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Run the overdue job now", description = "The job also runs daily at 02:30 (Asia/Shanghai). "
            + "It marks loans found overdue (LoanOverdue) and brings their capped fines up to date, charging the "
            + "increase; a reader whose balance reaches the policy's threshold cannot borrow until paying. "
            + "Running it twice in a day charges nothing more.")
    @APIResponse(responseCode = "200", description = "What the run did")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an operator or administrator")
    public OverdueJob.Summary runOverdueJob() {
        return overdue.run();
    }

    @POST
    @Path("/renewals")
    @RolesAllowed({Roles.PATRON, Roles.LIBRARIAN, Roles.ADMIN, Roles.SYSTEM})
    @Operation(summary = "Renew a loan", description = "By the patron who has the copy, or by staff. The new due "
            + "date counts from the later of today and the current due date.")
    @APIResponse(responseCode = "200", description = "The renewed loan")
    @APIResponse(responseCode = "400", description = "Malformed JSON or wrong field types")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "404", description = "COPY_NOT_ON_LOAN (to you)")
    @APIResponse(responseCode = "409", description = "COPY_NOT_ON_LOAN")
    @APIResponse(responseCode = "422", description = "VALIDATION_FAILED, COPY_NOT_FOUND, RENEWAL_LIMIT_REACHED, "
            + "PATRON_BLOCKED")
    public LoanResponse renew(@NotNull @Valid CirculationRequests.Renewal request) {
        return LoanResponse.from(circulation.renew(request.barcode()), clock.instant());
    }
}
