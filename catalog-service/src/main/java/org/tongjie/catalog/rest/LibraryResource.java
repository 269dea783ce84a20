package org.tongjie.catalog.rest;

import jakarta.annotation.security.PermitAll;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tongjie.catalog.domain.Library;
import org.tongjie.catalog.domain.LibraryLevel;
import org.tongjie.catalog.rest.dto.LibraryRequest;
import org.tongjie.catalog.rest.dto.LibraryResponse;
import org.tongjie.catalog.rest.dto.ServicePointRequest;
import org.tongjie.catalog.rest.dto.ServicePointResponse;
import org.tongjie.catalog.repository.LibraryRepository;
import org.tongjie.catalog.service.LibraryService;
import org.tongjie.platform.idempotency.Idempotent;
import org.tongjie.platform.rest.ApiConventionsFilter;
import org.tongjie.platform.problem.ProblemException;
import org.tongjie.platform.rest.Page;
import org.tongjie.platform.security.Roles;

import java.util.List;

@Path("/libraries")
@Tag(name = "Libraries", description = "The library tree of the network and its service points")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LibraryResource {

    private final LibraryService service;
    private final LibraryRepository repository;
    private final org.tongjie.catalog.service.LibraryFigures figures;
    private final org.tongjie.platform.indicators.LibraryScope scope;
    private final org.tongjie.platform.security.Caller caller;

    LibraryResource(LibraryService service, LibraryRepository repository,
            org.tongjie.catalog.service.LibraryFigures figures, org.tongjie.platform.indicators.LibraryScope scope,
            org.tongjie.platform.security.Caller caller) {
        this.service = service;
        this.repository = repository;
        this.figures = figures;
        this.scope = scope;
        this.caller = caller;
    }

    @GET
    @PermitAll
    @Operation(summary = "List libraries", description = "Libraries ordered by code, optionally of one level, the "
            + "direct branches of one parent, or (descendants=true) everything below it in the tree.")
    @APIResponse(responseCode = "200", description = "A page of libraries")
    @APIResponse(responseCode = "400", description = "Invalid paging or filter")
    public Page<LibraryResponse> list(@QueryParam("level") LibraryLevel level, @QueryParam("parent") String parent,
            @QueryParam("descendants") @DefaultValue("false") boolean descendants,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue(Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size) {
        return repository.list(level, parent, descendants, page, size).map(LibraryResponse::from);
    }

    @GET
    @Path("/{code}")
    @PermitAll
    @Operation(summary = "Get one library")
    @APIResponse(responseCode = "200", description = "The library")
    @APIResponse(responseCode = "404", description = "No such library")
    public LibraryResponse get(@PathParam("code") String code) {
        return service.find(code).map(LibraryResponse::from).orElseThrow(() -> libraryNotFound(code));
    }

    @POST
    @Idempotent
    @Parameter(ref = ApiConventionsFilter.IDEMPOTENCY_KEY)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Register a library", description = "Adds a library to the network tree. A branch must "
            + "sit below its parent's level (a district under a city, a village under a township).")
    @APIResponse(responseCode = "201", description = "Registered; Location names the library")
    @APIResponse(responseCode = "400", description = "Malformed JSON or wrong field types")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an administrator")
    @APIResponse(responseCode = "409", description = "LIBRARY_CODE_TAKEN")
    @APIResponse(responseCode = "422", description = "VALIDATION_FAILED, PARENT_LIBRARY_UNKNOWN, "
            + "LIBRARY_LEVEL_NOT_BELOW_PARENT")
    public Response register(@NotNull @Valid LibraryRequest request, @Context UriInfo uri) {
        Library library = service.register(request.toNewLibrary());
        return Response.created(uri.getAbsolutePathBuilder().path(library.code()).build())
                .entity(LibraryResponse.from(library)).build();
    }

    @GET
    @Path("/{code}/service-points")
    @PermitAll
    @Operation(summary = "List a library's service points", description = "With descendants=true, also those of "
            + "every library below it (a county with its township and village service points).")
    @APIResponse(responseCode = "200", description = "Every service point of the library")
    @APIResponse(responseCode = "404", description = "No such library")
    public List<ServicePointResponse> servicePoints(@PathParam("code") String code,
            @QueryParam("descendants") @DefaultValue("false") boolean descendants) {
        service.find(code).orElseThrow(() -> libraryNotFound(code));
        return service.servicePointsOf(code, descendants).stream().map(ServicePointResponse::from).toList();
    }

    @POST
    @Idempotent
    @Parameter(ref = ApiConventionsFilter.IDEMPOTENCY_KEY)
    @Path("/{code}/service-points")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Open a service point", description = "A desk, 24-hour self-service room, reading bar, "
            + "village book house or locker of the library.")
    @APIResponse(responseCode = "201", description = "Opened")
    @APIResponse(responseCode = "400", description = "Malformed JSON or wrong field types")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an administrator of this library")
    @APIResponse(responseCode = "404", description = "No such library")
    @APIResponse(responseCode = "409", description = "SERVICE_POINT_CODE_TAKEN")
    @APIResponse(responseCode = "422", description = "VALIDATION_FAILED")
    public Response openServicePoint(@PathParam("code") String code, @NotNull @Valid ServicePointRequest request,
            @jakarta.ws.rs.core.Context UriInfo uri) {
        var point = service.openServicePoint(code, request.toNewServicePoint());
        return Response.created(uri.getAbsolutePathBuilder().path(point.code()).build())
                .entity(ServicePointResponse.from(point)).build();
    }

    @GET
    @Path("/{code}/figures")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Operation(summary = "The figures a library entered", description = "Visits, reader events, budget and "
            + "acquisitions spending per month or year, between two periods (default: the whole current and last "
            + "year). Administrators see their library and the libraries below it; operators every library.")
    @APIResponse(responseCode = "200", description = "The entered periods, oldest first (at most 200)")
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED: a period is not like 2026 or 2026-10")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "LIBRARY_SCOPE_VIOLATION")
    @APIResponse(responseCode = "404", description = "LIBRARY_NOT_FOUND")
    public List<org.tongjie.catalog.service.LibraryFigures.Figures> figures(@PathParam("code") String code,
            @QueryParam("from") String from, @QueryParam("to") String to) throws java.sql.SQLException {
        int year = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).getYear();
        String first = from == null ? String.valueOf(year - 1) : from;
        String last = to == null ? year + "-12" : to;
        org.tongjie.catalog.service.LibraryFigures.firstDay(first);
        org.tongjie.catalog.service.LibraryFigures.firstDay(last);
        scope.resolve(caller, code, false);
        return figures.list(code, first, last.length() == 4 ? last + "-12" : last);
    }

    @jakarta.ws.rs.PUT
    @Path("/{code}/figures/{period}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Enter a library's figures for a month or year", description = "The indicators that "
            + "are not lending data, so all eight of Suzhou Library's core indicators show side by side: visits, "
            + "reader events, budget and acquisitions spending. New figures need no If-Match; changing entered "
            + "ones needs the ETag read. Reports show a month's figures in that month and a year's in its January.")
    @APIResponse(responseCode = "200", description = "The figures as stored, with their ETag")
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED: the period or a value")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an administrator of this library")
    @APIResponse(responseCode = "404", description = "LIBRARY_NOT_FOUND")
    @APIResponse(responseCode = "412", description = "PRECONDITION_FAILED: changed since read")
    @APIResponse(responseCode = "428", description = "PRECONDITION_REQUIRED: figures exist, If-Match missing")
    public Response putFigures(@PathParam("code") String code, @PathParam("period") String period,
            @jakarta.ws.rs.HeaderParam(org.tongjie.platform.rest.ETags.IF_MATCH) String ifMatch,
            @NotNull @Valid org.tongjie.catalog.rest.dto.FiguresRequest request) {
        var stored = figures.put(code, period, request.values(), ifMatch);
        return Response.ok(stored).tag(String.valueOf(stored.version())).build();
    }

    private static ProblemException libraryNotFound(String code) {
        return ProblemException.notFound("LIBRARY_NOT_FOUND", "No library " + code);
    }
}
