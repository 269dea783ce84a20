package org.tongjie.catalog.search;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CatalogAnalyzerTest {

    @Test
    void shouldIndexChineseAsBigramsSingleCharactersAndPinyin() {
        Set<String> lexemes = CatalogAnalyzer.indexLexemes("红楼梦");
        assertTrue(lexemes.containsAll(Set.of("红楼", "楼梦", "红", "楼", "梦", "hongloumeng", "hlm")), lexemes.toString());
    }

    @Test
    void shouldFoldTraditionalToSimplified() {
        assertTrue(CatalogAnalyzer.indexLexemes("紅樓夢").containsAll(Set.of("红楼", "楼梦")));
        assertEquals(List.of("红楼", "楼梦"), lexemes(CatalogAnalyzer.queryTerms("紅樓夢")));
    }

    @Test
    void shouldFoldCaseAccentsAndFullWidthLetters() {
        assertTrue(CatalogAnalyzer.indexLexemes("Les Misérables ＡＢＣ").containsAll(Set.of("les", "miserables", "abc")));
    }

    @Test
    void shouldQueryChineseByBigramsAndLatinByPrefix() {
        List<CatalogAnalyzer.Term> terms = CatalogAnalyzer.queryTerms("平凡的世界 Lu");
        assertEquals(List.of("平凡", "凡的", "的世", "世界", "lu"), lexemes(terms));
        assertEquals("'lu':*", terms.get(4).toTsQuery());
        assertEquals("'平凡'", terms.get(0).toTsQuery());
    }

    @Test
    void shouldKeepASingleCharacterQuery() {
        assertEquals(List.of("梦"), lexemes(CatalogAnalyzer.queryTerms("梦")));
    }

    @Test
    void shouldNeverLetQuotesEscapeTheQuerySyntax() {
        CatalogAnalyzer.queryTerms("a' | b:* & !c \\ (d)").forEach(term ->
                assertTrue(term.toTsQuery().matches("'[^'\\\\]+'(:\\*)?"), term.toTsQuery()));
    }

    private static List<String> lexemes(List<CatalogAnalyzer.Term> terms) {
        return terms.stream().map(CatalogAnalyzer.Term::lexeme).toList();
    }
}
