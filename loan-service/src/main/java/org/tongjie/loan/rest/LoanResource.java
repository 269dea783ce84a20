package org.tongjie.loan.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tongjie.loan.domain.Loan;
import org.tongjie.loan.service.ReaderScope;
import org.tongjie.loan.rest.dto.LoanResponse;
import org.tongjie.platform.problem.ProblemException;
import org.tongjie.platform.security.Roles;

import java.util.UUID;

@Path("/loans")
@Tag(name = "Circulation")
@Produces(MediaType.APPLICATION_JSON)
public class LoanResource {

    private final EntityManager em;
    private final ReaderScope readers;

    private final java.time.Clock clock;

    LoanResource(EntityManager em, ReaderScope readers, java.time.Clock clock) {
        this.clock = clock;
        this.em = em;
        this.readers = readers;
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.PATRON, Roles.LIBRARIAN, Roles.ADMIN, Roles.SYSTEM})
    @Operation(summary = "Get one loan", description = "Staff see any loan; a reader only their own.")
    @APIResponse(responseCode = "200", description = "The loan")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "404", description = "LOAN_NOT_FOUND (also for another reader's loan)")
    public LoanResponse get(@PathParam("id") UUID id) {
        Loan loan = em.find(Loan.class, id);
        if (loan == null || readers.hidesPatron(loan.patronId())) {
            throw ProblemException.notFound("LOAN_NOT_FOUND", "No loan " + id);
        }
        return LoanResponse.from(loan, clock.instant());
    }
}
