package org.tongjie.loan.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ReferenceDataTest {

    private static final LocalDate MONDAY = LocalDate.of(2026, 12, 7);

    @Inject
    ReferenceData reference;

    /**
     * A request that waited for another's read would hold its database connection meanwhile, while the reader
     * might be waiting for one: under load that emptied the pool each time an entry expired.
     */
    @Test
    void shouldNotMakeARequestWaitForAnotherRequestsRead() throws Exception {
        String library = "L" + UUID.randomUUID();
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<LocalDate> slow = CompletableFuture.supplyAsync(() -> reference.nextOpenDay(library, MONDAY,
                () -> {
                    reading.countDown();
                    await(release);
                    return MONDAY;
                }));
        try {
            assertTrue(reading.await(10, TimeUnit.SECONDS));

            LocalDate other = CompletableFuture.supplyAsync(() -> reference.nextOpenDay(library, MONDAY,
                    () -> MONDAY.plusDays(1))).get(5, TimeUnit.SECONDS);

            assertEquals(MONDAY.plusDays(1), other);
        } finally {
            release.countDown();
        }
        assertEquals(MONDAY, slow.get(10, TimeUnit.SECONDS));
    }

    @Test
    void shouldNotKeepWhatWasReadBeforeAChange() throws Exception {
        String library = "L" + UUID.randomUUID();
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<LocalDate> before = CompletableFuture.supplyAsync(() -> reference.nextOpenDay(library,
                MONDAY, () -> {
                    reading.countDown();
                    await(release);
                    return MONDAY;
                }));
        assertTrue(reading.await(10, TimeUnit.SECONDS));
        QuarkusTransaction.requiringNew().run(reference::changed);
        release.countDown();
        assertEquals(MONDAY, before.get(10, TimeUnit.SECONDS));

        assertEquals(MONDAY.plusDays(1), reference.nextOpenDay(library, MONDAY, () -> MONDAY.plusDays(1)));
        assertEquals(MONDAY.plusDays(1), reference.nextOpenDay(library, MONDAY, () -> MONDAY.plusDays(2)),
                "what was read after the change is kept");
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
