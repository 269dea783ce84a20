package org.tongjie.platform.ids;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeOrderedIdsTest {

    @Test
    void shouldMakeDistinctVersionSevenIdsWhereThoseOfALaterMillisecondSortAfter() throws Exception {
        long before = System.currentTimeMillis();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Future<List<UUID>>> made = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            made.add(threads.submit(() -> {
                List<UUID> ids = new ArrayList<>();
                for (int i = 0; i < 50_000; i++) {
                    ids.add(TimeOrderedIds.next());
                }
                return ids;
            }));
        }
        Set<UUID> all = new HashSet<>();
        for (Future<List<UUID>> future : made) {
            List<UUID> ids = future.get();
            for (int i = 1; i < ids.size(); i++) {
                UUID earlier = ids.get(i - 1);
                UUID later = ids.get(i);
                assertTrue(millis(earlier) <= millis(later), earlier + " then " + later);
                // PostgreSQL compares uuids byte by byte, unsigned: as their lower-case hex text compares.
                assertTrue(millis(earlier) == millis(later) || earlier.toString().compareTo(later.toString()) < 0,
                        earlier + " then " + later);
            }
            all.addAll(ids);
        }
        threads.shutdown();
        assertEquals(200_000, all.size());
        UUID any = all.iterator().next();
        assertEquals(7, any.version());
        assertEquals(2, any.variant());
        assertTrue(millis(any) >= before && millis(any) <= System.currentTimeMillis(), "made at " + millis(any));
    }

    private static long millis(UUID id) {
        return id.getMostSignificantBits() >>> 16;
    }
}
