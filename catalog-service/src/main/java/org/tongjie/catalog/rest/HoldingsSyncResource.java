package org.tongjie.catalog.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tongjie.catalog.rest.dto.SyncRequest;
import org.tongjie.catalog.rest.dto.SyncResponse;
import org.tongjie.catalog.service.HoldingsSync;
import org.tongjie.catalog.service.MarcXmlHoldings;
import org.tongjie.catalog.service.LibraryService;
import org.tongjie.platform.problem.ProblemException;
import org.tongjie.platform.security.Caller;
import org.tongjie.platform.security.Roles;

@Path("/holdings-sync")
@Tag(name = "Holdings sync", description = "Bulk synchronisation of a district library system's records and copies")
@Produces(MediaType.APPLICATION_JSON)
public class HoldingsSyncResource {

    private static final String CODE = "[A-Z0-9][A-Z0-9_-]{1,31}";

    private final HoldingsSync sync;
    private final LibraryService libraries;
    private final Caller caller;

    HoldingsSyncResource(HoldingsSync sync, LibraryService libraries, Caller caller) {
        this.sync = sync;
        this.libraries = libraries;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.SYSTEM, Roles.LIBRARIAN, Roles.ADMIN})
    @Operation(summary = "Synchronise a batch of holdings", description = "Up to 1,000 records with their copies "
            + "for the caller's library. Records are matched by ISBN, else by the entry's ref; copies by barcode. "
            + "Each entry succeeds or fails independently of the others and is reported as CREATED, UPDATED, "
            + "UNCHANGED or REJECTED (with code and reason); sending the same batch again changes nothing and "
            + "publishes no events. A record catalogued by another library is never rewritten: the copies are "
            + "attached to it.")
    @APIResponse(responseCode = "200", description = "The outcome of every entry and copy")
    @APIResponse(responseCode = "400", description = "Malformed JSON or wrong field types")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "LIBRARY_SCOPE_VIOLATION: another library's holdings")
    @APIResponse(responseCode = "413", description = "Body larger than the limit")
    @APIResponse(responseCode = "422", description = "VALIDATION_FAILED (no entries, more than 1,000), "
            + "LIBRARY_REQUIRED, LIBRARY_UNKNOWN")
    public SyncResponse synchronise(
            @QueryParam("library") @Pattern(regexp = CODE)
            @Parameter(description = "Only for network administrators, who act for no single library") String library,
            @NotNull @Valid SyncRequest request) {
        return sync.apply(targetLibrary(library), request.entries());
    }

    @POST
    @Consumes({"application/marcxml+xml", MediaType.APPLICATION_XML, MediaType.TEXT_XML})
    @RolesAllowed({Roles.SYSTEM, Roles.LIBRARIAN, Roles.ADMIN})
    @Operation(summary = "Synchronise holdings from MARCXML", description = "The same synchronisation from a "
            + "MARCXML collection of up to 1,000 records, MARC21 or CNMARC/UNIMARC (told apart by field 245 or 200). "
            + "Record: 001 is the ref; ISBN 020/010, title 245/200, authors 1XX/7XX, publisher and year 260-264/210, "
            + "language 008/041/101, CLC 084/690, subjects 6XX, series 490/225. Copies: 952 ($p barcode, $a service "
            + "point, $o call number, $y loan type), 852 ($p, $b, $h) or 905 ($b barcode, $c location, $d/$e call "
            + "number); a copy without a location goes to defaultServicePoint. DOCTYPE declarations are refused.")
    @APIResponse(responseCode = "200", description = "The outcome of every record and copy")
    @APIResponse(responseCode = "400", description = "MALFORMED_MARCXML")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "LIBRARY_SCOPE_VIOLATION: another library's holdings")
    @APIResponse(responseCode = "413", description = "Body larger than the limit")
    @APIResponse(responseCode = "422", description = "VALIDATION_FAILED (no records, more than 1,000), "
            + "LIBRARY_REQUIRED, LIBRARY_UNKNOWN")
    public SyncResponse synchroniseMarcXml(
            @QueryParam("library") @Pattern(regexp = CODE)
            @Parameter(description = "Only for network administrators, who act for no single library") String library,
            @QueryParam("defaultServicePoint") @Pattern(regexp = CODE)
            @Parameter(description = "Service point for copies whose holding field names none") String servicePoint,
            byte[] marcXml) {
        String target = targetLibrary(library);
        if (marcXml == null || marcXml.length == 0) {
            throw new ProblemException(400, "MALFORMED_MARCXML", "Malformed MARCXML", "The body is empty",
                    java.util.List.of());
        }
        return sync.apply(target, MarcXmlHoldings.read(marcXml, servicePoint, SyncRequest.MAX_ENTRIES));
    }

    private String targetLibrary(String library) {
        String target = library != null ? library : caller.library().orElseThrow(() -> ProblemException
                .invalidField("LIBRARY_REQUIRED", "library", "Say which library's holdings these are"));
        caller.requireActsFor(target);
        libraries.find(target).orElseThrow(() -> ProblemException.invalidField("LIBRARY_UNKNOWN", "library",
                "No library " + target));
        return target;
    }
}
