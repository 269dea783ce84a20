package org.tongjie.catalog.search;

import java.util.List;

/**
 * What a reader asked for: text (or an ISBN) and filters. Library filters hold library codes already
 * expanded to descendants where asked.
 */
public record SearchCriteria(String text, String isbn13, List<String> heldBy, boolean availableNow,
        List<String> availableAt, String language, Integer yearFrom, Integer yearTo, String clcPrefix,
        Sort sort, int page, int size) {

    /** Result order. */
    public enum Sort { RELEVANCE, YEAR }
}
