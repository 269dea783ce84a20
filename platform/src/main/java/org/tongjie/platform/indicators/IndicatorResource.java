package org.tongjie.platform.indicators;

import io.quarkus.arc.properties.UnlessBuildProperty;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tongjie.platform.problem.ProblemException;
import org.tongjie.platform.security.Caller;
import org.tongjie.platform.security.Roles;

import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * This service's part of the network's indicators; the gateway's {@code GET /api/v1/indicators} joins the parts of
 * every service. Present in a service that names its library table in {@code tongjie.indicators.library-table}.
 */
@Path("/indicators")
@Tag(name = "Indicators", description = "What the network did, per library and period")
@Produces(MediaType.APPLICATION_JSON)
@UnlessBuildProperty(name = "tongjie.indicators.library-table", stringValue = "none")
public class IndicatorResource {

    /** The longest range a report covers, and the most periods it is cut into. */
    static final long MAX_DAYS = 3_660;
    static final int MAX_PERIODS = 400;

    private final IndicatorReports reports;
    private final LibraryScope scope;
    private final Caller caller;
    private final Clock clock;
    private final ZoneId zone;

    IndicatorResource(IndicatorReports reports, LibraryScope scope, Caller caller, Clock clock,
            @ConfigProperty(name = "tongjie.indicators.zone", defaultValue = "Asia/Shanghai") ZoneId zone) {
        this.reports = reports;
        this.scope = scope;
        this.caller = caller;
        this.clock = clock;
        this.zone = zone;
    }

    @GET
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "This service's indicators for a library (and its tree) over a range of days",
            description = "Counts summed per period, stocks as levels at each period's end, durations as "
                    + "<name>.count and <name>.medianSeconds, distinct members over whole calendar months (in all, "
                    + "per period except days, and per library). <name>.ofOtherLibraries: counted here of another "
                    + "library's copy; <name>.byOtherLibraries: our copies counted at another library. Defaults: the "
                    + "caller's own library (the whole network for operators), tree=true, the last twelve months by "
                    + "month, byLibrary=true (false leaves each library's own figures out and answers sooner).")
    @APIResponse(responseCode = "200", description = "The indicators")
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED: a bad date, range or granularity")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "LIBRARY_SCOPE_VIOLATION: outside the administrator's tree")
    @APIResponse(responseCode = "404", description = "LIBRARY_NOT_FOUND")
    public IndicatorReports.Report report(@QueryParam("library") String library,
            @QueryParam("tree") @DefaultValue("true") boolean tree, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("granularity") @DefaultValue("MONTH") String granularity,
            @QueryParam("byLibrary") @DefaultValue("true") boolean byLibrary) throws SQLException {
        LocalDate end = to == null ? LocalDate.now(clock.withZone(zone)) : date("to", to);
        LocalDate start = from == null ? end.minusMonths(11).withDayOfMonth(1) : date("from", from);
        IndicatorReports.Granularity cut = granularity(granularity);
        if (start.isAfter(end)) {
            throw ProblemException.invalidField("VALIDATION_FAILED", "from", "from is after to");
        }
        if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
            throw ProblemException.invalidField("VALIDATION_FAILED", "to", "A report covers at most " + MAX_DAYS
                    + " days");
        }
        if (IndicatorReports.periods(start, end, cut).size() > MAX_PERIODS) {
            throw ProblemException.invalidField("VALIDATION_FAILED", "granularity", "At most " + MAX_PERIODS
                    + " periods; choose a longer granularity or a shorter range");
        }
        List<String> libraries = scope.resolve(caller, library, tree);
        return reports.report(libraries, scope.wholeNetwork(libraries), byLibrary, start, end, cut);
    }

    private static LocalDate date(String field, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField("VALIDATION_FAILED", field, "Expected a date like 2026-10-01");
        }
    }

    private static IndicatorReports.Granularity granularity(String value) {
        try {
            return IndicatorReports.Granularity.valueOf(value.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("VALIDATION_FAILED", "granularity", "One of DAY, MONTH, YEAR, TOTAL");
        }
    }
}
