package org.tongjie.gateway.rest.dto;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** A reader's account as the app shows it; parts a service could not give are null and listed in gaps. */
@Schema(name = "Me")
public record MeView(
        @Schema(example = "3201140000001") String cardNumber,
        @Schema(description = "The reader (Patron of loan-service)") JsonNode profile,
        @Schema(description = "Open loans (Loan of loan-service), each saying whether it is overdue") JsonNode loans,
        @Schema(description = "Open holds (Hold of loan-service) with the record's title") JsonNode holds,
        @Schema(description = "The 20 most recent delivery orders (DeliveryOrder of delivery-service)")
        JsonNode deliveries,
        Fines fines,
        @Schema(description = "Why the reader may not borrow now; empty when free") List<String> blocks,
        @Schema(description = "Parts left out because a service did not answer") List<Gap> gaps,
        @Schema(description = "true when every part is there") boolean complete) {

    /** What the reader owes. */
    @Schema(name = "MeFines")
    public record Fines(@Schema(description = "Unpaid fines of returned loans, in fen") long balanceFen,
            @Schema(description = "Fines accruing on open overdue loans, in fen; null if loans are missing")
            Long accruingFen) {
    }

    /** A part of the account that could not be fetched. */
    @Schema(name = "MeGap")
    public record Gap(@Schema(example = "deliveries") String part, @Schema(example = "delivery") String service,
            @Schema(example = "503") int status, @Schema(example = "UPSTREAM_UNAVAILABLE") String code) {
    }
}
