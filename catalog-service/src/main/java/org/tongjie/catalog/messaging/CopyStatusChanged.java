package org.tongjie.catalog.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.LocalDate;
import java.util.UUID;

/** catalog's own reading of loan-service's CopyStatusChanged (topic circulation.copies). */
@JsonIgnoreProperties(ignoreUnknown = true)
record CopyStatusChanged(UUID copyId, String status, String servicePointCode, LocalDate dueDate, long version) {
}
