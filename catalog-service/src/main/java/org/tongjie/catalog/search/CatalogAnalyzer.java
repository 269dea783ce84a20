package org.tongjie.catalog.search;

import com.ibm.icu.text.Transliterator;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns catalog text into search lexemes, the same way for records and for queries: traditional characters
 * folded to simplified (ICU), full-width folded, Latin lower-cased and accent-folded, Chinese as bigrams
 * plus single characters (Lucene), and each run of Chinese characters also as full pinyin and as pinyin
 * initials ({@code 红楼梦} → {@code hongloumeng}, {@code hlm}).
 */
public final class CatalogAnalyzer {

    private static final int MAX_TEXT = 4_000;
    private static final ThreadLocal<Transliterator> TO_SIMPLIFIED =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Traditional-Simplified"));

    private static final Analyzer INDEXING = analyzer(true);
    private static final Analyzer QUERYING = analyzer(false);

    private CatalogAnalyzer() {
    }

    private static Analyzer analyzer(boolean withUnigrams) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer tokenizer = new StandardTokenizer();
                TokenStream stream = new CJKWidthFilter(tokenizer);
                stream = new LowerCaseFilter(stream);
                stream = new ASCIIFoldingFilter(stream);
                stream = new CJKBigramFilter(stream, CJKBigramFilter.HAN | CJKBigramFilter.HIRAGANA
                        | CJKBigramFilter.KATAKANA | CJKBigramFilter.HANGUL, withUnigrams);
                return new TokenStreamComponents(tokenizer, stream);
            }
        };
    }

    /** Loads the pinyin dictionary now rather than on the first request. */
    public static void warmUp() {
        indexLexemes("紅樓夢 warm-up");
    }

    /** Every lexeme a record's text should be found by. */
    public static Set<String> indexLexemes(String text) {
        Set<String> lexemes = new LinkedHashSet<>();
        if (text == null || text.isBlank()) {
            return lexemes;
        }
        String simplified = simplify(text);
        lexemes.addAll(analyze(INDEXING, simplified));
        for (String run : hanRuns(simplified)) {
            String[] syllables = Pinyin.of(run).split(" ");
            StringBuilder full = new StringBuilder();
            StringBuilder initials = new StringBuilder();
            for (String syllable : syllables) {
                if (!syllable.isEmpty() && syllable.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
                    full.append(syllable);
                    initials.append(syllable.charAt(0));
                }
            }
            if (full.length() > 0) {
                lexemes.add(full.toString());
                if (initials.length() > 1) {
                    lexemes.add(initials.toString());
                }
            }
        }
        return lexemes;
    }

    /**
     * The terms of a query, each of which a record must match: Chinese as bigrams (a single character as
     * itself), Latin and pinyin words as prefixes ({@link Term#prefix()}).
     */
    public static List<Term> queryTerms(String query) {
        List<Term> terms = new ArrayList<>();
        if (query == null) {
            return terms;
        }
        for (String token : new LinkedHashSet<>(analyze(QUERYING, simplify(query)))) {
            boolean latin = token.chars().allMatch(c -> c < 0x2E80);
            terms.add(new Term(token, latin));
        }
        return terms;
    }

    /** One lexeme of a query; a prefix term also matches longer lexemes starting with it. */
    public record Term(String lexeme, boolean prefix) {

        /** The term in PostgreSQL's tsquery syntax. */
        public String toTsQuery() {
            return "'" + lexeme.replace("'", "''").replace("\\", "") + "'" + (prefix ? ":*" : "");
        }
    }

    /** Text folded for whole-title comparison: simplified, lower case, letters and digits only. */
    public static String key(String text) {
        if (text == null) {
            return "";
        }
        String folded = java.text.Normalizer.normalize(simplify(text), java.text.Normalizer.Form.NFKD)
                .toLowerCase(java.util.Locale.ROOT);
        StringBuilder key = new StringBuilder();
        folded.codePoints().filter(Character::isLetterOrDigit).forEach(key::appendCodePoint);
        return key.length() > 500 ? key.substring(0, 500) : key.toString();
    }

    private static String simplify(String text) {
        String bounded = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
        return TO_SIMPLIFIED.get().transliterate(bounded);
    }

    private static List<String> analyze(Analyzer analyzer, String text) {
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                if (term.length() <= 64) {
                    tokens.add(term.toString());
                }
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tokens;
    }

    private static List<String> hanRuns(String text) {
        List<String> runs = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
                run.appendCodePoint(cp);
            } else if (run.length() > 0) {
                runs.add(run.toString());
                run.setLength(0);
            }
        });
        if (run.length() > 0) {
            runs.add(run.toString());
        }
        return runs;
    }
}
