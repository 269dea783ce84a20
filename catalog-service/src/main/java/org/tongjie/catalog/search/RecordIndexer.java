package org.tongjie.catalog.search;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.tongjie.catalog.domain.BibRecord;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Stores the search lexemes of records, in the transaction that changed them. */
@ApplicationScoped
public class RecordIndexer {

    private static final String UPDATE = "UPDATE bib_record SET search_tokens ="
            + " setweight(array_to_tsvector(?::text[]), 'A') || setweight(array_to_tsvector(?::text[]), 'B')"
            + " || setweight(array_to_tsvector(?::text[]), 'C'), title_key = ? WHERE id = ?";

    private final AgroalDataSource dataSource;

    RecordIndexer(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Indexes records already flushed to the database; one batched statement for all of them. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void index(Collection<BibRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(UPDATE)) {
            for (BibRecord record : records) {
                BibRecord.Description d = record.description();
                update.setArray(1, connection.createArrayOf("text", lexemes(d.title(), d.subtitle())));
                update.setArray(2, connection.createArrayOf("text", lexemes(join(d.authors()), d.series())));
                update.setArray(3, connection.createArrayOf("text", lexemes(join(d.subjects()), d.publisher())));
                update.setString(4, CatalogAnalyzer.key(d.title()));
                update.setObject(5, record.id());
                update.addBatch();
            }
            update.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not index records", e);
        }
    }

    private static String[] lexemes(String... texts) {
        Set<String> all = new LinkedHashSet<>();
        for (String text : texts) {
            all.addAll(CatalogAnalyzer.indexLexemes(text));
        }
        return all.toArray(String[]::new);
    }

    private static String join(List<String> values) {
        return values == null ? null : String.join(" ", values);
    }
}
