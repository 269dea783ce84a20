package org.tongjie.loan.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tongjie.loan.domain.Patron;
import org.tongjie.loan.domain.PatronType;

/** A reader (never the PIN; the resident ID only masked). */
@Schema(name = "Patron")
public record PatronResponse(String cardNumber, String name, PatronType patronType, String homeLibrary,
        @Schema(example = "1101**********002X") String residentIdMasked, String phone,
        @Schema(description = "Unpaid fines in fen (1/100 yuan)") long fineBalanceFen) {

    public static PatronResponse from(Patron patron) {
        return new PatronResponse(patron.cardNumber(), patron.name(), patron.patronType(), patron.homeLibrary(),
                patron.residentIdMasked(), patron.phone(), patron.fineBalanceFen());
    }
}
