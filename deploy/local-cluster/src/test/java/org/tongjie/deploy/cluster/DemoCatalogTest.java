package org.tongjie.deploy.cluster;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoCatalogTest {

    private static final List<String> POINTS = List.of("NJL-MAIN", "JLL-24H", "JHL-KKSB-3");

    @Test
    void shouldGenerateTheSameCatalogueForTheSameSeedWithUniqueValidChineseIsbns() {
        List<DemoCatalog.Entry> first = DemoCatalog.generate(2000, POINTS, 7, 100000);
        assertEquals(first, DemoCatalog.generate(2000, POINTS, 7, 100000));
        Set<String> isbns = new HashSet<>();
        Set<String> barcodes = new HashSet<>();
        Set<String> titles = new HashSet<>();
        for (DemoCatalog.Entry entry : first) {
            String isbn = (String) entry.record().get("isbn");
            assertTrue(isbn.matches("9787\\d{9}"), isbn);
            int sum = 0;
            for (int i = 0; i < 13; i++) {
                sum += (isbn.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
            }
            assertEquals(0, sum % 10, "check digit of " + isbn);
            assertTrue(isbns.add(isbn), "unique " + isbn);
            String title = (String) entry.record().get("title");
            assertTrue(title.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN),
                    title);
            titles.add(title + "：" + entry.record().get("subtitle"));
            int copies = 0;
            for (var at : entry.copiesAt().entrySet()) {
                assertTrue(POINTS.contains(at.getKey()));
                for (String barcode : at.getValue()) {
                    assertTrue(barcode.startsWith(at.getKey().substring(0, 3)), barcode);
                    assertTrue(barcodes.add(barcode), "unique " + barcode);
                    copies++;
                }
            }
            assertTrue(copies >= 1 && copies <= 3);
        }
        assertTrue(titles.size() > 1200, "mostly distinct titles: " + titles.size());
    }
}
