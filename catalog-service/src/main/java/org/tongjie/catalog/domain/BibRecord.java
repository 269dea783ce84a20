package org.tongjie.catalog.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A bibliographic record of the union catalog: one title, held as copies by any number of libraries. */
@Entity
@Table(name = "bib_record")
public class BibRecord {

    @Id
    private UUID id;
    private String isbn;
    private String title;
    private String subtitle;
    @JdbcTypeCode(SqlTypes.ARRAY)
    private List<String> authors;
    private String publisher;
    @Column(name = "publication_year")
    private Short publicationYear;
    private String language;
    @Column(name = "clc_class")
    private String clcClass;
    @JdbcTypeCode(SqlTypes.ARRAY)
    private List<String> subjects;
    private String series;
    @Column(name = "cataloguing_library")
    private String cataloguingLibrary;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Version
    private long version;

    protected BibRecord() {
    }

    /** The descriptive fields of a record. */
    public record Description(String isbn, String title, String subtitle, List<String> authors, String publisher,
            Integer publicationYear, String language, String clcClass, List<String> subjects, String series) {

        /** Absent lists are empty, so two descriptions saying the same thing are equal. */
        public Description {
            authors = authors == null ? List.of() : List.copyOf(authors);
            subjects = subjects == null ? List.of() : List.copyOf(subjects);
        }

        /** The same description with its ISBN replaced (e.g. by the normalised ISBN-13). */
        public Description withIsbn(String isbn13) {
            return new Description(isbn13, title, subtitle, authors, publisher, publicationYear, language, clcClass,
                    subjects, series);
        }
    }

    public static BibRecord catalogue(Description description, String cataloguingLibrary, Instant now) {
        BibRecord record = new BibRecord();
        record.id = UUID.randomUUID();
        record.cataloguingLibrary = cataloguingLibrary;
        record.describe(description);
        record.createdAt = now;
        record.updatedAt = now;
        return record;
    }

    private void describe(Description d) {
        isbn = d.isbn();
        title = d.title();
        subtitle = d.subtitle();
        authors = d.authors();
        publisher = d.publisher();
        publicationYear = d.publicationYear() == null ? null : d.publicationYear().shortValue();
        language = d.language();
        clcClass = d.clcClass();
        subjects = d.subjects();
        series = d.series();
    }

    /** Replaces the description; returns false when nothing changed. */
    public boolean redescribe(Description description, Instant now) {
        if (description.equals(description())) {
            return false;
        }
        describe(description);
        updatedAt = now;
        return true;
    }

    public Description description() {
        return new Description(isbn, title, subtitle, authors, publisher,
                publicationYear == null ? null : publicationYear.intValue(), language, clcClass,
                subjects, series);
    }

    /** Whether this library catalogued the record and may therefore revise its description. */
    public boolean cataloguedBy(String library) {
        return library != null && library.equals(cataloguingLibrary);
    }

    public UUID id() {
        return id;
    }

    public String isbn() {
        return isbn;
    }

    public String title() {
        return title;
    }

    public long version() {
        return version;
    }
}
