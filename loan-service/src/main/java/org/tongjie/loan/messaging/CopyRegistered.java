package org.tongjie.loan.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.UUID;

/** loan-service's own reading of catalog's CopyRegistered, CopyUpdated and CopyWithdrawn (the fields it uses). */
@JsonIgnoreProperties(ignoreUnknown = true)
record CopyRegistered(UUID copyId, String barcode, UUID recordId, String title, String libraryCode,
        String homeServicePointCode, String loanType, long version) {
}
