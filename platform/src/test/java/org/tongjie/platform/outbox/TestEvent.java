package org.tongjie.platform.outbox;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.tongjie.platform.events.DomainEvent;

/** An event on a topic of the test's choosing; {@code n} numbers the events of one key. */
record TestEvent(@JsonIgnore String topic, String key, int n) implements DomainEvent {

    @Override
    public String aggregateType() {
        return "TestAggregate";
    }

    @Override
    public String aggregateId() {
        return key;
    }

    @Override
    public String eventType() {
        return "TestHappened";
    }
}
