package org.tongjie.catalog.search;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Loads the pinyin dictionary at start-up so the first search or registration is not slow. */
@ApplicationScoped
class AnalyzerWarmUp {

    void warmUp(@Observes StartupEvent event) {
        CatalogAnalyzer.warmUp();
    }
}
