package org.tongjie.loan.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tongjie.loan.domain.CirculationCopy;
import org.tongjie.loan.domain.CirculationStatus;

import java.time.Instant;
import java.util.UUID;

/** A copy's circulation status and whereabouts. */
@Schema(name = "CirculationCopy")
public record CirculationCopyResponse(UUID copyId, String barcode, UUID recordId, String title, String libraryCode,
        String homeServicePointCode, String currentServicePointCode,
        @Schema(description = "Where the copy travels to while IN_TRANSIT") String destinationServicePointCode,
        String loanType, CirculationStatus status, Instant updatedAt) {

    public static CirculationCopyResponse from(CirculationCopy copy) {
        return new CirculationCopyResponse(copy.copyId(), copy.barcode(), copy.recordId(), copy.title(),
                copy.libraryCode(), copy.homeServicePointCode(), copy.currentServicePointCode(),
                copy.destinationServicePointCode(), copy.loanType(),
                copy.status(), copy.updatedAt());
    }
}
