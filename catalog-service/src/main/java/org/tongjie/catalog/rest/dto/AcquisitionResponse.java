package org.tongjie.catalog.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tongjie.catalog.service.Acquisitions;

import java.util.UUID;

/** The provisional copy made for a purchase, with what loan-service needs to lend it at once. */
@Schema(name = "Acquisition")
public record AcquisitionResponse(UUID purchaseId, UUID copyId,
        @Schema(example = "JHLP0000001") String barcode, UUID recordId, String isbn, String title,
        String clcClass, String callNumber, String libraryCode, String homeServicePointCode, String loanType,
        @Schema(description = "The copy's version, as its CopyRegistered event will carry it") long copyVersion,
        @Schema(description = "Whether the record was created for this purchase") boolean recordCreated) {

    public static AcquisitionResponse of(Acquisitions.Acquired acquired) {
        var copy = acquired.copy();
        var record = acquired.record();
        return new AcquisitionResponse(acquired.purchaseId(), copy.id(), copy.barcode(), record.id(), record.isbn(),
                record.title(), record.description().clcClass(), copy.callNumber(), copy.libraryCode(),
                copy.homeServicePointCode(), copy.loanType(), copy.version(), acquired.recordCreated());
    }
}
