package org.tongjie.platform.tx;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a transaction collects as it goes and writes in one go just before it commits, in the order it came, on
 * the transaction's own connection: the outbox's events, the indicators' facts. A transaction marked for rollback
 * writes nothing. Adding after the write (during the commit itself) is refused rather than silently lost.
 *
 * @param <T> what is collected
 */
public final class CommitBuffer<T> {

    private final TransactionSynchronizationRegistry transactions;
    private final String key;
    private final Consumer<List<T>> write;
    private final Runnable afterCommit;

    /**
     * @param name        names this buffer among the transaction's resources (one per kind of thing collected)
     * @param write       writes a transaction's items, called once before it commits, only when there are some
     * @param afterCommit runs after a transaction that wrote items committed
     */
    public CommitBuffer(TransactionSynchronizationRegistry transactions, String name, Consumer<List<T>> write,
            Runnable afterCommit) {
        this.transactions = transactions;
        this.key = CommitBuffer.class.getName() + "." + name;
        this.write = write;
        this.afterCommit = afterCommit;
    }

    /** Adds to the current transaction's items; the first one of a transaction registers their write. */
    public void add(T item) {
        Pending<T> pending = pending();
        if (pending.written) {
            throw new IllegalStateException(item + " added after the transaction's " + key + " were written at commit");
        }
        pending.items.add(item);
    }

    /** One transaction's items. */
    private static final class Pending<T> {
        private final List<T> items = new ArrayList<>();
        private boolean written;
    }

    @SuppressWarnings("unchecked")
    private Pending<T> pending() {
        Pending<T> existing = (Pending<T>) transactions.getResource(key);
        if (existing != null) {
            return existing;
        }
        Pending<T> pending = new Pending<>();
        transactions.putResource(key, pending);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                pending.written = true;
                if (!transactions.getRollbackOnly() && !pending.items.isEmpty()) {
                    write.accept(pending.items);
                }
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED && !pending.items.isEmpty()) {
                    afterCommit.run();
                }
            }
        });
        return pending;
    }
}
