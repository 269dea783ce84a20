package org.tongjie.catalog.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.tongjie.platform.library.Isbn;
import org.tongjie.catalog.repository.LibraryRepository;
import org.tongjie.catalog.search.RecordSearch;
import org.tongjie.catalog.search.SearchCriteria;
import org.tongjie.catalog.search.SearchResult;
import org.tongjie.platform.problem.ProblemException;

import java.util.List;

/** Turns a reader's search request into criteria (resolving libraries and ISBNs) and runs it. */
@ApplicationScoped
public class CatalogSearch {

    private final RecordSearch search;
    private final LibraryRepository libraries;

    CatalogSearch(RecordSearch search, LibraryRepository libraries) {
        this.search = search;
        this.libraries = libraries;
    }

    /** A search request as it arrives, already checked for shape. */
    public record Request(String q, String library, boolean includeDescendants, boolean available,
            String availableAt, String language, Integer yearFrom, Integer yearTo, String clc, String sort,
            int page, int size) {
    }

    public SearchResult search(Request r) {
        if (r.yearFrom() != null && r.yearTo() != null && r.yearFrom() > r.yearTo()) {
            throw ProblemException.invalidField("INVALID_YEAR_RANGE", "yearFrom", "yearFrom is after yearTo");
        }
        String isbn13 = looksLikeIsbn(r.q()) ? Isbn.toIsbn13(r.q()).orElse(null) : null;
        List<String> heldBy = null;
        if (r.library() != null) {
            List<String> tree = known(r.library(), "library");
            heldBy = r.includeDescendants() ? tree : List.of(r.library());
        }
        List<String> availableAt = r.availableAt() == null ? null : known(r.availableAt(), "availableAt");
        SearchCriteria.Sort sort = "year".equals(r.sort()) ? SearchCriteria.Sort.YEAR : SearchCriteria.Sort.RELEVANCE;
        return search.search(new SearchCriteria(isbn13 == null ? r.q() : null, isbn13, heldBy, r.available(),
                availableAt, r.language(), r.yearFrom(), r.yearTo(), r.clc(), sort, r.page(), r.size()));
    }

    /** The library with its descendants, refusing an unknown code with the field named. */
    private List<String> known(String code, String field) {
        List<String> codes = libraries.withDescendants(code);
        if (codes.isEmpty()) {
            throw ProblemException.invalidField("LIBRARY_UNKNOWN", field, "No library " + code);
        }
        return codes;
    }

    private static boolean looksLikeIsbn(String q) {
        return q != null && q.replaceAll("[\\s-]", "").matches("\\d{9}[\\dXx]|97[89]\\d{10}");
    }
}
