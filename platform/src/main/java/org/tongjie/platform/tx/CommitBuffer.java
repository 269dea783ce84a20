package org.tongjie.platform.tx;

/**
 * One kind of thing transactions collect as they go and write just before they commit (the outbox's events, the
 * indicators' facts, an idempotent request's response), through {@link CommitWrites}: every kind a transaction
 * collected is written in the same statement, in the order the items came. A transaction marked for rollback
 * writes nothing. Adding after the write (during the commit itself) is refused rather than silently lost.
 *
 * @param <T> what is collected
 */
public final class CommitBuffer<T> {

    private final CommitWrites writes;
    final int ordinal;
    final String name;
    final String statement;
    final CommitWrites.Binder<T> binder;
    final Runnable afterCommit;

    CommitBuffer(CommitWrites writes, int ordinal, String name, String statement, CommitWrites.Binder<T> binder,
            Runnable afterCommit) {
        this.writes = writes;
        this.ordinal = ordinal;
        this.name = name;
        this.statement = statement;
        this.binder = binder;
        this.afterCommit = afterCommit;
    }

    /** Adds to the current transaction's items of this kind; the transaction's first item registers the write. */
    public void add(T item) {
        writes.add(this, item);
    }

    @Override
    public String toString() {
        return name;
    }
}
