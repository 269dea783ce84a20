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
        assertEquals(Set.of("红楼", "楼梦", "红", "楼", "梦", "honglou", "loumeng", "hlm", "hl"), lexemes);
        assertTrue(CatalogAnalyzer.indexLexemes("梦 Dream").containsAll(Set.of("梦", "meng", "dream")));
    }

    @Test
    void shouldIndexPinyinAsPairsOfNeighbouringSyllablesWithinEachRunOfChineseOnly() {
        Set<String> lexemes = CatalogAnalyzer.indexLexemes("中国人民 2024 年鉴");
        assertTrue(lexemes.containsAll(Set.of("zhongguo", "guoren", "renmin", "zgrm", "nianjian", "nj")),
                lexemes.toString());
        assertTrue(lexemes.stream().noneMatch(l -> l.equals("zhongguorenmin") || l.equals("minnian")
                || l.equals("zhong")), lexemes.toString());
        assertTrue(CatalogAnalyzer.indexLexemes("深绿色").containsAll(Set.of("shen", "se", "ss")),
                "a syllable beside one that is not indexed (lü) stands alone");
    }

    @Test
    void shouldReadTwoConsonantsAsTheFirstTwoInitialsOfARun() {
        Set<String> lexemes = CatalogAnalyzer.indexLexemes("中国人民 年鉴");
        assertTrue(lexemes.containsAll(Set.of("zgrm", "zg", "nj")), lexemes.toString());
        assertTrue(lexemes.stream().noneMatch(l -> l.equals("gr") || l.equals("rm")), lexemes.toString());
        assertEquals("'zg'", CatalogAnalyzer.queryTerms("zg").get(0).toTsQuery());
        assertEquals("'zh'", CatalogAnalyzer.queryTerms("ZH").get(0).toTsQuery());
        assertEquals("'et':*", CatalogAnalyzer.queryTerms("et").get(0).toTsQuery(), "a vowel: a prefix as before");
        assertEquals("'zgr':*", CatalogAnalyzer.queryTerms("zgr").get(0).toTsQuery());
        assertEquals("'z':*", CatalogAnalyzer.queryTerms("z").get(0).toTsQuery());
    }

    @Test
    void shouldAlsoQueryPinyinOfThreeOrMoreSyllablesByItsPairs() {
        assertEquals("('hongloumeng':* | ('honglou' & 'loumeng':*))",
                CatalogAnalyzer.queryTerms("hongloumeng").get(0).toTsQuery());
        assertEquals("('hongloum':* | ('honglou' & 'loum':*))",
                CatalogAnalyzer.queryTerms("hongloum").get(0).toTsQuery());
        assertEquals("'zhongguo':*", CatalogAnalyzer.queryTerms("zhongguo").get(0).toTsQuery());
        assertEquals("'zhongg':*", CatalogAnalyzer.queryTerms("zhongg").get(0).toTsQuery());
        assertEquals(List.of(List.of("zhongguo", "guoren", "renmin")), CatalogAnalyzer.pinyinPairs("zhongguorenmin"));
        assertEquals(List.of(), CatalogAnalyzer.pinyinPairs("harry"));
        assertEquals(List.of(), CatalogAnalyzer.pinyinPairs("isbn9787"));
    }

    @Test
    void shouldSplitPinyinByItsSpellingRules() {
        assertEquals(List.of(), CatalogAnalyzer.pinyinPairs("xianren"), "先人: two syllables, the prefix finds them");
        assertEquals(List.of(List.of("xian", "anren")), CatalogAnalyzer.pinyinPairs("xi'anren"));
        assertEquals("('xian':* | ('xian':*))", CatalogAnalyzer.queryTerms("xi'an").get(0).toTsQuery());
        assertEquals(List.of(List.of("fangan", "ganwei")), CatalogAnalyzer.pinyinPairs("fanganwei"),
                "fang'an would need the apostrophe");
        assertEquals(List.of(List.of("changjian", "jiangan")), CatalogAnalyzer.pinyinPairs("changjiangan"),
                "长江岸 is changjiang'an");
        assertEquals(List.of(List.of("xianxian", "xianxian", "xianxian")),
                CatalogAnalyzer.pinyinPairs("xianxianxianxian"));
        assertEquals(List.of(List.of("honglou", "louz")), CatalogAnalyzer.pinyinPairs("honglouz"),
                "a last syllable still being typed");
    }

    @Test
    void shouldFindNoReadingOfLatinThatOnlyAlmostReadsAsPinyin() {
        assertEquals(List.of(), CatalogAnalyzer.pinyinPairs("xian".repeat(15) + "v"));
        assertEquals(List.of(), CatalogAnalyzer.pinyinPairs("zhongguovrenmin"));
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
        CatalogAnalyzer.queryTerms("hong'lou'meng").forEach(term ->
                assertTrue(term.toTsQuery().matches("[()':*&| a-z]+"), term.toTsQuery()));
    }

    private static List<String> lexemes(List<CatalogAnalyzer.Term> terms) {
        return terms.stream().map(CatalogAnalyzer.Term::lexeme).toList();
    }
}
