package org.tongjie.platform.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.tongjie.platform.events.EventEnvelope;
import org.tongjie.platform.problem.DatabaseFailures;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Applies one incoming event exactly once in effect: parses the envelope, and in a new transaction records
 * it in the inbox and runs the effect, or skips it when the inbox already has it.
 * <p>
 * An event is never given up because of the infrastructure: while the database cannot be reached it is retried
 * with backoff for as long as that lasts, and once the application is shutting down it is left unacknowledged,
 * so that the offset is not committed and the event is delivered again after the restart. Only an event that
 * still fails with the database at hand, five times, is thrown to the messaging layer (its dead-letter topic).
 */
@ApplicationScoped
public class InboundEvents {

    private static final Logger LOG = Logger.getLogger(InboundEvents.class);
    private static final int ATTEMPTS = 5;
    private static final long MAX_BACKOFF_MILLIS = 5000;

    private final ObjectMapper mapper;
    private final Inbox inbox;
    private volatile boolean stopping;

    InboundEvents(ObjectMapper mapper, Inbox inbox) {
        this.mapper = mapper;
        this.inbox = inbox;
    }

    /** Returns true when the effect ran, false when the event was a redelivery. */
    public boolean handle(String consumer, String json, Consumer<EventEnvelope> effect) {
        EventEnvelope envelope = EventEnvelope.parse(mapper, json);
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> {
                    if (!inbox.firstDelivery(consumer, envelope.eventId(), envelope.eventType())) {
                        return false;
                    }
                    effect.accept(envelope);
                    return true;
                });
            } catch (IllegalArgumentException e) {
                throw e;
            } catch (RuntimeException e) {
                if (stopping) {
                    leaveForRedelivery(consumer, envelope);
                }
                boolean unreachable = DatabaseFailures.unreachable(e);
                if (attempt >= ATTEMPTS && !unreachable) {
                    throw e;
                }
                LOG.warnf("%s could not apply %s %s (attempt %d%s): %s", consumer, envelope.eventType(),
                        envelope.eventId(), attempt, unreachable ? ", database unreachable: retrying until it is back"
                        : "", e.toString());
                sleep(Math.min(MAX_BACKOFF_MILLIS, 100L << Math.min(attempt, 10)));
            }
        }
    }

    /**
     * Applies the events of one poll (in order within each partition) in one transaction, each at most once:
     * one inbox statement for all of them, then the effects in order. Far cheaper per event than
     * {@link #handle} under load. When the batch fails with the database at hand, its events are applied one by
     * one instead, and an event that still fails (or cannot be read) goes to {@code deadLetters} while the others
     * are applied; while the database is unreachable the whole batch is retried.
     */
    public void handleBatch(String consumer, List<String> jsons, Consumer<EventEnvelope> effect,
            Consumer<String> deadLetters) {
        handleBatchTogether(consumer, jsons, fresh -> fresh.forEach(effect), deadLetters);
    }

    /**
     * As {@link #handleBatch}, but the effect receives all of the poll's first deliveries at once, in order, so
     * that it can apply them with one statement or one JDBC batch instead of a round trip each. When the batch
     * is applied one event at a time after a failure, the effect receives a list of one.
     */
    public void handleBatchTogether(String consumer, List<String> jsons, Consumer<List<EventEnvelope>> effect,
            Consumer<String> deadLetters) {
        List<EventEnvelope> envelopes = new ArrayList<>(jsons.size());
        try {
            jsons.forEach(json -> envelopes.add(EventEnvelope.parse(mapper, json)));
        } catch (IllegalArgumentException e) {
            oneByOne(consumer, jsons, effect, deadLetters);
            return;
        }
        List<UUID> ids = envelopes.stream().map(EventEnvelope::eventId).toList();
        List<String> types = envelopes.stream().map(EventEnvelope::eventType).toList();
        for (int attempt = 1; ; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    Set<UUID> fresh = inbox.firstDeliveries(consumer, ids, types);
                    List<EventEnvelope> first = new ArrayList<>(fresh.size());
                    for (EventEnvelope envelope : envelopes) {
                        if (fresh.remove(envelope.eventId())) {
                            first.add(envelope);
                        }
                    }
                    if (!first.isEmpty()) {
                        effect.accept(first);
                    }
                });
                return;
            } catch (RuntimeException e) {
                if (stopping) {
                    leaveForRedelivery(consumer, envelopes.get(0));
                }
                if (!DatabaseFailures.unreachable(e)) {
                    LOG.warnf("%s could not apply a batch of %d events, applying them one by one: %s", consumer,
                            envelopes.size(), e.toString());
                    break;
                }
                LOG.warnf("%s could not apply a batch of %d events (attempt %d, database unreachable: retrying until"
                        + " it is back): %s", consumer, envelopes.size(), attempt, e.toString());
                sleep(Math.min(MAX_BACKOFF_MILLIS, 100L << Math.min(attempt, 10)));
            }
        }
        oneByOne(consumer, jsons, effect, deadLetters);
    }

    private void oneByOne(String consumer, List<String> jsons, Consumer<List<EventEnvelope>> effect,
            Consumer<String> deadLetters) {
        for (String json : jsons) {
            try {
                handle(consumer, json, envelope -> effect.accept(List.of(envelope)));
            } catch (RuntimeException e) {
                LOG.errorf(e, "%s gives an event up to its dead-letter topic", consumer);
                deadLetters.accept(json);
            }
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /**
     * The application is shutting down (its database connections may already be closed): neither acknowledge
     * the event nor hand it to the dead-letter topic. The thread waits until the process ends; the offset stays
     * uncommitted and the event is delivered again to whoever consumes the partition next.
     */
    private static void leaveForRedelivery(String consumer, EventEnvelope envelope) {
        LOG.infof("%s leaves %s %s for redelivery: shutting down", consumer, envelope.eventType(),
                envelope.eventId());
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                // The process is ending; returning now would acknowledge or dead-letter the event.
            }
        }
    }

    /** The mapper consumers use to read {@link EventEnvelope#data()}. */
    public ObjectMapper mapper() {
        return mapper;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while retrying an event", e);
        }
    }
}
