package org.tongjie.catalog.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.tongjie.catalog.domain.Library;
import org.tongjie.catalog.domain.LibraryLevel;
import org.tongjie.catalog.domain.ServicePoint;
import org.tongjie.catalog.domain.ServicePointType;
import org.tongjie.catalog.events.LibraryRegistered;
import org.tongjie.catalog.events.ServicePointOpened;
import org.tongjie.catalog.repository.LibraryRepository;
import org.tongjie.catalog.repository.ServicePointRepository;
import org.tongjie.platform.outbox.Outbox;
import org.tongjie.platform.problem.ProblemException;
import org.tongjie.platform.security.Caller;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Registers libraries and their service points; the tree of the network. */
@ApplicationScoped
public class LibraryService {

    private final LibraryRepository libraries;
    private final ServicePointRepository servicePoints;
    private final Outbox outbox;
    private final Clock clock;
    private final Caller caller;

    LibraryService(LibraryRepository libraries, ServicePointRepository servicePoints, Outbox outbox, Clock clock,
            Caller caller) {
        this.libraries = libraries;
        this.servicePoints = servicePoints;
        this.outbox = outbox;
        this.clock = clock;
        this.caller = caller;
    }

    /** What a new library is. */
    public record NewLibrary(String code, String name, LibraryLevel level, String parentCode, String regionCode,
            String address, Double latitude, Double longitude) {
    }

    /** What a new service point is. */
    public record NewServicePoint(String code, String name, ServicePointType type,
            ServicePoint.Capabilities capabilities, String address, Double latitude, Double longitude) {
    }

    @Transactional
    public Library register(NewLibrary request) {
        if (libraries.findByIdOptional(request.code()).isPresent()) {
            throw ProblemException.conflict("LIBRARY_CODE_TAKEN", "Library " + request.code() + " already exists");
        }
        Library parent = null;
        if (request.parentCode() != null) {
            parent = libraries.findByIdOptional(request.parentCode()).orElseThrow(() -> ProblemException.invalidField(
                    "PARENT_LIBRARY_UNKNOWN", "parentCode", "No library " + request.parentCode()));
            if (!request.level().mayReportTo(parent.level())) {
                throw ProblemException.invalidField("LIBRARY_LEVEL_NOT_BELOW_PARENT", "level",
                        "A " + request.level() + " library cannot be a branch of a " + parent.level() + " library");
            }
        }
        Library library = Library.register(request.code(), request.name(), request.level(), parent,
                request.regionCode(), request.address(), request.latitude(), request.longitude(), clock.instant());
        libraries.persist(library);
        outbox.add(LibraryRegistered.of(library));
        return library;
    }

    @Transactional
    public ServicePoint openServicePoint(String libraryCode, NewServicePoint request) {
        Library library = find(libraryCode)
                .orElseThrow(() -> ProblemException.notFound("LIBRARY_NOT_FOUND", "No library " + libraryCode));
        caller.requireActsFor(library.code());
        if (servicePoints.findByIdOptional(request.code()).isPresent()) {
            throw ProblemException.conflict("SERVICE_POINT_CODE_TAKEN",
                    "Service point " + request.code() + " already exists");
        }
        ServicePoint point = ServicePoint.open(request.code(), library, request.name(), request.type(),
                request.capabilities(), request.address(), request.latitude(), request.longitude(), clock.instant());
        servicePoints.persist(point);
        outbox.add(ServicePointOpened.of(point));
        return point;
    }

    public Optional<Library> find(String code) {
        return libraries.findByIdOptional(code);
    }

    public List<ServicePoint> servicePointsOf(String libraryCode, boolean descendants) {
        return descendants ? servicePoints.ofLibraries(libraries.withDescendants(libraryCode))
                : servicePoints.ofLibrary(libraryCode);
    }
}
