package org.tongjie.loan.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.tongjie.loan.rest.dto.Codes;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tongjie.loan.purchase.Bookstores;
import org.tongjie.loan.purchase.Purchase;
import org.tongjie.loan.purchase.Purchases;
import org.tongjie.loan.purchase.Settlements;
import org.tongjie.loan.rest.dto.PurchaseDtos.BookstoreRequest;
import org.tongjie.loan.rest.dto.PurchaseDtos.BookstoreView;
import org.tongjie.loan.rest.dto.PurchaseDtos.PurchaseRequest;
import org.tongjie.loan.rest.dto.PurchaseDtos.PurchaseView;
import org.tongjie.loan.rest.dto.PurchaseDtos.SettlementLine;
import org.tongjie.loan.rest.dto.PurchaseDtos.SettlementRequest;
import org.tongjie.loan.rest.dto.PurchaseDtos.Statement;
import org.tongjie.platform.idempotency.IdempotencyInterceptor;
import org.tongjie.platform.rest.Page;
import org.tongjie.platform.security.BookstoreAccess;
import org.tongjie.platform.security.Roles;

import java.time.YearMonth;

@Path("/bookstores")
@Tag(name = "Bookstore purchases", description = "你选书·我买单: readers pick new books at partner bookstores; the "
        + "library buys them and lends them on the spot, and settles with each bookstore monthly")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BookstoreResource {

    private static final String CODE = Codes.PATTERN;
    private static final String MONTH = "\\d{4}-(0[1-9]|1[0-2])";
    private static final String CSV = "text/csv";

    private final Bookstores bookstores;
    private final Purchases purchases;
    private final Settlements settlements;

    BookstoreResource(Bookstores bookstores, Purchases purchases, Settlements settlements) {
        this.bookstores = bookstores;
        this.purchases = purchases;
        this.settlements = settlements;
    }

    @PUT
    @Path("/{code}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Register or update a partner bookstore", description = "By an administrator of the "
            + "library. Copies bought there belong to the given service point of the library. The bookstore's "
            + "counter then needs a machine client with this bookstore code (`POST /clients` at the gateway).")
    @APIResponse(responseCode = "200", description = "Updated")
    @APIResponse(responseCode = "201", description = "Registered")
    @APIResponse(responseCode = "400", description = "Malformed JSON or wrong field types")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "LIBRARY_SCOPE_VIOLATION, ADMIN_REQUIRED")
    @APIResponse(responseCode = "409", description = "BOOKSTORE_OF_ANOTHER_LIBRARY")
    @APIResponse(responseCode = "422", description = "SERVICE_POINT_UNKNOWN, VALIDATION_FAILED")
    public Response register(@PathParam("code") @Pattern(regexp = CODE) String code,
            @NotNull @Valid BookstoreRequest request) {
        var registration = bookstores.register(code, request.libraryCode(), request.name(),
                request.servicePointCode(), request.active() == null || request.active());
        var view = BookstoreView.of(registration.bookstore(), bookstores.rulesOrNull(request.libraryCode()));
        return (registration.created() ? Response.status(Response.Status.CREATED) : Response.ok()).entity(view)
                .build();
    }

    @GET
    @Path("/{code}")
    @BookstoreAccess
    @RolesAllowed({Roles.SYSTEM, Roles.LIBRARIAN, Roles.ADMIN, Roles.OPERATOR})
    @Operation(summary = "A partner bookstore and its library's rules", description = "For the bookstore itself "
            + "(its counter shows the rules) and the library's staff.")
    @APIResponse(responseCode = "200", description = "The bookstore")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "BOOKSTORE_SCOPE_VIOLATION")
    @APIResponse(responseCode = "404", description = "BOOKSTORE_NOT_FOUND")
    public BookstoreView get(@PathParam("code") @Pattern(regexp = CODE) String code) {
        var bookstore = bookstores.get(code);
        return BookstoreView.of(bookstore, bookstores.rulesOrNull(bookstore.libraryCode()));
    }

    @GET
    @RolesAllowed({Roles.LIBRARIAN, Roles.ADMIN, Roles.OPERATOR})
    @Operation(summary = "A library's partner bookstores")
    @APIResponse(responseCode = "200", description = "A page of bookstores, by code")
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED: library missing, bad page or size")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "LIBRARY_SCOPE_VIOLATION")
    public Page<BookstoreView> list(@QueryParam("library") @NotNull @Pattern(regexp = CODE) String library,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue(Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size) {
        var rules = bookstores.rulesOrNull(library);
        return bookstores.ofLibrary(library, page, size).map(b -> BookstoreView.of(b, rules));
    }

    @POST
    @Path("/{code}/purchases")
    @BookstoreAccess
    @RolesAllowed(Roles.SYSTEM)
    @Operation(summary = "Buy a book a reader picked, and lend it to them at once", description = "By the "
            + "bookstore's own client. The library's rules decide: the reader in good standing and under the "
            + "loan limit and monthly quota, the price under the cap, the book not of an excluded class, the "
            + "network not already holding enough copies, one copy per reader per ISBN. Accepted, the record is "
            + "matched by ISBN (or created from the title data sent), a copy with a new barcode joins the "
            + "library's collection and is checked out to the reader with the normal loan period — all or "
            + "nothing. The receipt number makes it idempotent: the same receipt again returns the same "
            + "purchase (200, `Idempotent-Replayed: true`), never a second copy or loan.\n\n"
            + "Refusal codes for the counter: PATRON_NOT_FOUND (无此读者证), PATRON_BLOCKED (读者证受限：逾期或欠款), "
            + "LOAN_LIMIT_REACHED (借阅册数已满), MONTHLY_QUOTA_REACHED (本月荐购册数已满), PRICE_OVER_CAP (超出限价), "
            + "ALREADY_BOUGHT_FOR_READER (该读者已荐购过此书), CATEGORY_EXCLUDED (教材教辅等不在采购范围), "
            + "ENOUGH_COPIES_IN_NETWORK (馆藏复本已足，可预约借阅), RECORD_DATA_REQUIRED (请补充书名等信息), "
            + "INVALID_ISBN (ISBN 有误), PURCHASES_NOT_OFFERED / BOOKSTORE_INACTIVE (暂停荐购).")
    @APIResponse(responseCode = "200", description = "This receipt's purchase, made earlier")
    @APIResponse(responseCode = "201", description = "Bought and lent: print the barcode")
    @APIResponse(responseCode = "400", description = "Malformed JSON or wrong field types")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "BOOKSTORE_SCOPE_VIOLATION: not this bookstore's client")
    @APIResponse(responseCode = "404", description = "BOOKSTORE_NOT_FOUND")
    @APIResponse(responseCode = "409", description = "RECEIPT_REUSED, PURCHASE_ABANDONED, PURCHASES_NOT_OFFERED, "
            + "BOOKSTORE_INACTIVE, PURCHASE_CONFLICT")
    @APIResponse(responseCode = "422", description = "PATRON_NOT_FOUND, PATRON_BLOCKED, LOAN_LIMIT_REACHED, "
            + "MONTHLY_QUOTA_REACHED, PRICE_OVER_CAP, ALREADY_BOUGHT_FOR_READER, CATEGORY_EXCLUDED, "
            + "ENOUGH_COPIES_IN_NETWORK, RECORD_DATA_REQUIRED, INVALID_ISBN, VALIDATION_FAILED")
    @APIResponse(responseCode = "503", description = "CATALOG_UNAVAILABLE: not finished; send the same request "
            + "again")
    public Response buy(@PathParam("code") @Pattern(regexp = CODE) String code,
            @NotNull @Valid PurchaseRequest request) {
        var outcome = purchases.buy(code, request.toOrder());
        Purchase purchase = outcome.purchase();
        var location = UriBuilder.fromPath("/bookstores/{code}/purchases/{receipt}")
                .build(code, purchase.receiptNumber());
        var response = outcome.repeated() ? Response.ok().header(IdempotencyInterceptor.REPLAYED, "true")
                : Response.created(location);
        return response.location(location).entity(PurchaseView.of(purchase)).build();
    }

    @GET
    @Path("/{code}/purchases/{receipt}")
    @BookstoreAccess
    @RolesAllowed({Roles.SYSTEM, Roles.LIBRARIAN, Roles.ADMIN, Roles.OPERATOR})
    @Operation(summary = "A purchase by its receipt number")
    @APIResponse(responseCode = "200", description = "The purchase")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "BOOKSTORE_SCOPE_VIOLATION")
    @APIResponse(responseCode = "404", description = "BOOKSTORE_NOT_FOUND, PURCHASE_NOT_FOUND")
    public PurchaseView purchase(@PathParam("code") @Pattern(regexp = CODE) String code,
            @PathParam("receipt") @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._/-]{0,63}") String receipt) {
        return PurchaseView.of(purchases.byReceipt(code, receipt));
    }

    @GET
    @Path("/{code}/settlements/{month}")
    @BookstoreAccess
    @RolesAllowed({Roles.SYSTEM, Roles.LIBRARIAN, Roles.ADMIN, Roles.OPERATOR})
    @Operation(summary = "A month's settlement statement", description = "Every purchase completed at the "
            + "bookstore in the month (library time) with price, masked card, record and barcode, and the totals; "
            + "paginated. Ask with `Accept: text/csv` for the whole month as CSV.")
    @APIResponse(responseCode = "200", description = "The statement")
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED: bad month, page or size")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "BOOKSTORE_SCOPE_VIOLATION, LIBRARY_SCOPE_VIOLATION")
    @APIResponse(responseCode = "404", description = "BOOKSTORE_NOT_FOUND")
    public Statement statement(@PathParam("code") @Pattern(regexp = CODE) String code,
            @PathParam("month") @Pattern(regexp = MONTH) String month,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue(Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size) {
        YearMonth yearMonth = YearMonth.parse(month);
        var totals = settlements.totals(code, yearMonth);
        var lines = settlements.lines(code, yearMonth, page, size).map(SettlementLine::of);
        return Statement.of(totals, lines.items(), page, size);
    }

    @GET
    @Path("/{code}/settlements/{month}")
    @Produces(CSV)
    @BookstoreAccess
    @RolesAllowed({Roles.SYSTEM, Roles.LIBRARIAN, Roles.ADMIN, Roles.OPERATOR})
    @Operation(summary = "A month's settlement statement as CSV", description = "UTF-8 with a byte order mark "
            + "(spreadsheets read the Chinese titles right); one line per purchase, then the total.")
    @APIResponse(responseCode = "200", description = "The statement")
    public Response statementCsv(@PathParam("code") @Pattern(regexp = CODE) String code,
            @PathParam("month") @Pattern(regexp = MONTH) String month) {
        YearMonth yearMonth = YearMonth.parse(month);
        var totals = settlements.totals(code, yearMonth);
        StringBuilder csv = new StringBuilder("\uFEFFreceipt_number,purchased_at,card,isbn,title,record_id,barcode,"
                + "price_yuan\r\n");
        settlements.eachLine(code, yearMonth, purchase -> {
            SettlementLine line = SettlementLine.of(purchase);
            csv.append(cell(line.receiptNumber())).append(',').append(line.purchasedAt()).append(',')
                    .append(cell(line.cardNumberMasked())).append(',').append(line.isbn()).append(',')
                    .append(cell(line.title())).append(',').append(line.recordId()).append(',')
                    .append(cell(line.barcode())).append(',').append(Purchases.yuan(line.priceFen())).append("\r\n");
        });
        csv.append("TOTAL,,,,").append(totals.purchases()).append(" purchases,,,")
                .append(Purchases.yuan(totals.totalFen())).append("\r\n");
        return Response.ok(csv.toString(), CSV + "; charset=UTF-8").header("Content-Disposition",
                "attachment; filename=\"" + code + "-" + month + ".csv\"").build();
    }

    @POST
    @Path("/{code}/settlements")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Settle a finished month with a bookstore", description = "By an administrator of the "
            + "bookstore's library, stating the count and total being paid; if the statement says otherwise, "
            + "nothing is settled. A month is settled once.")
    @APIResponse(responseCode = "201", description = "Settled")
    @APIResponse(responseCode = "400", description = "Malformed JSON or wrong field types")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "LIBRARY_SCOPE_VIOLATION, ADMIN_REQUIRED")
    @APIResponse(responseCode = "404", description = "BOOKSTORE_NOT_FOUND")
    @APIResponse(responseCode = "409", description = "MONTH_NOT_OVER, ALREADY_SETTLED, SETTLEMENT_TOTALS_DIFFER")
    @APIResponse(responseCode = "422", description = "VALIDATION_FAILED")
    public Response settle(@PathParam("code") @Pattern(regexp = CODE) String code,
            @NotNull @Valid SettlementRequest request) {
        var totals = settlements.settle(code, request.yearMonth(), request.purchases(), request.totalFen());
        return Response.created(UriBuilder.fromPath("/bookstores/{code}/settlements/{month}")
                .build(code, request.month())).entity(Statement.of(totals, java.util.List.of(), 0, 0)).build();
    }

    private static String cell(String value) {
        if (value == null) {
            return "";
        }
        String safe = value.isEmpty() || "=+-@".indexOf(value.charAt(0)) < 0 ? value : "'" + value;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}
