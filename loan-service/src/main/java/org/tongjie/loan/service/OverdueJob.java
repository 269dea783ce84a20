package org.tongjie.loan.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.tongjie.loan.domain.CirculationCopy;
import org.tongjie.loan.domain.Loan;
import org.tongjie.loan.domain.LoanPolicy;
import org.tongjie.loan.domain.Patron;
import org.tongjie.loan.events.LoanEvent;
import org.tongjie.platform.outbox.Outbox;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/**
 * The daily overdue run: marks loans found overdue (LoanOverdue), and brings every overdue loan's fine up
 * to date (capped by its policy), charging the increase to the patron, whose balance blocks borrowing once
 * over the threshold. Works in batches of locked rows that concurrent runs skip, and is harmless to repeat.
 */
@ApplicationScoped
public class OverdueJob {

    private static final Logger LOG = Logger.getLogger(OverdueJob.class);
    private static final int BATCH = 200;

    private final EntityManager em;
    private final PolicyResolver policies;
    private final Outbox outbox;
    private final Clock clock;
    private final ZoneId zone;
    private final CirculationIndicators indicators;

    OverdueJob(EntityManager em, PolicyResolver policies, Outbox outbox, Clock clock,
            @ConfigProperty(name = "tongjie.circulation.zone") ZoneId zone, CirculationIndicators indicators) {
        this.indicators = indicators;
        this.em = em;
        this.policies = policies;
        this.outbox = outbox;
        this.clock = clock;
        this.zone = zone;
    }

    /** What one run did. */
    public record Summary(int overdueLoans, int newlyOverdue, long finesChargedFen) {
    }

    @Scheduled(cron = "0 30 2 * * ?", timeZone = "Asia/Shanghai",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void daily() {
        Summary summary = run();
        LOG.infof("Overdue run: %d overdue loans, %d newly overdue, %d fen charged", summary.overdueLoans(),
                summary.newlyOverdue(), summary.finesChargedFen());
    }

    public Summary run() {
        Instant now = clock.instant();
        int overdue = 0;
        int newly = 0;
        long charged = 0;
        // PostgreSQL orders uuids as unsigned bytes: the all-zero uuid comes first.
        UUID after = new UUID(0L, 0L);
        while (true) {
            UUID from = after;
            Batch batch = QuarkusTransaction.requiringNew().call(() -> batch(from, now));
            overdue += batch.loans();
            newly += batch.newlyOverdue();
            charged += batch.chargedFen();
            if (batch.last() == null) {
                return new Summary(overdue, newly, charged);
            }
            after = batch.last();
        }
    }

    private record Batch(int loans, int newlyOverdue, long chargedFen, UUID last) {
    }

    @SuppressWarnings("unchecked")
    private Batch batch(UUID after, Instant now) {
        List<UUID> ids = em.createNativeQuery("SELECT id FROM loan WHERE status = 'OPEN' AND due_at < ?1 AND id > ?2"
                + " ORDER BY id LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED").setParameter(1, now)
                .setParameter(2, after).getResultList();
        int newly = 0;
        long charged = 0;
        for (UUID id : ids) {
            Loan loan = em.find(Loan.class, id);
            Patron patron = em.find(Patron.class, loan.patronId(), jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            CirculationCopy copy = em.find(CirculationCopy.class, loan.copyId());
            LoanPolicy policy = policies.resolve(copy.libraryCode(), patron.patronType(), copy.loanType());
            long increase = loan.accrueFine(policy, now, zone);
            patron.charge(increase);
            charged += increase;
            indicators.finesAccrued(copy, now, increase);
            if (loan.markOverdue(now)) {
                newly++;
                em.flush();
                outbox.add(LoanEvent.overdue(loan));
                indicators.fellOverdue(copy, now);
            }
        }
        return new Batch(ids.size(), newly, charged, ids.size() < BATCH ? null : ids.get(ids.size() - 1));
    }
}
