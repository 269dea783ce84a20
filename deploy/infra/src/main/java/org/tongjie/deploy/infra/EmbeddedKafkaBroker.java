package org.tongjie.deploy.infra;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** A real single-node Apache Kafka broker in KRaft mode (combined broker and controller) on 127.0.0.1. */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private final Properties properties;
    private final int port;
    private final int faultyPort;
    private final int faultyAdvertisedPort;
    private KafkaRaftServer server;

    private EmbeddedKafkaBroker(Properties properties, int port, int faultyPort, int faultyAdvertisedPort) {
        this.properties = properties;
        this.port = port;
        this.faultyPort = faultyPort;
        this.faultyAdvertisedPort = faultyAdvertisedPort;
    }

    /** Formats the log directory and starts the broker; {@code port} 0 picks a free one. */
    public static EmbeddedKafkaBroker start(Path logDirectory, int port) throws IOException {
        int brokerPort = port > 0 ? port : FreePorts.pick();
        int controllerPort = FreePorts.pick();
        int faultyPort = FreePorts.pick();
        int faultyAdvertisedPort = FreePorts.pick();
        Files.createDirectories(logDirectory);
        Properties properties = brokerProperties(logDirectory, brokerPort, controllerPort, faultyPort,
                faultyAdvertisedPort);
        Path configFile = logDirectory.resolveSibling(logDirectory.getFileName() + ".properties");
        try (OutputStream out = Files.newOutputStream(configFile)) {
            properties.store(out, "embedded KRaft broker");
        }
        format(configFile);
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(properties, brokerPort, faultyPort,
                faultyAdvertisedPort);
        broker.resume();
        return broker;
    }

    /** Starts the broker again on the same ports and log directory after {@link #pause()}. */
    public synchronized void resume() {
        if (server == null) {
            server = new KafkaRaftServer(new KafkaConfig(properties, false), Time.SYSTEM);
            server.startup();
        }
    }

    /** Stops the broker, keeping its data, as an outage would. */
    public synchronized void pause() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    /**
     * Besides its own listener the broker has a FAULTY one, advertised at a port where tests put a fault proxy in
     * front of it: a client bootstrapping through the proxy is told to keep using the proxy for everything.
     */
    private static Properties brokerProperties(Path logDirectory, int brokerPort, int controllerPort, int faultyPort,
            int faultyAdvertisedPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort
                + ",FAULTY://127.0.0.1:" + faultyPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",FAULTY://127.0.0.1:"
                + faultyAdvertisedPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,FAULTY:PLAINTEXT");
        p.put("log.dirs", logDirectory.toAbsolutePath().toString());
        p.put("num.partitions", "3");
        p.put("auto.create.topics.enable", "true");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "3");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // The services' consumers use the consumer group protocol, whose session timeout and heartbeat are the
        // broker's: a crashed consumer's partitions move after 10 s (45 s by default).
        p.put("group.consumer.min.session.timeout.ms", "10000");
        p.put("group.consumer.session.timeout.ms", "10000");
        p.put("group.consumer.min.heartbeat.interval.ms", "3000");
        p.put("group.consumer.heartbeat.interval.ms", "3000");
        // Small machine: keep threads and buffers modest.
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("background.threads", "2");
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(4 * 1024 * 1024));
        p.put("log.cleaner.threads", "1");
        return p;
    }

    private static void format(Path configFile) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        String[] args = {"format", "--cluster-id", Uuid.randomUuid().toString(), "--config", configFile.toString(),
            "--ignore-formatted"};
        int exit;
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            exit = StorageTool.execute(args, print);
        } catch (Exception e) {
            throw new IOException("Kafka storage format failed: " + output.toString(StandardCharsets.UTF_8), e);
        }
        if (exit != 0) {
            throw new IOException("Kafka storage format exited " + exit + ": " + output.toString(StandardCharsets.UTF_8));
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The port of the listener meant to be reached through a fault proxy. */
    public int faultyListenerPort() {
        return faultyPort;
    }

    /** Where the broker tells clients of its faulty listener to connect: the port the fault proxy must take. */
    public int faultyAdvertisedPort() {
        return faultyAdvertisedPort;
    }

    @Override
    public void close() {
        pause();
    }
}
