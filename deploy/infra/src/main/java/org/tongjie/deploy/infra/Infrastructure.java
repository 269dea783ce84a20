package org.tongjie.deploy.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * PostgreSQL and Kafka started together in one run directory, used by the test child process and the
 * local cluster alike. If the owner dies without closing it, a {@link PostmasterGuard} stops PostgreSQL (Kafka runs
 * inside the owner and dies with it); stale runs whose guard could not do that are reaped before a new start.
 */
public final class Infrastructure implements AutoCloseable {

    /** What to start and where. */
    public record Options(Path baseDirectory, List<String> databases, int postgresPort, int kafkaPort,
            boolean durable) {
    }

    private final Path runDirectory;
    private final EmbeddedPostgresServer postgres;
    private final EmbeddedKafkaBroker kafka;
    private final Optional<PostmasterGuard> guard;

    private Infrastructure(Path runDirectory, EmbeddedPostgresServer postgres, EmbeddedKafkaBroker kafka,
            Optional<PostmasterGuard> guard) {
        this.runDirectory = runDirectory;
        this.postgres = postgres;
        this.kafka = kafka;
        this.guard = guard;
    }

    public static Infrastructure start(Options options) throws IOException {
        Files.createDirectories(options.baseDirectory());
        StaleRuns.reap(options.baseDirectory());
        Path runDirectory = StaleRuns.claim(options.baseDirectory());
        EmbeddedPostgresServer postgres = null;
        Optional<PostmasterGuard> guard = Optional.empty();
        try {
            postgres = EmbeddedPostgresServer.start(runDirectory.resolve("pg"), options.postgresPort(),
                    options.durable(), options.databases());
            guard = PostmasterGuard.watch(runDirectory);
            EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(runDirectory.resolve("kafka"), options.kafkaPort());
            return new Infrastructure(runDirectory, postgres, kafka, guard);
        } catch (IOException | RuntimeException e) {
            guard.ifPresent(PostmasterGuard::close);
            if (postgres != null) {
                postgres.close();
            }
            StaleRuns.delete(runDirectory);
            throw e;
        }
    }

    public EmbeddedPostgresServer postgres() {
        return postgres;
    }

    public EmbeddedKafkaBroker kafka() {
        return kafka;
    }

    public Path runDirectory() {
        return runDirectory;
    }

    /** One line of JSON describing where everything listens, for the parent process to read. */
    public String describe() {
        return "{\"postgresPort\":" + postgres.port()
                + ",\"postgresUser\":\"" + EmbeddedPostgresServer.USER + "\""
                + ",\"postgresPassword\":\"" + EmbeddedPostgresServer.PASSWORD + "\""
                + ",\"kafkaBootstrapServers\":\"" + kafka.bootstrapServers() + "\""
                + ",\"runDirectory\":\"" + runDirectory.toAbsolutePath().toString().replace("\\", "\\\\") + "\"}";
    }

    @Override
    public void close() {
        guard.ifPresent(PostmasterGuard::close);
        try {
            kafka.close();
        } catch (RuntimeException e) {
            System.err.println("Kafka broker did not stop cleanly: " + e);
        }
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            System.err.println("PostgreSQL did not stop cleanly: " + e);
        }
        StaleRuns.delete(runDirectory);
    }
}
