package org.tongjie.loan.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tongjie.loan.domain.Loan;
import org.tongjie.loan.domain.Patron;
import org.tongjie.loan.repository.LoanRepository;
import org.tongjie.loan.rest.dto.CirculationRequests;
import org.tongjie.loan.rest.dto.LoanResponse;
import org.tongjie.loan.rest.dto.PatronRequest;
import org.tongjie.loan.rest.dto.PatronResponse;
import org.tongjie.loan.service.Patrons;
import org.tongjie.loan.domain.Hold;
import org.tongjie.loan.repository.HoldRepository;
import org.tongjie.loan.rest.dto.HoldResponse;
import org.tongjie.loan.service.PatronBlocks;
import org.tongjie.platform.idempotency.Idempotent;
import org.tongjie.platform.rest.ApiConventionsFilter;
import org.tongjie.platform.rest.Page;
import org.tongjie.platform.security.Roles;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Path("/patrons")
@Tag(name = "Patrons", description = "Readers, their loans and fines")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PatronResource {

    private final Patrons patrons;
    private final LoanRepository loans;
    private final HoldRepository holds;
    private final PatronBlocks blocks;

    private final java.time.Clock clock;

    PatronResource(Patrons patrons, LoanRepository loans, HoldRepository holds, PatronBlocks blocks,
            java.time.Clock clock) {
        this.clock = clock;
        this.patrons = patrons;
        this.loans = loans;
        this.holds = holds;
        this.blocks = blocks;
    }

    @POST
    @Idempotent
    @Parameter(ref = ApiConventionsFilter.IDEMPOTENCY_KEY)
    @RolesAllowed({Roles.LIBRARIAN, Roles.ADMIN})
    @Operation(summary = "Register a reader", description = "At the caller's library. The PIN is stored as a bcrypt "
            + "hash; a resident ID is checked (GB 11643 check character) and kept only masked.")
    @APIResponse(responseCode = "201", description = "Registered")
    @APIResponse(responseCode = "400", description = "Malformed JSON or wrong field types")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "LIBRARY_SCOPE_VIOLATION")
    @APIResponse(responseCode = "409", description = "CARD_NUMBER_TAKEN, RESIDENT_ID_REGISTERED")
    @APIResponse(responseCode = "422", description = "VALIDATION_FAILED, INVALID_RESIDENT_ID")
    public Response register(@NotNull @Valid PatronRequest request) {
        Patron patron = patrons.register(request.toNewPatron());
        return Response.created(URI.create("/patrons/" + patron.cardNumber())).entity(PatronResponse.from(patron, List.of()))
                .build();
    }

    @GET
    @Path("/{card}")
    @RolesAllowed({Roles.PATRON, Roles.LIBRARIAN, Roles.ADMIN, Roles.SYSTEM})
    @Operation(summary = "Get a reader", description = "Staff see any reader; a reader sees only themselves.")
    @APIResponse(responseCode = "200", description = "The reader")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "404", description = "PATRON_NOT_FOUND (also for another reader's card)")
    public PatronResponse get(@PathParam("card") String card) {
        Patron patron = patrons.visible(card);
        return PatronResponse.from(patron, blocks.current(patron));
    }

    @GET
    @Path("/{card}/loans")
    @RolesAllowed({Roles.PATRON, Roles.LIBRARIAN, Roles.ADMIN, Roles.SYSTEM})
    @Operation(summary = "A reader's loans", description = "Newest first; status OPEN or CLOSED filters.")
    @APIResponse(responseCode = "200", description = "A page of loans")
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED: paging out of range")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "404", description = "PATRON_NOT_FOUND (also for another reader's card)")
    public Page<LoanResponse> loans(@PathParam("card") String card, @QueryParam("status") Loan.Status status,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue(Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size) {
        Patron patron = patrons.visible(card);
        return loans.ofPatron(patron.id(), status, page, size).map(loan -> LoanResponse.from(loan, clock.instant()));
    }

    @GET
    @Path("/{card}/holds")
    @RolesAllowed({Roles.PATRON, Roles.LIBRARIAN, Roles.ADMIN, Roles.SYSTEM})
    @Operation(summary = "A reader's holds", description = "Newest first, each waiting one with its place in the "
            + "record's queue; open=true lists only holds still open.")
    @APIResponse(responseCode = "200", description = "A page of holds")
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED: paging out of range")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "404", description = "PATRON_NOT_FOUND (also for another reader's card)")
    public Page<HoldResponse> holds(@PathParam("card") String card,
            @QueryParam("open") @DefaultValue("false") boolean open,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue(Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size) {
        Patron patron = patrons.visible(card);
        Page<Hold> found = holds.ofPatron(patron.id(), open, page, size);
        Map<UUID, Long> positions = holds.queuePositions(patron.id(), found.items());
        return found.map(hold -> HoldResponse.from(hold, positions.getOrDefault(hold.id(), 0L)));
    }

    @POST
    @Path("/{card}/payments")
    @RolesAllowed({Roles.LIBRARIAN, Roles.ADMIN})
    @Operation(summary = "Record a fine payment", description = "Taken at a desk; lowers the balance (never below "
            + "zero), which lifts a fine block once under the threshold.")
    @APIResponse(responseCode = "200", description = "The reader with the new balance")
    @APIResponse(responseCode = "400", description = "Malformed JSON or wrong field types")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "404", description = "PATRON_NOT_FOUND")
    @APIResponse(responseCode = "422", description = "VALIDATION_FAILED")
    public PatronResponse pay(@PathParam("card") String card, @NotNull @Valid CirculationRequests.Payment payment) {
        Patron patron = patrons.pay(card, payment.amountFen());
        return PatronResponse.from(patron, blocks.current(patron));
    }
}
