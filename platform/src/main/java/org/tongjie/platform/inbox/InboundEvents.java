package org.tongjie.platform.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.tongjie.platform.events.EventEnvelope;
import org.tongjie.platform.problem.DatabaseFailures;

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
