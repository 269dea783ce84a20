package org.tongjie.deploy.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Chinese words with their real frequencies, from the jieba segmenter's dictionary (about 350,000 words counted
 * over a large corpus): nouns, place names, verbs, adjectives and idioms of two to four characters. Drawing
 * words in proportion to their counts gives titles whose word frequencies follow real text, so a common word
 * matches hundreds of thousands of records and a rare one a handful.
 */
final class Vocabulary {

    private static final Set<String> KINDS = Set.of("n", "ns", "nz", "v", "vn", "a", "an", "i", "l", "nt");

    /** A word and how often the dictionary's corpus has it. */
    record Word(String text, long count) {
    }

    private final List<Word> byCount;
    private final long[] cumulative;

    private Vocabulary(List<Word> byCount) {
        this.byCount = byCount;
        this.cumulative = new long[byCount.size()];
        long sum = 0;
        for (int i = 0; i < byCount.size(); i++) {
            sum += byCount.get(i).count();
            cumulative[i] = sum;
        }
    }

    static Vocabulary load() throws IOException {
        List<Word> words = new ArrayList<>();
        try (InputStream in = Vocabulary.class.getResourceAsStream("/dict.txt")) {
            if (in == null) {
                throw new IOException("jieba's dict.txt is not on the class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                String[] parts = line.split(" ");
                if (parts.length == 3 && KINDS.contains(parts[2]) && parts[0].length() >= 2 && parts[0].length() <= 4
                        && parts[0].codePoints().allMatch(c -> Character.UnicodeScript.of(c)
                        == Character.UnicodeScript.HAN)) {
                    long count = Long.parseLong(parts[1]);
                    if (count >= 20) {
                        words.add(new Word(parts[0], count));
                    }
                }
            }
        }
        words.sort(Comparator.comparingLong(Word::count).reversed().thenComparing(Word::text));
        return new Vocabulary(List.copyOf(words));
    }

    /** A word drawn in proportion to its count. */
    String draw(SplittableRandom random) {
        long target = random.nextLong(cumulative[cumulative.length - 1]);
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] > target) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return byCount.get(low).text();
    }

    /** The word of the given rank, 0 being the most common. */
    Word ranked(int rank) {
        return byCount.get(Math.min(rank, byCount.size() - 1));
    }

    int size() {
        return byCount.size();
    }
}
