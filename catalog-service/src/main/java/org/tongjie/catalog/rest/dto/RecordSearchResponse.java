package org.tongjie.catalog.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tongjie.catalog.search.SearchResult;

import java.util.List;
import java.util.Map;

/** A page of search hits with facet counts. */
@Schema(name = "RecordSearchResponse")
public record RecordSearchResponse(
        List<SearchResult.Hit> items,
        int page,
        int size,
        @Schema(description = "Matching records, counted up to 1,000") long total,
        @Schema(description = "False when more than 1,000 records match: total and facets are then counted over "
                + "the first 1,000 matches found, and those are the ones ranked") boolean totalExact,
        @Schema(description = "Counts per library, language, clc (top class) and availability")
        Map<String, List<SearchResult.FacetValue>> facets) {

    public static RecordSearchResponse from(SearchResult result, int page, int size) {
        return new RecordSearchResponse(result.hits(), page, size, result.total(), result.totalExact(),
                result.facets());
    }
}
