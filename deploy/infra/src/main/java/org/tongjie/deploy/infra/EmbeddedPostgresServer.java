package org.tongjie.deploy.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/** A real PostgreSQL server from the zonky binaries, with one database per service. */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private volatile EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final boolean durable;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory, boolean durable) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.durable = durable;
    }

    /**
     * The system property that sizes PostgreSQL's buffer cache (128MB unless set): the benchmark sets it for its
     * province-size catalogue, whose indexes alone are larger.
     */
    public static final String SHARED_BUFFERS = "tongjie.postgres.shared-buffers";

    /**
     * Starts a fresh cluster in {@code dataDirectory} and creates the given databases.
     *
     * @param port 0 for any free port
     * @param durable false trades crash safety for speed (tests)
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port, boolean durable, List<String> databases)
            throws IOException {
        Files.createDirectories(dataDirectory.getParent());
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(builder(dataDirectory, port, durable).start(),
                dataDirectory, durable);
        server.createDatabases(databases);
        return server;
    }

    private static EmbeddedPostgres.Builder builder(Path dataDirectory, int port, boolean durable) {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "300")
                .setServerConfig("shared_buffers", System.getProperty(SHARED_BUFFERS, "128MB"))
                .setServerConfig("timezone", "UTC")
                // Statement statistics for whoever operates it (CREATE EXTENSION pg_stat_statements to read them);
                // the benchmark reports the costliest statements of each scenario from them.
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setLocaleConfig("encoding", "UTF8")
                .setLocaleConfig("locale", "C.UTF-8");
        if (!durable) {
            builder.setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off");
        }
        if (port > 0) {
            builder.setPort(port);
        }
        return builder;
    }

    /**
     * Shuts the server down (every session is ended, as an operator's restart or a failover would) and starts
     * it again on the same port with the same data.
     */
    public synchronized void restart() throws IOException {
        int port = port();
        postgres.close();
        postgres = builder(dataDirectory, port, durable).start();
    }

    private void createDatabases(List<String> databases) throws IOException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            for (String database : databases) {
                if (!database.matches("[a-z][a-z0-9_]{0,62}")) {
                    throw new IllegalArgumentException("Not a plain database name: " + database);
                }
                statement.execute("CREATE DATABASE " + database);
            }
        } catch (SQLException e) {
            throw new IOException("Could not create databases " + databases, e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
