package org.tongjie.catalog.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.logging.Logger;
import org.tongjie.catalog.domain.BibRecord;
import org.tongjie.catalog.domain.Copy;
import org.tongjie.platform.library.Isbn;
import org.tongjie.catalog.domain.RecordSource;
import org.tongjie.catalog.domain.ServicePoint;
import org.tongjie.catalog.repository.CopyRepository;
import org.tongjie.catalog.repository.RecordRepository;
import org.tongjie.catalog.repository.ServicePointRepository;
import org.tongjie.catalog.rest.dto.SyncRequest;
import org.tongjie.catalog.rest.dto.SyncResponse;
import org.tongjie.catalog.rest.dto.SyncResponse.CopyResult;
import org.tongjie.catalog.rest.dto.SyncResponse.EntryResult;
import org.tongjie.catalog.rest.dto.SyncResponse.Outcome;
import org.tongjie.platform.problem.ProblemException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Applies a district system's batch of holdings for one library. Entries are applied fifty to a
 * transaction; when one of them fails, those fifty are applied again one transaction each, so one bad entry
 * never fails the others. Only real changes are written and published, so sending the same batch again changes
 * nothing and publishes nothing.
 */
@ApplicationScoped
public class HoldingsSync {

    private static final Logger LOG = Logger.getLogger(HoldingsSync.class);

    /**
     * Entries applied in one transaction: one commit, and one turn of the outbox relay, for many entries instead
     * of one each.
     */
    static final int ENTRIES_PER_TRANSACTION = 50;

    private final RecordRepository records;
    private final CopyRepository copies;
    private final ServicePointRepository servicePoints;
    private final HoldingsChanges changes;
    private final EntityManager em;
    private final Validator validator;

    HoldingsSync(RecordRepository records, CopyRepository copies, ServicePointRepository servicePoints,
            HoldingsChanges changes, EntityManager em, Validator validator) {
        this.records = records;
        this.copies = copies;
        this.servicePoints = servicePoints;
        this.changes = changes;
        this.em = em;
        this.validator = validator;
    }

    public SyncResponse apply(String library, List<SyncRequest.Entry> entries) {
        Map<String, ServicePoint> points = servicePoints.ofLibrary(library).stream()
                .collect(Collectors.toMap(ServicePoint::code, Function.identity()));
        Set<String> repeated = repeatedBarcodes(entries);
        List<EntryResult> results = new ArrayList<>(entries.size());
        for (int from = 0; from < entries.size(); from += ENTRIES_PER_TRANSACTION) {
            int to = Math.min(entries.size(), from + ENTRIES_PER_TRANSACTION);
            List<EntryResult> together = applyTogether(library, entries, from, to, points, repeated);
            if (together != null) {
                results.addAll(together);
            } else {
                for (int i = from; i < to; i++) {
                    results.add(applyAlone(library, i, entries.get(i), points, repeated));
                }
            }
        }
        return new SyncResponse(library, summarise(results), results);
    }

    /**
     * Applies entries {@code from} to {@code to} in one transaction, or none of them: returns null when one of
     * them fails, and the caller applies each on its own, so a bad entry costs its neighbours a second try but
     * never their result.
     */
    private List<EntryResult> applyTogether(String library, List<SyncRequest.Entry> entries, int from, int to,
            Map<String, ServicePoint> points, Set<String> repeated) {
        if (to - from == 1) {
            return null;
        }
        List<BibRecord.Description> descriptions = new ArrayList<>(to - from);
        try {
            for (int i = from; i < to; i++) {
                descriptions.add(describe(i, entries.get(i)));
            }
        } catch (ProblemException malformed) {
            return null;
        }
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                Known known = known(library, entries.subList(from, to), descriptions);
                List<EntryResult> applied = new ArrayList<>(to - from);
                for (int i = from; i < to; i++) {
                    applied.add(applyEntry(library, i, entries.get(i), descriptions.get(i - from), points,
                            repeated, known));
                }
                changes.index(known.unindexed());
                return applied;
            });
        } catch (RuntimeException e) {
            LOG.debugf(e, "Sync entries %d to %d of library %s go one by one", from, to - 1, library);
            return null;
        }
    }

    private EntryResult applyAlone(String library, int index, SyncRequest.Entry entry,
            Map<String, ServicePoint> points, Set<String> repeated) {
        try {
            BibRecord.Description description = describe(index, entry);
            return QuarkusTransaction.requiringNew().call(() -> {
                Known known = known(library, List.of(entry), List.of(description));
                EntryResult result = applyEntry(library, index, entry, description, points, repeated, known);
                changes.index(known.unindexed());
                return result;
            });
        } catch (ProblemException e) {
            return rejected(index, entry, e.code(), e.getMessage());
        } catch (ConstraintViolationException e) {
            return rejected(index, entry, "CONFLICT", "Changed concurrently by another request; retry");
        } catch (RuntimeException e) {
            LOG.errorf(e, "Sync entry %d of library %s failed", index, library);
            return rejected(index, entry, "INTERNAL_ERROR", "Could not apply this entry; retry it");
        }
    }

    /** The entry's record as it will be catalogued, its ISBN as ISBN-13; refuses an entry that is not well formed. */
    private BibRecord.Description describe(int index, SyncRequest.Entry entry) {
        if (entry == null) {
            throw new ProblemException(422, "VALIDATION_FAILED", "Invalid entry", "entries[" + index
                    + "]: must not be null", List.of());
        }
        checkShape(index, entry);
        BibRecord.Description description = entry.record().toDescription();
        if (description.isbn() != null) {
            return description.withIsbn(Isbn.toIsbn13(description.isbn()).orElseThrow(() ->
                    new ProblemException(422, "INVALID_ISBN", "Invalid ISBN",
                            "Not a valid ISBN-10 or ISBN-13: " + entry.record().isbn(), List.of())));
        }
        if (entry.ref() == null) {
            throw new ProblemException(422, "REF_OR_ISBN_REQUIRED", "Unmatchable entry",
                    "An entry needs an ISBN or a ref, or every sync would catalogue it again", List.of());
        }
        return description;
    }

    private EntryResult applyEntry(String library, int index, SyncRequest.Entry entry,
            BibRecord.Description wanted, Map<String, ServicePoint> points, Set<String> repeated, Known known) {
        RecordSource source = entry.ref() == null ? null : known.sources().get(entry.ref());
        BibRecord found = wanted.isbn() != null ? known.recordsByIsbn().get(wanted.isbn()) : null;
        if (found == null && source != null) {
            found = known.recordsById().get(source.recordId());
        }
        Outcome recordOutcome;
        BibRecord record;
        if (found == null) {
            record = changes.catalogueUnindexed(wanted, library);
            known.add(record);
            known.unindexed().add(record);
            recordOutcome = Outcome.CREATED;
        } else {
            record = found;
            recordOutcome = Outcome.UNCHANGED;
            if (record.cataloguedBy(library) && changes.redescribeUnindexed(record, wanted)) {
                known.unindexed().add(record);
                recordOutcome = Outcome.UPDATED;
            }
        }
        if (entry.ref() != null && source == null) {
            RecordSource added = RecordSource.of(library, entry.ref(), record.id());
            em.persist(added);
            known.sources().put(entry.ref(), added);
        }
        List<CopyResult> copyResults = applyCopies(library, record, entry, points, repeated, known);
        boolean copyChanged = copyResults.stream().anyMatch(c -> c.outcome() != Outcome.UNCHANGED
                && c.outcome() != Outcome.REJECTED);
        Outcome outcome = recordOutcome != Outcome.UNCHANGED ? recordOutcome
                : copyChanged ? Outcome.UPDATED : Outcome.UNCHANGED;
        return new EntryResult(index, entry.ref(), outcome, record.id(), null, null, copyResults);
    }

    private List<CopyResult> applyCopies(String library, BibRecord record, SyncRequest.Entry entry,
            Map<String, ServicePoint> points, Set<String> repeated, Known known) {
        List<SyncRequest.Copy> wanted = entry.copies() == null ? List.of() : entry.copies();
        List<CopyResult> results = new ArrayList<>(wanted.size());
        for (SyncRequest.Copy copy : wanted) {
            results.add(applyCopy(library, record, copy, known.copies().get(copy.barcode()), points, repeated,
                    known));
        }
        return results;
    }

    private CopyResult applyCopy(String library, BibRecord record, SyncRequest.Copy wanted, Copy current,
            Map<String, ServicePoint> points, Set<String> repeated, Known known) {
        String barcode = wanted.barcode();
        if (repeated.contains(barcode)) {
            return new CopyResult(barcode, Outcome.REJECTED, "DUPLICATE_BARCODE_IN_BATCH",
                    "The batch lists this barcode more than once");
        }
        if (current != null && !current.libraryCode().equals(library)) {
            return new CopyResult(barcode, Outcome.REJECTED, "COPY_BARCODE_TAKEN",
                    "Barcode " + barcode + " belongs to another library");
        }
        if (current != null && current.isProvisional()) {
            return new CopyResult(barcode, Outcome.REJECTED, "COPY_BEING_PURCHASED",
                    "Copy " + barcode + " is being bought at a partner bookstore");
        }
        if (wanted.isWithdrawn()) {
            known.forgetTitleCount(current);
            boolean withdrawn = current != null && changes.withdraw(current);
            return new CopyResult(barcode, withdrawn ? Outcome.WITHDRAWN : Outcome.UNCHANGED, null, null);
        }
        ServicePoint home = points.get(wanted.homeServicePointCode());
        if (home == null) {
            return new CopyResult(barcode, Outcome.REJECTED, "SERVICE_POINT_UNKNOWN",
                    wanted.homeServicePointCode() + " is not a service point of library " + library);
        }
        if (current == null) {
            Long active = known.activeCopies().get(record.id());
            if (active == null) {
                changes.register(barcode, record, home, wanted.callNumber(), wanted.loanTypeOrDefault());
            } else {
                changes.register(barcode, record, home, wanted.callNumber(), wanted.loanTypeOrDefault(), active == 0);
                known.activeCopies().put(record.id(), active + 1);
            }
            return new CopyResult(barcode, Outcome.CREATED, null, null);
        }
        if (current.isWithdrawn()) {
            return new CopyResult(barcode, Outcome.REJECTED, "COPY_WITHDRAWN",
                    "Copy " + barcode + " was withdrawn; a withdrawn barcode is not reused");
        }
        known.forgetTitleCount(current);
        known.activeCopies().remove(record.id());
        boolean revised = changes.revise(current, record, home, wanted.callNumber(), wanted.loanTypeOrDefault());
        return new CopyResult(barcode, revised ? Outcome.UPDATED : Outcome.UNCHANGED, null, null);
    }

    /**
     * What a transaction's entries refer to, read with one statement each before the first change: the library's
     * record sources by ref, the records by ISBN and by id, the copies by barcode, and how many active copies the
     * library has of each of those records. Kept up to date as the entries are applied, so an entry sees what the
     * ones before it in the same transaction created.
     */
    private record Known(Map<String, RecordSource> sources, Map<String, BibRecord> recordsByIsbn,
            Map<UUID, BibRecord> recordsById, Map<String, Copy> copies, Map<UUID, Long> activeCopies,
            Set<BibRecord> unindexed) {

        void add(BibRecord record) {
            recordsById.put(record.id(), record);
            if (record.isbn() != null) {
                recordsByIsbn.put(record.isbn(), record);
            }
            activeCopies.put(record.id(), 0L);
        }

        /** A copy about to change library, record or status: its title's count is read again when needed. */
        void forgetTitleCount(Copy copy) {
            if (copy != null) {
                activeCopies.remove(copy.recordId());
            }
        }
    }

    private Known known(String library, List<SyncRequest.Entry> entries, List<BibRecord.Description> descriptions) {
        List<String> refs = entries.stream().map(SyncRequest.Entry::ref).filter(Objects::nonNull).distinct().toList();
        Map<String, RecordSource> sources = new HashMap<>();
        if (!refs.isEmpty()) {
            em.createQuery("from RecordSource s where s.key.libraryCode = ?1 and s.key.sourceRef in ?2",
                    RecordSource.class).setParameter(1, library).setParameter(2, refs).getResultList()
                    .forEach(source -> sources.put(source.key().sourceRef(), source));
        }
        List<String> isbns = descriptions.stream().map(BibRecord.Description::isbn).filter(Objects::nonNull)
                .distinct().toList();
        Map<String, BibRecord> byIsbn = new HashMap<>();
        Map<UUID, BibRecord> byId = new HashMap<>();
        if (!isbns.isEmpty()) {
            records.list("isbn in ?1", isbns).forEach(record -> {
                byIsbn.put(record.isbn(), record);
                byId.put(record.id(), record);
            });
        }
        List<UUID> sourced = sources.values().stream().map(RecordSource::recordId).filter(id -> !byId.containsKey(id))
                .distinct().toList();
        if (!sourced.isEmpty()) {
            records.list("id in ?1", sourced).forEach(record -> byId.put(record.id(), record));
        }
        List<String> barcodes = entries.stream().filter(e -> e.copies() != null).flatMap(e -> e.copies().stream())
                .map(SyncRequest.Copy::barcode).distinct().toList();
        Map<String, Copy> existing = barcodes.isEmpty() ? new HashMap<>()
                : copies.list("barcode in ?1", barcodes).stream()
                        .collect(Collectors.toMap(Copy::barcode, Function.identity(), (a, b) -> a, HashMap::new));
        Map<UUID, Long> active = new HashMap<>();
        if (!byId.isEmpty()) {
            byId.keySet().forEach(id -> active.put(id, 0L));
            em.createQuery("select c.recordId, count(c) from Copy c where c.libraryCode = ?1 and c.status = ?2"
                    + " and c.recordId in ?3 group by c.recordId", Object[].class).setParameter(1, library)
                    .setParameter(2, Copy.Status.ACTIVE).setParameter(3, byId.keySet()).getResultList()
                    .forEach(row -> active.put((UUID) row[0], (Long) row[1]));
        }
        return new Known(sources, byIsbn, byId, existing, active, new LinkedHashSet<>());
    }

    private void checkShape(int index, SyncRequest.Entry entry) {
        Set<ConstraintViolation<SyncRequest.Entry>> violations = validator.validate(entry);
        if (!violations.isEmpty()) {
            String reason = violations.stream().map(v -> "entries[" + index + "]." + v.getPropertyPath() + ": "
                    + v.getMessage()).sorted().collect(Collectors.joining("; "));
            throw new ProblemException(422, "VALIDATION_FAILED", "Invalid entry", reason, List.of());
        }
    }

    private static Set<String> repeatedBarcodes(List<SyncRequest.Entry> entries) {
        Map<String, Integer> counts = new HashMap<>();
        for (SyncRequest.Entry entry : entries) {
            if (entry != null && entry.copies() != null) {
                entry.copies().stream().filter(c -> c != null && c.barcode() != null)
                        .forEach(c -> counts.merge(c.barcode(), 1, Integer::sum));
            }
        }
        Set<String> repeated = new HashSet<>();
        counts.forEach((barcode, count) -> {
            if (count > 1) {
                repeated.add(barcode);
            }
        });
        return repeated;
    }

    private static EntryResult rejected(int index, SyncRequest.Entry entry, String code, String reason) {
        return new EntryResult(index, entry == null ? null : entry.ref(), Outcome.REJECTED, null, code, reason, null);
    }

    private static SyncResponse.Summary summarise(List<EntryResult> results) {
        Map<Outcome, Long> counts = results.stream().collect(Collectors.groupingBy(EntryResult::outcome,
                Collectors.counting()));
        return new SyncResponse.Summary(counts.getOrDefault(Outcome.CREATED, 0L).intValue(),
                counts.getOrDefault(Outcome.UPDATED, 0L).intValue(),
                counts.getOrDefault(Outcome.UNCHANGED, 0L).intValue(),
                counts.getOrDefault(Outcome.REJECTED, 0L).intValue());
    }
}
