package org.tongjie.catalog.rest.dto;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.UUID;

/** A record to add to a collection, with the curator's note. */
@Schema(name = "CollectionItemRequest")
public record CollectionItemRequest(@NotNull UUID recordId, @Size(max = 500) String note) {
}
