package org.tongjie.catalog.search;

import com.github.houbb.pinyin.constant.enums.PinyinStyleEnum;
import com.github.houbb.pinyin.support.tone.DefaultPinyinTone;
import com.github.houbb.pinyin.support.tone.PinyinTones;
import com.github.houbb.pinyin.util.PinyinHelper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PinyinTest {

    @Test
    void shouldReadACharacterTheWayItsPhraseReadsIt() {
        assertEquals("chong qing", Pinyin.of("重庆"));
        assertEquals("zhong yao", Pinyin.of("重要"));
        assertEquals("zhang da", Pinyin.of("长大"));
        assertEquals("chang jiang", Pinyin.of("长江"));
        assertEquals("yin hang", Pinyin.of("银行"));
        assertEquals("hong lou meng", Pinyin.of("红楼梦"));
    }

    @Test
    void shouldSegmentByTheLongestPhraseOfTheDictionary() {
        assertEquals(List.of("中华人民共和国", "银行"), Pinyin.longestPhrases("中华人民共和国银行"));
        // Greedy from the left, as the library's own segmenter: 市长 (mayor) wins over 长江 here.
        assertEquals(List.of("重庆", "市长", "江"), Pinyin.longestPhrases("重庆市长江"));
        assertEquals(List.of("鑫"), Pinyin.longestPhrases("鑫"));
        assertEquals(List.of(), Pinyin.longestPhrases(""));
    }

    /** The library's own segmenter (a trie of the phrases) reads every text the same way. */
    @Test
    void shouldReadTextsExactlyAsTheLibrarysOwnSegmenterDoes() {
        List<String> phrases = new ArrayList<>(((DefaultPinyinTone) PinyinTones.defaults()).phraseSet());
        Random random = new Random(20261123L);
        int compared = 0;
        for (int i = 0; i < 5_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int words = 1 + random.nextInt(4); words > 0; words--) {
                String phrase = phrases.get(random.nextInt(phrases.size()));
                // Whole phrases and cut ones, so that matches also end and start inside phrases.
                text.append(random.nextBoolean() ? phrase : phrase.substring(random.nextInt(phrase.length())));
            }
            String han = text.codePoints().filter(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN)
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
            if (!han.isEmpty()) {
                assertEquals(PinyinHelper.toPinyin(han, PinyinStyleEnum.NORMAL), Pinyin.of(han), han);
                compared++;
            }
        }
        assertTrue(compared > 4_000, "compared " + compared);
    }
}
