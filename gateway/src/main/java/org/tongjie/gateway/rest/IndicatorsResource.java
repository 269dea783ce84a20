package org.tongjie.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tongjie.gateway.proxy.ReverseProxy;
import org.tongjie.gateway.rest.Composition.Part;
import org.tongjie.platform.security.Roles;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The network's indicators for a library (and its tree) over a range of days, joined from every service's own
 * pre-summed counts, as JSON or CSV.
 */
@Path("/api/v1/indicators")
@Tag(name = "Indicators", description = "What the network did, per library and period, as JSON or CSV")
public class IndicatorsResource {

    static final String CSV = "text/csv";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final List<String> SERVICES = List.of("catalog", "loan", "delivery");

    private final Composition composition;
    private final ObjectMapper mapper;

    IndicatorsResource(Composition composition, ObjectMapper mapper) {
        this.composition = composition;
        this.mapper = mapper;
    }

    @GET
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @Operation(summary = "Indicators of a library and the libraries below it, per period", description = """
            Joined from catalog, loan and delivery, each answering from its own daily totals (never by scanning \
            its tables). Operators see any library or, without library, the whole network; a library's \
            administrator sees their library and those below it. periods: one entry per day, month or year of the \
            range; byLibrary: each library's own figures over the whole range; total: all of them together.

            Names: holdings.copies, holdings.titles and records (levels at the period's end); copies.added, \
            copies.withdrawn, records.catalogued; patrons (registered, level), patrons.registered (new), \
            patrons.active (borrowed in the period, over whole calendar months; not per day); loans, \
            loans.ofOtherLibraries (made here of another library's copy), loans.byOtherLibraries (our copies lent \
            by another library), returns (with the same two), returns.late, returns.lateShare, renewals, \
            loans.overdue; holds.placed, holds.filled, holds.timeToFill.medianSeconds, holds.expired, \
            holds.cancelled; transfers.requested, transfers.dispatched, transfers.received, \
            transfers.transitTime.medianSeconds; deliveryOrders.placed, deliveries, deliveries.items, \
            deliveries.shareOfLoans, deliveries.orderToDoor.medianSeconds, deliveries.returnedToLibrary, \
            returnPickups.received; fines.accruedFen, fines.paidFen; and the figures administrators enter: \
            visits, readerEvents, budgetFen, acquisitionsSpendingFen. Medians are read from histograms with \
            buckets 10 % wide.

            format=csv (or Accept: text/csv) gives one row per figure: scope (period, library or total), period, \
            from, to, library, indicator, value. A service that cannot answer is named in gaps and its figures \
            are missing; the rest still comes back.""")
    @APIResponse(responseCode = "200", description = "The indicators", content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "one month", value = """
                {"libraries": ["JLL", "JLL-QHS"], "from": "2026-10-01", "to": "2026-10-31", "granularity": "MONTH",
                 "periods": [{"period": "2026-10", "from": "2026-10-01", "to": "2026-10-31",
                   "values": {"loans": 1240, "loans.ofOtherLibraries": 310, "deliveries": 52,
                              "deliveries.orderToDoor.medianSeconds": 104400}}],
                 "byLibrary": [{"library": "JLL", "values": {"loans": 1002}}],
                 "total": {"loans": 1240}, "gaps": [], "complete": true}""")),
        @Content(mediaType = CSV, examples = @ExampleObject(name = "csv", value = """
                scope,period,from,to,library,indicator,value
                period,2026-10,2026-10-01,2026-10-31,,loans,1240
                library,,2026-10-01,2026-10-31,JLL,loans,1002"""))})
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED: a bad date, range or granularity")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "LIBRARY_SCOPE_VIOLATION: outside the administrator's tree")
    @APIResponse(responseCode = "404", description = "LIBRARY_NOT_FOUND")
    @APIResponse(responseCode = "503", description = "UPSTREAM_UNAVAILABLE: no service answered")
    public Uni<Response> indicators(
            @Parameter(description = "Library code; default the caller's own, or the network for operators")
            @QueryParam("library") String library,
            @Parameter(description = "Include every library below it (default true)") @QueryParam("tree") String tree,
            @Parameter(description = "First day, e.g. 2026-01-01 (default: 11 months before to, from the 1st)")
            @QueryParam("from") String from,
            @Parameter(description = "Last day (default today)") @QueryParam("to") String to,
            @Parameter(description = "DAY, MONTH (default), YEAR or TOTAL") @QueryParam("granularity")
            String granularity,
            @Parameter(description = "false leaves out each library's own figures (byLibrary), for a quicker answer")
            @QueryParam("byLibrary") String byLibrary,
            @Parameter(description = "csv for CSV") @QueryParam("format") String format,
            @HeaderParam(HttpHeaders.ACCEPT) String accept,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context RoutingContext ctx) {
        StringBuilder query = new StringBuilder("/indicators?");
        append(query, "library", library);
        append(query, "tree", tree);
        append(query, "from", from);
        append(query, "to", to);
        append(query, "granularity", granularity);
        append(query, "byLibrary", byLibrary);
        String requestId = ctx == null ? null : ctx.get(ReverseProxy.REQUEST_ID);
        boolean csv = "csv".equalsIgnoreCase(format) || (format == null && accept != null
                && accept.contains(CSV) && !accept.contains(MediaType.APPLICATION_JSON));
        List<Uni<Part>> parts = new ArrayList<>();
        for (String service : SERVICES) {
            parts.add(composition.part(service, service, query.toString(), authorization, requestId, TIMEOUT));
        }
        return Uni.join().all(parts).andFailFast().map(answers -> answer(answers, csv));
    }

    private static void append(StringBuilder query, String name, String value) {
        if (value != null) {
            query.append(query.charAt(query.length() - 1) == '?' ? "" : "&").append(name).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    private Response answer(List<Part> answers, boolean csv) {
        ObjectNode joined = null;
        ArrayNode gaps = mapper.createArrayNode();
        for (Part part : answers) {
            if (part.value() == null) {
                int status = part.gap().status();
                boolean projectionBehind = status == 404 && !"catalog".equals(part.gap().service());
                if (status >= 400 && status < 500 && status != 429 && !projectionBehind) {
                    return refusal(part);
                }
                gaps.add(mapper.valueToTree(part.gap()));
            } else if (joined == null) {
                joined = (ObjectNode) part.value();
            } else {
                merge(joined, part.value());
            }
        }
        if (joined == null) {
            return Response.status(503).type("application/problem+json").entity(mapper.createObjectNode()
                    .put("type", "about:blank").put("title", "Indicators unavailable").put("status", 503)
                    .put("code", "UPSTREAM_UNAVAILABLE").put("detail", "No service answered")).build();
        }
        derive(joined);
        joined.set("gaps", gaps);
        joined.put("complete", gaps.isEmpty());
        if (csv) {
            return Response.ok(csv(joined), CSV + "; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"indicators.csv\"").build();
        }
        return Response.ok(joined, MediaType.APPLICATION_JSON).build();
    }

    /** The same refusal every service gives (bad date, someone else's library): passed on as it came. */
    private Response refusal(Part part) {
        if (part.problem() instanceof ObjectNode upstream) {
            return Response.status(part.gap().status()).type("application/problem+json").entity(upstream).build();
        }
        ObjectNode problem = mapper.createObjectNode().put("type", "about:blank").put("title", "Refused")
                .put("status", part.gap().status()).put("code", part.gap().code())
                .put("detail", part.gap().service() + " refused the report: " + part.gap().code());
        return Response.status(part.gap().status()).type("application/problem+json").entity(problem).build();
    }

    /** Adds another service's values to the same periods, libraries and total. */
    private static void merge(ObjectNode into, JsonNode other) {
        Map<String, ObjectNode> periods = new LinkedHashMap<>();
        into.path("periods").forEach(p -> periods.put(p.path("period").asText(), (ObjectNode) p.path("values")));
        other.path("periods").forEach(p -> {
            ObjectNode values = periods.get(p.path("period").asText());
            if (values != null) {
                values.setAll((ObjectNode) p.path("values"));
            }
        });
        Map<String, ObjectNode> libraries = new LinkedHashMap<>();
        into.path("byLibrary").forEach(l -> libraries.put(l.path("library").asText(), (ObjectNode) l.path("values")));
        other.path("byLibrary").forEach(l -> {
            ObjectNode values = libraries.get(l.path("library").asText());
            if (values != null) {
                values.setAll((ObjectNode) l.path("values"));
            } else if (into.path("byLibrary") instanceof ArrayNode list) {
                list.add(l);
            }
        });
        if (into.path("total") instanceof ObjectNode total && other.path("total") instanceof ObjectNode more) {
            total.setAll(more);
        }
    }

    /** Shares that need figures of two services. */
    private static void derive(ObjectNode report) {
        List<ObjectNode> all = new ArrayList<>();
        report.path("periods").forEach(p -> all.add((ObjectNode) p.path("values")));
        report.path("byLibrary").forEach(l -> all.add((ObjectNode) l.path("values")));
        if (report.path("total") instanceof ObjectNode total) {
            all.add(total);
        }
        for (ObjectNode values : all) {
            share(values, "deliveries.shareOfLoans", "deliveries.items", "loans");
            share(values, "returns.lateShare", "returns.late", "returns");
        }
    }

    private static void share(ObjectNode values, String name, String part, String whole) {
        long denominator = values.path(whole).asLong(0);
        if (denominator > 0) {
            values.put(name, Math.round(values.path(part).asLong(0) * 10_000.0 / denominator) / 10_000.0);
        }
    }

    private static String csv(JsonNode report) {
        StringBuilder out = new StringBuilder("scope,period,from,to,library,indicator,value\n");
        String from = report.path("from").asText();
        String to = report.path("to").asText();
        report.path("periods").forEach(p -> rows(out, "period", p.path("period").asText(), p.path("from").asText(),
                p.path("to").asText(), "", p.path("values")));
        report.path("byLibrary").forEach(l -> rows(out, "library", "", from, to, l.path("library").asText(),
                l.path("values")));
        rows(out, "total", "", from, to, "", report.path("total"));
        return out.toString();
    }

    private static void rows(StringBuilder out, String scope, String period, String from, String to, String library,
            JsonNode values) {
        for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> value = it.next();
            out.append(scope).append(',').append(period).append(',').append(from).append(',').append(to).append(',')
                    .append(library).append(',').append(value.getKey()).append(',').append(value.getValue().asText())
                    .append('\n');
        }
    }
}
