package org.tongjie.loan.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tongjie.loan.domain.Patron;
import org.tongjie.loan.domain.PatronType;

import java.util.List;

/** A reader (never the PIN; the resident ID only masked). */
@Schema(name = "Patron")
public record PatronResponse(String cardNumber, String name, PatronType patronType, String homeLibrary,
        @Schema(example = "1101**********002X") String residentIdMasked, String phone,
        @Schema(description = "Unpaid fines in fen (1/100 yuan)") long fineBalanceFen,
        @Schema(description = "Why the reader may not borrow now (unpaid fines, overdue items); empty when free",
                example = "[\"3 overdue items block borrowing until some are returned\"]") List<String> blocks,
        @Schema(description = "STAFF (at a desk) or SELF (signed up in the app)") String registeredBy) {

    public static PatronResponse from(Patron patron, List<String> blocks) {
        return new PatronResponse(patron.cardNumber(), patron.name(), patron.patronType(), patron.homeLibrary(),
                patron.residentIdMasked(), patron.phone(), patron.fineBalanceFen(), blocks, patron.registeredBy());
    }
}
