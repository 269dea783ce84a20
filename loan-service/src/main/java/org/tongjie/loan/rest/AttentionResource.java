package org.tongjie.loan.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tongjie.loan.service.AttentionLists;
import org.tongjie.platform.indicators.LibraryScope;
import org.tongjie.platform.rest.Page;
import org.tongjie.platform.security.Caller;
import org.tongjie.platform.security.Roles;

import java.sql.SQLException;
import java.time.Duration;

/** Circulation's lists for operators: holds about to expire on the shelf, blocked readers. */
@Path("/")
@Tag(name = "Operations", description = "Lists of what needs someone's attention")
@Produces(MediaType.APPLICATION_JSON)
public class AttentionResource {

    private final AttentionLists lists;
    private final LibraryScope scope;
    private final Caller caller;

    AttentionResource(AttentionLists lists, LibraryScope scope, Caller caller) {
        this.lists = lists;
        this.scope = scope;
        this.caller = caller;
    }

    @GET
    @Path("expiring-holds")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN, Roles.LIBRARIAN})
    @Operation(summary = "Holds waiting on a hold shelf that expire soon", description = "Soonest first, with "
            + "hours left (negative: already past, expiring at the next hourly run). library defaults to the "
            + "caller's own (the whole network for operators); tree=true adds every library below it.")
    @APIResponse(responseCode = "200", description = "One page of holds")
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "LIBRARY_SCOPE_VIOLATION")
    @APIResponse(responseCode = "404", description = "LIBRARY_NOT_FOUND")
    public Page<AttentionLists.ExpiringHold> expiringHolds(@QueryParam("library") String library,
            @QueryParam("tree") @DefaultValue("true") boolean tree,
            @QueryParam("withinHours") @DefaultValue("48") @Min(1) @Max(24 * 30) int withinHours,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(10_000) int page,
            @QueryParam("size") @DefaultValue(Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size)
            throws SQLException {
        return lists.expiringHolds(scope.resolve(caller, library, tree), Duration.ofHours(withinHours), page, size);
    }

    @GET
    @Path("blocked-patrons")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN, Roles.LIBRARIAN})
    @Operation(summary = "Readers blocked from borrowing", description = "By home library, longest overdue first, "
            + "then those blocked by unpaid fines, with the reasons. Blocks depend on each reader's policy, so the "
            + "list is drawn from the " + AttentionLists.BLOCK_CANDIDATES + " readers with the oldest overdue "
            + "items or owing fines; total counts the blocked among them.")
    @APIResponse(responseCode = "200", description = "One page of readers")
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "LIBRARY_SCOPE_VIOLATION")
    @APIResponse(responseCode = "404", description = "LIBRARY_NOT_FOUND")
    public Page<AttentionLists.BlockedPatron> blockedPatrons(@QueryParam("library") String library,
            @QueryParam("tree") @DefaultValue("true") boolean tree,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(10_000) int page,
            @QueryParam("size") @DefaultValue(Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size)
            throws SQLException {
        return lists.blockedPatrons(scope.resolve(caller, library, tree), page, size);
    }
}
