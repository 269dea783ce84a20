package org.tongjie.catalog.search;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A page of matching records with facet counts. Totals above the count cap are reported as capped. */
public record SearchResult(List<Hit> hits, long total, boolean totalExact, Map<String, List<FacetValue>> facets) {

    /** One matching record with a summary of where its copies are. */
    public record Hit(UUID id, String isbn, String title, List<String> authors, String publisher,
            Integer publicationYear, String language, String clcClass, int copies, int available,
            List<Holding> holdings) {
    }

    /** Copies of a record at one library. */
    public record Holding(String libraryCode, int copies, int available) {
    }

    /** One value of a facet and how many matching records have it. */
    public record FacetValue(String value, long count) {
    }
}
