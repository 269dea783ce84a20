package org.tongjie.platform.ids;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

import java.util.UUID;

/**
 * Ids for rows written at every request (loans, holds, transfers, events): UUID version 7 (RFC 9562), the time of
 * creation in its first 48 bits and 74 random bits after. They are as unique and as unguessable in practice as
 * random UUIDs, but those of a later millisecond sort after, so an index on them (a table's key, a consumer's inbox
 * of event ids) takes each new entry on its last pages instead of on a random page of an index as large as the
 * table's history.
 */
public final class TimeOrderedIds {

    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private TimeOrderedIds() {
    }

    /** A new id, after every id made in an earlier millisecond. */
    public static UUID next() {
        return GENERATOR.generate();
    }
}
