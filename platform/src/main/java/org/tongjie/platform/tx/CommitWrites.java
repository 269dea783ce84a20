package org.tongjie.platform.tx;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Writes what a transaction collected in its {@link CommitBuffer}s just before it commits, on the transaction's own
 * connection, in one statement: each kind's write is a data-modifying statement, and a transaction that collected
 * more than one kind runs them as the parts of one {@code WITH} statement (PostgreSQL runs each part exactly once,
 * to completion). A check-out's events, indicator facts and idempotent response cost one round trip, not three.
 * The statement for each combination of kinds is built once and is the same text every time, so the driver keeps
 * it prepared.
 */
@ApplicationScoped
public class CommitWrites {

    /** Binds a kind's items to its statement's parameters from {@code first}; returns the next free parameter. */
    @FunctionalInterface
    public interface Binder<T> {
        int bind(Connection connection, PreparedStatement statement, int first, List<T> items) throws SQLException;
    }

    private static final int MAX_KINDS = Long.SIZE;

    private final TransactionSynchronizationRegistry transactions;
    private final AgroalDataSource dataSource;
    private final List<CommitBuffer<?>> buffers = new CopyOnWriteArrayList<>();
    private final Map<Long, String> statements = new ConcurrentHashMap<>();
    private final String key = CommitWrites.class.getName() + "@" + System.identityHashCode(this);

    CommitWrites(TransactionSynchronizationRegistry transactions, AgroalDataSource dataSource) {
        this.transactions = transactions;
        this.dataSource = dataSource;
    }

    /**
     * A new kind of thing to collect.
     *
     * @param name        names the kind in errors
     * @param statement   an INSERT or UPDATE writing a transaction's items, its parameters bound by {@code binder};
     *                    no RETURNING, no WITH of its own
     * @param afterCommit runs after a transaction that wrote items of this kind committed
     */
    public synchronized <T> CommitBuffer<T> buffer(String name, String statement, Binder<T> binder,
            Runnable afterCommit) {
        if (buffers.size() == MAX_KINDS) {
            throw new IllegalStateException("More than " + MAX_KINDS + " kinds written at commit");
        }
        CommitBuffer<T> buffer = new CommitBuffer<>(this, buffers.size(), name, statement, binder, afterCommit);
        buffers.add(buffer);
        return buffer;
    }

    /** One transaction's items, by kind. */
    private static final class Pending {
        private final List<List<Object>> items = new ArrayList<>();
        private boolean written;

        List<Object> of(int ordinal) {
            while (items.size() <= ordinal) {
                items.add(new ArrayList<>());
            }
            return items.get(ordinal);
        }

        long kinds() {
            long kinds = 0;
            for (int i = 0; i < items.size(); i++) {
                if (!items.get(i).isEmpty()) {
                    kinds |= 1L << i;
                }
            }
            return kinds;
        }
    }

    <T> void add(CommitBuffer<T> buffer, T item) {
        Pending pending = pending();
        if (pending.written) {
            throw new IllegalStateException(item + " added after the transaction's " + buffer
                    + " were written at commit");
        }
        pending.of(buffer.ordinal).add(item);
    }

    private Pending pending() {
        Pending existing = (Pending) transactions.getResource(key);
        if (existing != null) {
            return existing;
        }
        Pending pending = new Pending();
        transactions.putResource(key, pending);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                pending.written = true;
                if (!transactions.getRollbackOnly()) {
                    write(pending);
                }
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    long kinds = pending.kinds();
                    for (CommitBuffer<?> buffer : buffers) {
                        if ((kinds & (1L << buffer.ordinal)) != 0) {
                            buffer.afterCommit.run();
                        }
                    }
                }
            }
        });
        return pending;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void write(Pending pending) {
        long kinds = pending.kinds();
        if (kinds == 0) {
            return;
        }
        String sql = statements.computeIfAbsent(kinds, this::statementFor);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            int next = 1;
            for (CommitBuffer buffer : buffers) {
                if ((kinds & (1L << buffer.ordinal)) != 0) {
                    next = buffer.binder.bind(connection, statement, next, pending.of(buffer.ordinal));
                }
            }
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write the transaction's " + present(kinds) + " at commit", e);
        }
    }

    /** One kind's own statement; several kinds as the parts of one WITH statement, in the order they were made. */
    private String statementFor(long kinds) {
        List<CommitBuffer<?>> present = present(kinds);
        if (present.size() == 1) {
            return present.get(0).statement;
        }
        StringBuilder sql = new StringBuilder("WITH ");
        for (CommitBuffer<?> buffer : present) {
            sql.append("w").append(buffer.ordinal).append(" AS (").append(buffer.statement).append("), ");
        }
        sql.setLength(sql.length() - 2);
        return sql.append(" SELECT 1").toString();
    }

    private List<CommitBuffer<?>> present(long kinds) {
        return buffers.stream().filter(b -> (kinds & (1L << b.ordinal)) != 0).toList();
    }
}
