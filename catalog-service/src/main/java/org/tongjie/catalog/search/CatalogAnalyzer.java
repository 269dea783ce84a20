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
 * plus single characters (Lucene), and each run of Chinese characters also in pinyin: as pairs of neighbouring
 * syllables, as Chinese is indexed by pairs of characters, and as the run's initials ({@code 红楼梦} →
 * {@code honglou}, {@code loumeng}, {@code hlm}; a run of one character as its syllable). A run of three
 * characters or more also gets its first two initials on their own ({@code hl}).
 *
 * <p>A word of a query in Latin letters is a prefix: {@code hongl} finds {@code honglou}. Two consonants are
 * read as the first two initials of a run instead, exactly: as a prefix, {@code zg} matched the initials of
 * tens of thousands of distinct runs ({@code zgrm}, {@code zgls}, ...), which PostgreSQL had to look up one by
 * one, where {@code zg} on its own is one lexeme. When a query word also reads as
 * three or more pinyin syllables it finds, besides, the records with all its syllable pairs
 * ({@code hongloumeng} → {@code honglou & loumeng:*}), in every way it can be split, up to four; an apostrophe
 * marks a syllable boundary ({@code xi'anren} → {@code xian & anren:*}).
 * Indexing pairs rather than whole runs keeps the lexemes a prefix matches few: a prefix of a whole run's
 * reading, such as {@code zhongguo}, used to match tens of thousands of distinct lexemes.
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
        Pinyin.syllables();
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
            StringBuilder initials = new StringBuilder();
            String previous = null;
            boolean paired = false;
            for (String syllable : (Pinyin.of(run) + " ").split(" ", -1)) {
                if (!Pinyin.indexed(syllable)) {
                    // The end of the run, or a reading that is not indexed (ü): a syllable left without a
                    // neighbour is indexed on its own.
                    if (previous != null && !paired) {
                        lexemes.add(previous);
                    }
                    previous = null;
                    paired = false;
                    continue;
                }
                if (previous != null) {
                    lexemes.add(previous + syllable);
                    paired = true;
                }
                previous = syllable;
                initials.append(syllable.charAt(0));
            }
            if (initials.length() > 1) {
                lexemes.add(initials.toString());
            }
            if (initials.length() > 2) {
                lexemes.add(initials.substring(0, 2));
            }
        }
        return lexemes;
    }

    /**
     * The terms of a query, each of which a record must match: Chinese as bigrams (a single character as
     * itself), Latin and pinyin words as prefixes ({@link Term#prefix()}), but two consonants as two initials.
     */
    public static List<Term> queryTerms(String query) {
        List<Term> terms = new ArrayList<>();
        if (query == null) {
            return terms;
        }
        for (String token : new LinkedHashSet<>(analyze(QUERYING, simplify(query)))) {
            boolean latin = token.chars().allMatch(c -> c < 0x2E80);
            if (latin) {
                List<List<String>> pairs = pinyinPairs(token);
                String itself = token.replace("'", "");
                if (!itself.isEmpty()) {
                    terms.add(new Term(itself, !twoInitials(itself), pairs));
                }
            } else {
                terms.add(new Term(token, false));
            }
        }
        return terms;
    }

    /** Two consonants (no a, e, i, o, u or ü): the first two initials of a run, not a prefix. */
    static boolean twoInitials(String word) {
        return word.length() == 2 && word.chars().allMatch(c -> c >= 'a' && c <= 'z' && "aeiouv".indexOf(c) < 0);
    }

    /**
     * One lexeme of a query; a prefix term also matches longer lexemes starting with it. {@code pinyinPairs} are
     * further ways to match it, each a list of syllable pairs all of which a record must have, the last one a
     * prefix.
     */
    public record Term(String lexeme, boolean prefix, List<List<String>> pinyinPairs) {

        public Term(String lexeme, boolean prefix) {
            this(lexeme, prefix, List.of());
        }

        /** The term in PostgreSQL's tsquery syntax. */
        public String toTsQuery() {
            String itself = quoted(lexeme) + (prefix ? ":*" : "");
            if (pinyinPairs.isEmpty()) {
                return itself;
            }
            StringBuilder any = new StringBuilder("(").append(itself);
            for (List<String> pairs : pinyinPairs) {
                any.append(" | (");
                for (int i = 0; i < pairs.size(); i++) {
                    any.append(i == 0 ? "" : " & ").append(quoted(pairs.get(i)));
                }
                any.append(":*)");
            }
            return any.append(")").toString();
        }

        private static String quoted(String lexeme) {
            return "'" + lexeme.replace("'", "''").replace("\\", "") + "'";
        }
    }

    private static final int MOST_READINGS = 4;
    private static final int LONGEST_SYLLABLE = 6;

    /**
     * The syllable pairs of each way, at most four, longest syllables first, that {@code word} reads as three or
     * more pinyin syllables; none when it is not pinyin. Fewer syllables need nothing more: their pair, or the
     * syllable, is a prefix of the word itself. The rules of pinyin spelling decide: a syllable beginning with a,
     * o or e follows another only after an apostrophe ({@code xian} is 先, {@code xi'an} 西安), interjections
     * without a vowel ({@code ng}, {@code hm}) are not read, and a last syllable still being typed is read only
     * when the word has no reading in whole syllables.
     */
    static List<List<String>> pinyinPairs(String word) {
        if (word.length() > 64 || !word.chars().allMatch(c -> c >= 'a' && c <= 'z' || c == '\'')) {
            return List.of();
        }
        List<List<String>> readings = readings(word, false);
        if (readings.isEmpty()) {
            readings = readings(word, true);
        }
        int fewest = word.indexOf('\'') >= 0 ? 2 : 3;
        List<List<String>> pairs = new ArrayList<>();
        for (List<String> syllables : readings) {
            if (syllables.size() >= fewest) {
                List<String> these = new ArrayList<>();
                for (int i = 1; i < syllables.size(); i++) {
                    these.add(syllables.get(i - 1) + syllables.get(i));
                }
                pairs.add(List.copyOf(these));
            }
        }
        return List.copyOf(pairs);
    }

    private static List<List<String>> readings(String word, boolean unfinished) {
        // ends[i]: the word from i on reads as syllables, so splitting never goes down a way that fails later.
        boolean[] ends = new boolean[word.length() + 1];
        ends[word.length()] = true;
        for (int at = word.length() - 1; at >= 0; at--) {
            if (word.charAt(at) == '\'') {
                ends[at] = ends[at + 1];
                continue;
            }
            for (int length = 1; length <= LONGEST_SYLLABLE && at + length <= word.length() && !ends[at]; length++) {
                ends[at] = ends[at + length] && fits(word, at, length, unfinished);
            }
        }
        List<List<String>> found = new ArrayList<>();
        if (ends[0]) {
            split(word, 0, new ArrayList<>(), ends, unfinished, found);
        }
        return found;
    }

    private static void split(String word, int at, List<String> syllables, boolean[] ends, boolean unfinished,
            List<List<String>> found) {
        if (at < word.length() && word.charAt(at) == '\'') {
            split(word, at + 1, syllables, ends, unfinished, found);
            return;
        }
        if (at == word.length()) {
            if (!syllables.isEmpty()) {
                found.add(List.copyOf(syllables));
            }
            return;
        }
        for (int length = Math.min(LONGEST_SYLLABLE, word.length() - at); length >= 1; length--) {
            if (found.size() == MOST_READINGS) {
                return;
            }
            if (ends[at + length] && fits(word, at, length, unfinished)) {
                syllables.add(word.substring(at, at + length));
                split(word, at + length, syllables, ends, unfinished, found);
                syllables.remove(syllables.size() - 1);
            }
        }
    }

    /** Whether the word's letters from {@code at} can be a syllable there (or the start of one, at its end). */
    private static boolean fits(String word, int at, int length, boolean unfinished) {
        String piece = word.substring(at, at + length);
        if (piece.indexOf('\'') >= 0) {
            return false;
        }
        boolean follows = at > 0 && word.charAt(at - 1) != '\'';
        if (follows && "aoe".indexOf(piece.charAt(0)) >= 0) {
            return false;
        }
        return Pinyin.syllables().contains(piece)
                || unfinished && at + length == word.length() && Pinyin.beginsSyllable(piece);
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
