package org.tongjie.catalog.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tongjie.catalog.domain.BibRecord;
import org.tongjie.catalog.rest.dto.RecordRequest;
import org.tongjie.catalog.rest.dto.RecordResponse;
import org.tongjie.catalog.rest.dto.RecordSearchResponse;
import org.tongjie.catalog.search.SearchResult;
import org.tongjie.catalog.service.Availability;
import org.tongjie.catalog.service.CatalogSearch;
import org.tongjie.catalog.service.HoldingsService;
import org.tongjie.platform.idempotency.Idempotent;
import org.tongjie.platform.rest.ApiConventionsFilter;
import org.tongjie.platform.problem.ProblemException;
import org.tongjie.platform.rest.ETags;
import org.tongjie.platform.security.Roles;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Path("/records")
@Tag(name = "Records", description = "Bibliographic records of the union catalog")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RecordResource {

    private static final String CODE = "[A-Z0-9][A-Z0-9_-]{1,31}";
    private static final String UUID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    private final HoldingsService service;
    private final CatalogSearch search;
    private final Availability availability;

    RecordResource(HoldingsService service, CatalogSearch search, Availability availability) {
        this.service = service;
        this.search = search;
        this.availability = availability;
    }

    @GET
    @PermitAll
    @Operation(summary = "Search the union catalog", description = "Finds records by title, authors, subjects, "
            + "publisher and series in Chinese (traditional characters are folded to simplified), pinyin of "
            + "any part of them (hongloumeng, loumeng; the last syllable may be unfinished, an apostrophe "
            + "separates syllables as in xi'an) or pinyin initials (hlm; two consonants such as zg match the "
            + "first two initials of a run of characters, not as a prefix), Latin text (case and accents ignored), "
            + "or an ISBN-10/13. "
            + "Filters combine; facets count the matches per library, language, CLC top class and availability.")
    @APIResponse(responseCode = "200", description = "A page of matching records")
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED: a parameter out of range")
    @APIResponse(responseCode = "422", description = "LIBRARY_UNKNOWN, INVALID_YEAR_RANGE")
    public RecordSearchResponse search(
            @QueryParam("q") @Size(max = 200) @Parameter(description = "Words, pinyin or an ISBN",
                    example = "红楼梦") String q,
            @QueryParam("library") @Pattern(regexp = CODE) @Parameter(description = "Held by this library")
            String library,
            @QueryParam("includeDescendants") @DefaultValue("false")
            @Parameter(description = "With library: also held by its branches") boolean includeDescendants,
            @QueryParam("available") @DefaultValue("false")
            @Parameter(description = "Only records with a copy on a shelf now, at any library (with library too: "
                    + "held there and on a shelf somewhere; availableAt asks for a shelf of one library)")
            boolean available,
            @QueryParam("availableAt") @Pattern(regexp = CODE)
            @Parameter(description = "Only records with a copy on a shelf of this library or its branches")
            String availableAt,
            @QueryParam("language") @Pattern(regexp = "[a-z]{2,3}") String language,
            @QueryParam("yearFrom") @Min(0) @Max(3000) Integer yearFrom,
            @QueryParam("yearTo") @Min(0) @Max(3000) Integer yearTo,
            @QueryParam("clc") @Pattern(regexp = "[A-Z][A-Z0-9./-]{0,15}")
            @Parameter(description = "中图法 class prefix", example = "I24") String clc,
            @QueryParam("sort") @DefaultValue("relevance") @Pattern(regexp = "relevance|year") String sort,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(99) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        SearchResult result = search.search(new CatalogSearch.Request(q, library, includeDescendants, available,
                availableAt, language, yearFrom, yearTo, clc, sort, page, size));
        return RecordSearchResponse.from(result, page, size);
    }

    @GET
    @Path("/lookup")
    @PermitAll
    @Operation(summary = "Get several records at once", description = "Up to 100 ids (repeat the id parameter); "
            + "unknown ids are left out of the answer. For apps showing the titles of a reader's loans and holds.")
    @APIResponse(responseCode = "200", description = "The records found, in the order asked")
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED: no id, more than 100, or not UUIDs")
    public List<RecordResponse> lookup(@QueryParam("id") @NotEmpty @Size(max = 100)
            @Parameter(description = "A record id; repeat for more") List<@Pattern(regexp = UUID_PATTERN,
                    message = "must be a UUID") String> ids) {
        List<UUID> asked = ids.stream().map(UUID::fromString).distinct().toList();
        Map<UUID, BibRecord> found = new HashMap<>();
        service.records(new LinkedHashSet<>(asked)).forEach(record -> found.put(record.id(), record));
        return asked.stream().filter(found::containsKey).map(id -> RecordResponse.from(found.get(id))).toList();
    }

    @GET
    @Path("/{id}")
    @PermitAll
    @Operation(summary = "Get one record")
    @APIResponse(responseCode = "200", description = "The record, with its ETag")
    @APIResponse(responseCode = "404", description = "RECORD_NOT_FOUND")
    public Response get(@PathParam("id") UUID id) {
        BibRecord record = service.record(id)
                .orElseThrow(() -> ProblemException.notFound("RECORD_NOT_FOUND", "No record " + id));
        return Response.ok(RecordResponse.from(record)).tag(new EntityTag(Long.toString(record.version()))).build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.LIBRARIAN, Roles.ADMIN, Roles.SYSTEM})
    @Operation(summary = "Revise a record", description = "Only staff of the library that catalogued the record "
            + "(or a network administrator) may. Send the ETag you read as If-Match. Publishes RecordUpdated when "
            + "something changed.")
    @APIResponse(responseCode = "200", description = "The record as it now is, with its new ETag")
    @APIResponse(responseCode = "400", description = "Malformed JSON or wrong field types")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "RECORD_OF_ANOTHER_LIBRARY")
    @APIResponse(responseCode = "404", description = "RECORD_NOT_FOUND")
    @APIResponse(responseCode = "409", description = "RECORD_ISBN_EXISTS, CONCURRENT_MODIFICATION")
    @APIResponse(responseCode = "412", description = "PRECONDITION_FAILED: changed since it was read")
    @APIResponse(responseCode = "422", description = "VALIDATION_FAILED, INVALID_ISBN")
    @APIResponse(responseCode = "428", description = "PRECONDITION_REQUIRED: If-Match missing")
    public Response redescribe(@PathParam("id") UUID id,
            @HeaderParam(ETags.IF_MATCH) @Parameter(description = "The ETag of the record as read") String ifMatch,
            @NotNull @Valid RecordRequest request) {
        BibRecord record = service.redescribe(id, ETags.requiredVersion(ifMatch), request.toDescription());
        return Response.ok(RecordResponse.from(record)).tag(new EntityTag(Long.toString(record.version()))).build();
    }

    @GET
    @Path("/{id}/availability")
    @PermitAll
    @Operation(summary = "Availability of a record across the network", description = "Per library: copies, "
            + "on the shelf, on loan (with the earliest due date), in transit, on a hold shelf, in delivery. "
            + "Follows loan-service's circulation events within seconds.")
    @APIResponse(responseCode = "200", description = "One entry per library holding the record")
    @APIResponse(responseCode = "404", description = "RECORD_NOT_FOUND")
    public List<Availability.AtLibrary> availability(@PathParam("id") UUID id) {
        service.record(id).orElseThrow(() -> ProblemException.notFound("RECORD_NOT_FOUND", "No record " + id));
        return availability.of(id);
    }

    @POST
    @Idempotent
    @Parameter(ref = ApiConventionsFilter.IDEMPOTENCY_KEY)
    @RolesAllowed({Roles.LIBRARIAN, Roles.ADMIN, Roles.SYSTEM})
    @Operation(summary = "Catalogue a record", description = "The ISBN is checked and stored as ISBN-13; "
            + "one record per ISBN in the whole network.")
    @APIResponse(responseCode = "201", description = "Catalogued; Location names the record")
    @APIResponse(responseCode = "400", description = "Malformed JSON or wrong field types")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not staff or a library system")
    @APIResponse(responseCode = "409", description = "RECORD_ISBN_EXISTS")
    @APIResponse(responseCode = "422", description = "VALIDATION_FAILED, INVALID_ISBN")
    public Response catalogue(@NotNull @Valid RecordRequest request, @Context UriInfo uri) {
        BibRecord record = service.catalogue(request.toDescription());
        return Response.created(uri.getAbsolutePathBuilder().path(record.id().toString()).build())
                .entity(RecordResponse.from(record)).build();
    }
}
