package org.tongjie.deploy.testinfra;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Properties;
import java.util.concurrent.ExecutionException;

/** Publishes raw records as another service (or a misbehaving one) would, to test consumers. */
public final class EventWriter implements AutoCloseable {

    private final KafkaProducer<String, String> producer;

    public EventWriter(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    public void send(String topic, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Publishes an event in the platform's envelope, keyed and identified by the aggregate id, with a fresh id. */
    public void sendEvent(String topic, String type, String aggregateType, String aggregateId, String data) {
        send(topic, aggregateId, envelope(type, aggregateType, aggregateId, data));
    }

    /** The platform's event envelope around a JSON {@code data} object. */
    public static String envelope(String type, String aggregateType, String aggregateId, String data) {
        return "{\"eventId\":\"" + java.util.UUID.randomUUID() + "\",\"eventType\":\"" + type
                + "\",\"eventVersion\":1,\"occurredAt\":\"" + java.time.Instant.now() + "\",\"aggregateType\":\""
                + aggregateType + "\",\"aggregateId\":\"" + aggregateId + "\",\"data\":" + data + "}";
    }

    @Override
    public void close() {
        producer.close();
    }
}
