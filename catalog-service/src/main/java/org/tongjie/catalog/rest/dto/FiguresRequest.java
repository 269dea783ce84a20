package org.tongjie.catalog.rest.dto;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tongjie.catalog.service.LibraryFigures;

/** A library's figures for one month or year, as its administrator enters them. */
@Schema(description = "Figures for one month or year; money in fen (1 yuan = 100 fen)")
public record FiguresRequest(
        @Schema(example = "412000", description = "Visits (entries counted at the doors)")
        @NotNull @PositiveOrZero @Max(MAX) Long visits,
        @Schema(example = "96", description = "Reader events held (talks, reading clubs, exhibitions)")
        @NotNull @PositiveOrZero @Max(MAX) Long readerEvents,
        @Schema(example = "1250000000", description = "Budget, fen")
        @NotNull @PositiveOrZero @Max(MAX) Long budgetFen,
        @Schema(example = "310000000", description = "Spent on acquisitions, fen")
        @NotNull @PositiveOrZero @Max(MAX) Long acquisitionsSpendingFen) {

    /** Ten trillion: more than any library's visits or budget in fen. */
    public static final long MAX = 10_000_000_000_000L;

    public LibraryFigures.Values values() {
        return new LibraryFigures.Values(visits, readerEvents, budgetFen, acquisitionsSpendingFen);
    }
}
