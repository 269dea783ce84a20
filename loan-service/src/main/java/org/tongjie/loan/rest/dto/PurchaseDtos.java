package org.tongjie.loan.rest.dto;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tongjie.loan.purchase.Bookstore;
import org.tongjie.loan.purchase.Purchase;
import org.tongjie.loan.purchase.PurchaseRules;
import org.tongjie.loan.purchase.Purchases;
import org.tongjie.loan.purchase.Settlements;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

/** Requests and views of 你选书·我买单: partner bookstores, their rules, purchases and monthly settlements. */
public final class PurchaseDtos {

    static final String CODE = Codes.PATTERN;
    static final String CODE_MESSAGE = Codes.MESSAGE;

    private PurchaseDtos() {
    }

    @Schema(name = "BookstoreRequest", description = "A partner bookstore of a library")
    public record BookstoreRequest(
            @NotBlank @Pattern(regexp = CODE, message = CODE_MESSAGE) @Schema(example = "JHL") String libraryCode,
            @NotBlank @Size(max = 200) @Schema(example = "金湖县新华书店") String name,
            @NotBlank @Pattern(regexp = CODE, message = CODE_MESSAGE)
            @Schema(description = "The library's service point the bought copies belong to", example = "JHL-MAIN")
            String servicePointCode,
            @Schema(description = "False pauses purchases there", defaultValue = "true") Boolean active) {
    }

    @Schema(name = "PurchaseRules", description = "A library's rules for books readers pick at its partner "
            + "bookstores")
    public record RulesView(@Schema(example = "JHL") String libraryCode,
            @Schema(description = "Books per reader per calendar month", example = "2") int monthlyQuota,
            @Schema(description = "Highest price the library pays, in fen", example = "8000") long priceCapFen,
            @Schema(description = "No purchase when the network already holds this many copies", example = "3")
            int maxNetworkCopies,
            @Schema(description = "CLC class prefixes not bought this way (textbooks, exam guides…)",
                    example = "[\"G62\", \"G63\", \"G64\"]") List<String> excludedClasses,
            Instant updatedAt) {

        public static RulesView of(PurchaseRules rules) {
            return rules == null ? null : new RulesView(rules.libraryCode(), rules.monthlyQuota(), rules.priceCapFen(),
                    rules.maxNetworkCopies(), rules.excludedClasses(), rules.updatedAt());
        }
    }

    @Schema(name = "PurchaseRulesRequest")
    public record RulesRequest(
            @NotNull @Min(1) @Max(100) @Schema(example = "2") Integer monthlyQuota,
            @NotNull @Min(1) @Max(10_000_000) @Schema(description = "In fen", example = "8000") Long priceCapFen,
            @NotNull @Min(1) @Max(1000) @Schema(example = "3") Integer maxNetworkCopies,
            @Size(max = 100) @Schema(example = "[\"G62\", \"G63\", \"G64\"]")
            List<@NotBlank @Pattern(regexp = "[A-Za-z][A-Za-z0-9.]{0,31}", message = "must be a CLC class prefix")
                    String> excludedClasses) {
    }

    @Schema(name = "Bookstore")
    public record BookstoreView(@Schema(example = "JHL-XINHUA") String code,
            @Schema(example = "JHL") String libraryCode,
            @Schema(example = "金湖县新华书店") String name, @Schema(example = "JHL-MAIN") String servicePointCode,
            boolean active, @Schema(description = "The library's rules; absent when it offers no purchases")
            RulesView rules) {

        public static BookstoreView of(Bookstore bookstore, PurchaseRules rules) {
            return new BookstoreView(bookstore.code(), bookstore.libraryCode(), bookstore.name(),
                    bookstore.servicePointCode(), bookstore.active(), RulesView.of(rules));
        }
    }

    @Schema(name = "PurchaseRequest", description = "A book a reader picked at the counter. The receipt number "
            + "makes the request idempotent: sent again, it returns the same purchase.")
    public record PurchaseRequest(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._/-]{0,63}", message = "must be 1 to 64 letters, "
                    + "digits, '.', '_', '/' or '-'") @Schema(example = "XH-20261122-0042") String receiptNumber,
            @NotBlank @Size(max = 32) @Schema(example = "E00000000042") String cardNumber,
            @NotBlank @Size(max = 17) @Schema(example = "9787544253994") String isbn,
            @NotNull @Min(1) @Max(100_000_000) @Schema(description = "The price paid by the library, in fen",
                    example = "3980") Long priceFen,
            @Size(max = 500) @Schema(description = "Needed when the catalog does not know the ISBN",
                    example = "百年孤独") String title,
            @Size(max = 20) List<@NotBlank @Size(max = 200) String> authors,
            @Size(max = 200) @Schema(example = "南海出版公司") String publisher,
            @Min(1000) @Max(2100) @Schema(example = "2011") Integer publicationYear,
            @Size(max = 32) @Pattern(regexp = "[A-Za-z][A-Za-z0-9.:/=()-]{0,31}", message = "must be a CLC class")
            @Schema(description = "CLC class (中图法) from the book's CIP data", example = "I775.45") String clcClass) {

        public Purchases.Order toOrder() {
            return new Purchases.Order(receiptNumber, cardNumber.strip(), isbn, priceFen, title, authors, publisher,
                    publicationYear, clcClass);
        }
    }

    @Schema(name = "Purchase", description = "A book bought for a reader: print the barcode on the book")
    public record PurchaseView(UUID purchaseId, @Schema(example = "XH-20261122-0042") String receiptNumber,
            @Schema(example = "JHL-XINHUA") String bookstoreCode, @Schema(example = "JHL") String libraryCode,
            @Schema(description = "COMPLETED (lent to the reader), PENDING or ABANDONED") Purchase.Status status,
            @Schema(example = "E00000000042") String cardNumber, @Schema(example = "9787544253994") String isbn,
            @Schema(example = "百年孤独") String title, @Schema(example = "3980") long priceFen, UUID recordId,
            @Schema(description = "The new copy's barcode, to print and stick on the book", example = "JHLP0000001")
            String barcode, @Schema(example = "I775.45") String callNumber, UUID loanId, Instant dueAt,
            Instant purchasedAt) {

        public static PurchaseView of(Purchase p) {
            return new PurchaseView(p.id(), p.receiptNumber(), p.bookstoreCode(), p.libraryCode(), p.status(),
                    p.cardNumber(), p.isbn(), p.title(), p.priceFen(), p.recordId(), p.barcode(), p.callNumber(),
                    p.loanId(), p.dueAt(), p.completedAt());
        }
    }

    @Schema(name = "SettlementLine", description = "One purchase on a statement (the reader's card masked)")
    public record SettlementLine(String receiptNumber, Instant purchasedAt,
            @Schema(example = "E0******0042") String cardNumberMasked, String isbn, String title, UUID recordId,
            String barcode, long priceFen) {

        public static SettlementLine of(Purchase p) {
            return new SettlementLine(p.receiptNumber(), p.completedAt(), mask(p.cardNumber()), p.isbn(), p.title(),
                    p.recordId(), p.barcode(), p.priceFen());
        }

        /** The first two and last four characters of a card; the rest hidden. */
        public static String mask(String card) {
            if (card.length() <= 6) {
                return card.charAt(0) + "*".repeat(card.length() - 1);
            }
            return card.substring(0, 2) + "*".repeat(card.length() - 6) + card.substring(card.length() - 4);
        }
    }

    @Schema(name = "SettlementStatement", description = "What the library owes a bookstore for a month")
    public record Statement(String bookstoreCode, String bookstoreName, String libraryCode,
            @Schema(example = "2026-10") String month, long purchases, @Schema(example = "15920") long totalFen,
            @Schema(description = "When the month was settled; absent until it is") Instant settledAt,
            String settledBy, @Schema(description = "A page of the month's purchases, oldest first")
            List<SettlementLine> lines, int page, int size) {

        public static Statement of(Settlements.Totals totals, List<SettlementLine> lines, int page, int size) {
            return new Statement(totals.bookstore().code(), totals.bookstore().name(),
                    totals.bookstore().libraryCode(), totals.month().toString(), totals.purchases(),
                    totals.totalFen(), totals.settledAt(), totals.settledBy(), lines, page, size);
        }
    }

    @Schema(name = "SettlementRequest", description = "Settle a finished month: state what is being paid")
    public record SettlementRequest(
            @NotBlank @Pattern(regexp = "\\d{4}-(0[1-9]|1[0-2])", message = "must be a month, e.g. 2026-10")
            @Schema(example = "2026-10") String month,
            @NotNull @Min(0) @Schema(description = "The number of purchases on the statement", example = "4")
            Long purchases,
            @NotNull @Min(0) @Schema(description = "The statement's total, in fen", example = "15920") Long totalFen) {

        public YearMonth yearMonth() {
            return YearMonth.parse(month);
        }
    }
}
