package org.tongjie.catalog.search;

import com.github.houbb.pinyin.bs.PinyinBs;
import com.github.houbb.pinyin.support.style.PinyinToneStyles;
import com.github.houbb.pinyin.support.tone.DefaultPinyinTone;
import com.github.houbb.pinyin.support.tone.PinyinTones;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Chinese text to toneless pinyin, a syllable per character, with the pinyin library's dictionaries: its phrase
 * dictionary decides a character's reading in context ({@code 重庆} → {@code chong qing}, {@code 长大} →
 * {@code zhang da}), its character dictionary the rest.
 *
 * <p>The library's own segmenter builds a character trie of the 43,000 phrases, nested hash maps that take about
 * 15 MB of heap and a second to build. This one finds the same words the same way (at each position the longest
 * phrase of the dictionary that starts there, else one character) by looking them up in the phrase dictionary the
 * library keeps anyway, so nothing more is built.
 */
final class Pinyin {

    private static final Set<String> PHRASES = ((DefaultPinyinTone) PinyinTones.defaults()).phraseSet();
    private static final int LONGEST_PHRASE = PHRASES.stream().mapToInt(String::length).max().orElse(1);
    private static final PinyinBs PINYIN = PinyinBs.newInstance()
            .segment(Pinyin::longestPhrases)
            .style(PinyinToneStyles.normal())
            .connector(" ")
            .init();

    private Pinyin() {
    }

    /** The syllables of {@code han}, a run of Chinese characters, separated by single spaces. */
    static String of(String han) {
        return PINYIN.toPinyin(han);
    }

    /** Whether a syllable of {@link #of} is indexed: toneless a to z only (readings with ü or ê are not). */
    static boolean indexed(String syllable) {
        return !syllable.isEmpty() && syllable.chars().allMatch(l -> l >= 'a' && l <= 'z');
    }

    /**
     * Every syllable with a vowel that the dictionary reads a character of the CJK Unified Ideographs block as,
     * as they are {@link #indexed}; read once, on first use.
     * Interjections without a vowel ({@code ng}, {@code hm}) are left out: as syllables of a query they would
     * split ordinary words ({@code meng} into {@code me ng}).
     */
    static Set<String> syllables() {
        return Syllables.ALL;
    }

    /** Whether {@code text} begins at least one of the {@link #syllables()}, or is one. */
    static boolean beginsSyllable(String text) {
        return Syllables.BEGINNINGS.contains(text);
    }

    private static final class Syllables {

        static final Set<String> ALL;
        static final Set<String> BEGINNINGS;

        static {
            Set<String> all = new java.util.HashSet<>();
            for (char c = '\u4E00'; c <= '\u9FFF'; c++) {
                for (String reading : PINYIN.toPinyinList(c)) {
                    if (indexed(reading) && reading.chars().anyMatch(l -> "aeiou".indexOf(l) >= 0)) {
                        all.add(reading);
                    }
                }
            }
            Set<String> beginnings = new java.util.HashSet<>();
            all.forEach(syllable -> {
                for (int length = 1; length <= syllable.length(); length++) {
                    beginnings.add(syllable.substring(0, length));
                }
            });
            ALL = Set.copyOf(all);
            BEGINNINGS = Set.copyOf(beginnings);
        }
    }

    /** Forward maximum matching over the phrase dictionary. */
    static List<String> longestPhrases(String text) {
        List<String> words = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int length = Math.min(LONGEST_PHRASE, text.length() - at);
            while (length > 1 && !PHRASES.contains(text.substring(at, at + length))) {
                length--;
            }
            words.add(text.substring(at, at + length));
            at += length;
        }
        return words;
    }
}
