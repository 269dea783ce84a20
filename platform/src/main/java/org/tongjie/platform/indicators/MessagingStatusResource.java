package org.tongjie.platform.indicators;

import io.quarkus.arc.properties.UnlessBuildProperty;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tongjie.platform.outbox.OutboxRelay;
import org.tongjie.platform.security.Roles;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How far behind this service's messaging is, measured now: events committed but not yet published (outbox) and,
 * per consumer group and topic, events published but not yet consumed (lag).
 */
@Path("/operations/messaging")
@Tag(name = "Operations", description = "Lists of what needs someone's attention")
@Produces(MediaType.APPLICATION_JSON)
@Singleton
@UnlessBuildProperty(name = "tongjie.indicators.library-table", stringValue = "none")
public class MessagingStatusResource {

    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(3);

    private final OutboxRelay relay;
    private final Config config;
    private final String service;
    private final String bootstrapServers;
    private Admin admin;

    MessagingStatusResource(OutboxRelay relay, Config config,
            @ConfigProperty(name = "quarkus.application.name") String service,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.relay = relay;
        this.config = config;
        this.service = service;
        this.bootstrapServers = bootstrapServers;
    }

    @Schema(description = "A service's messaging backlog")
    public record Status(@Schema(example = "loan-service") String service,
            @Schema(description = "Events committed, not yet published") long outboxBacklog,
            @Schema(description = "Age of the oldest of them, seconds (0 when none)") long oldestUnsentSeconds,
            List<Lag> consumers,
            @Schema(description = "Why consumer lag could not be measured, when it could not") String lagUnavailable) {
    }

    @Schema(description = "How far one consumer group is behind on one topic")
    public record Lag(String group, String topic, int partitions, long lag) {
    }

    @GET
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "This service's outbox backlog and consumer lag, measured now")
    @APIResponse(responseCode = "200", description = "The backlog")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an operator or administrator")
    public Status status() throws SQLException {
        OutboxRelay.Backlog measured = relay.measureBacklog();
        long backlog = measured.events();
        long oldest = measured.oldestSeconds();
        try {
            return new Status(service, backlog, oldest, lags(), null);
        } catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException e) {
            return new Status(service, backlog, oldest, List.of(), "Kafka did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Status(service, backlog, oldest, List.of(), "interrupted");
        }
    }

    /** The consumer groups and topics this service's incoming channels name. */
    private Map<String, TreeSet<String>> subscriptions() {
        Map<String, TreeSet<String>> topicsByGroup = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("mp.messaging.incoming.") && name.endsWith(".topic")) {
                String channel = name.substring(0, name.length() - ".topic".length());
                config.getOptionalValue(channel + ".group.id", String.class).ifPresent(group -> topicsByGroup
                        .computeIfAbsent(group, g -> new TreeSet<>())
                        .add(config.getValue(name, String.class)));
            }
        }
        return topicsByGroup;
    }

    private List<Lag> lags() throws ExecutionException, InterruptedException, TimeoutException {
        Map<String, TreeSet<String>> subscriptions = subscriptions();
        List<Lag> lags = new ArrayList<>();
        if (subscriptions.isEmpty()) {
            return lags;
        }
        Admin kafka = admin();
        TreeSet<String> topics = new TreeSet<>();
        subscriptions.values().forEach(topics::addAll);
        Map<String, TopicDescription> described = kafka.describeTopics(topics).allTopicNames()
                .get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        described.values().forEach(topic -> topic.partitions().forEach(p -> {
            latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest());
            earliest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.earliest());
        }));
        var ends = kafka.listOffsets(latest).all().get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        var starts = kafka.listOffsets(earliest).all().get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        for (var subscription : subscriptions.entrySet()) {
            Map<TopicPartition, OffsetAndMetadata> committed = kafka.listConsumerGroupOffsets(subscription.getKey())
                    .partitionsToOffsetAndMetadata().get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            for (String topic : subscription.getValue()) {
                TopicDescription description = described.get(topic);
                if (description == null) {
                    continue;
                }
                long lag = 0;
                for (var partition : description.partitions()) {
                    TopicPartition tp = new TopicPartition(topic, partition.partition());
                    OffsetAndMetadata at = committed.get(tp);
                    long position = at != null ? at.offset() : starts.get(tp).offset();
                    lag += Math.max(0, ends.get(tp).offset() - position);
                }
                lags.add(new Lag(subscription.getKey(), topic, description.partitions().size(), lag));
            }
        }
        return lags;
    }

    private synchronized Admin admin() {
        if (admin == null) {
            Properties properties = new Properties();
            properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            properties.put(AdminClientConfig.CLIENT_ID_CONFIG, service + "-messaging-status");
            properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) KAFKA_TIMEOUT.toMillis());
            properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) KAFKA_TIMEOUT.toMillis());
            admin = Admin.create(properties);
        }
        return admin;
    }

    synchronized void onStop(@Observes ShutdownEvent event) {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
            admin = null;
        }
    }
}
