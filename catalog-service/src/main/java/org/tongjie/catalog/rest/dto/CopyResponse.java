package org.tongjie.catalog.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tongjie.catalog.domain.Copy;

import java.util.UUID;

/** A copy held by a library. */
@Schema(name = "Copy")
public record CopyResponse(UUID id, String barcode, UUID recordId, String libraryCode, String homeServicePointCode,
        String callNumber, String loanType, Copy.Status status) {

    public static CopyResponse from(Copy copy) {
        return new CopyResponse(copy.id(), copy.barcode(), copy.recordId(), copy.libraryCode(),
                copy.homeServicePointCode(), copy.callNumber(), copy.loanType(), copy.status());
    }
}
