package org.tongjie.loan.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.hibernate.exception.ConstraintViolationException;
import org.tongjie.loan.domain.LoanPolicy;
import org.tongjie.loan.rest.dto.LoanPolicyRequest;
import org.tongjie.loan.rest.dto.LoanPolicyResponse;
import org.tongjie.loan.service.ReferenceData;
import org.tongjie.platform.problem.ProblemException;
import org.tongjie.platform.security.Caller;
import org.tongjie.platform.security.Roles;

import java.net.URI;
import java.util.List;

@Path("/loan-policies")
@Tag(name = "Loan policies", description = "Each library's rules, inherited by its branches")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LoanPolicyResource {

    private final EntityManager em;
    private final Caller caller;
    private final ReferenceData reference;

    LoanPolicyResource(EntityManager em, Caller caller, ReferenceData reference) {
        this.reference = reference;
        this.em = em;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.LIBRARIAN, Roles.ADMIN, Roles.SYSTEM, Roles.OPERATOR})
    @Operation(summary = "List loan policies", description = "Of one library (its own, not inherited ones) or, "
            + "without library, the network defaults. At most 500.")
    @APIResponse(responseCode = "200", description = "The policies")
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED")
    @APIResponse(responseCode = "401", description = "No valid token")
    public List<LoanPolicyResponse> list(@QueryParam("library") @Pattern(regexp = "[A-Z0-9][A-Z0-9_-]{1,31}")
            String library) {
        var query = library == null
                ? em.createQuery("select p from LoanPolicy p where p.libraryCode is null", LoanPolicy.class)
                : em.createQuery("select p from LoanPolicy p where p.libraryCode = ?1", LoanPolicy.class)
                        .setParameter(1, library);
        return query.setMaxResults(500).getResultList().stream().map(LoanPolicyResponse::from).toList();
    }

    @POST
    @Transactional
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Add a loan policy", description = "A library's administrator sets its rules for a patron "
            + "type and loan type (either may be left open); branches inherit them unless they have their own. "
            + "Only network administrators set network defaults.")
    @APIResponse(responseCode = "201", description = "Added")
    @APIResponse(responseCode = "400", description = "Malformed JSON or wrong field types")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "LIBRARY_SCOPE_VIOLATION, NETWORK_ADMIN_REQUIRED")
    @APIResponse(responseCode = "409", description = "POLICY_EXISTS: one for this library and types already")
    @APIResponse(responseCode = "422", description = "VALIDATION_FAILED")
    public Response add(@NotNull @Valid LoanPolicyRequest request) {
        if (request.libraryCode() == null) {
            if (caller.library().isPresent()) {
                throw ProblemException.forbidden("NETWORK_ADMIN_REQUIRED", "Only network administrators set defaults");
            }
        } else {
            caller.requireActsFor(request.libraryCode());
        }
        LoanPolicy policy = LoanPolicy.of(request.libraryCode(),
                request.patronType() == null ? null : request.patronType().name(), request.loanType(),
                request.terms());
        try {
            em.persist(policy);
            em.flush();
            reference.changed();
        } catch (ConstraintViolationException e) {
            throw ProblemException.conflict("POLICY_EXISTS", "A policy for this library and types exists already");
        }
        return Response.created(URI.create("/loan-policies/" + policy.id())).entity(LoanPolicyResponse.from(policy))
                .build();
    }
}
