package org.tongjie.loan.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tongjie.loan.domain.CirculationCopy;
import org.tongjie.loan.domain.CirculationStatus;
import org.tongjie.loan.domain.Loan;
import org.tongjie.loan.service.Circulation;

/** What happened at a check-in and what the staff member should do with the copy now. */
@Schema(name = "CheckInResponse")
public record CheckInResponse(
        String barcode,
        @Schema(description = "SHELVE_HERE; FLOAT_HERE (its collection floats: shelve it here, its new home); "
                + "TRANSIT_HOME (send it to destinationServicePointCode); HOLD_SHELF_HERE (for patron holdFor); "
                + "TRANSIT_TO_PICKUP (send it to destinationServicePointCode for a hold); WITHDRAWN")
        CirculationCopy.Routing routing,
        CirculationStatus status,
        String destinationServicePointCode,
        @Schema(description = "The loan this check-in closed, if the copy was on loan") LoanResponse closedLoan,
        @Schema(description = "Overdue fine charged to the patron, in fen") long fineFen,
        @Schema(description = "HOLD_SHELF_HERE: the card number of the reader it waits for", example = "3201000000002")
        String holdFor,
        @Schema(description = "HOLD_SHELF_HERE: last moment the reader may collect it") java.time.Instant pickupBy) {

    public static CheckInResponse from(Circulation.CheckIn checkIn) {
        CirculationCopy copy = checkIn.copy();
        Loan closed = checkIn.closedLoan();
        return new CheckInResponse(copy.barcode(), checkIn.routing(), copy.status(),
                copy.destinationServicePointCode(), closed == null ? null : LoanResponse.from(closed,
                closed.returnedAt()), checkIn.fineFen(), checkIn.holdFor(), checkIn.pickupBy());
    }
}
