package org.tongjie.deploy.cluster;

import java.nio.file.Path;
import java.util.Map;

/** Command-line options and the welcome text of the local cluster. */
final class Cli {

    private Cli() {
    }

    /** Returns null when only help was asked for. */
    static LocalCluster.Options parse(String[] args) {
        Path repository = Path.of(System.getProperty("tongjie.repository", ".")).toAbsolutePath().normalize();
        LocalCluster.Options o = LocalCluster.Options.defaults(repository);
        int gateway = o.gatewayPort();
        int postgres = o.postgresPort();
        int kafka = o.kafkaPort();
        boolean demo = true;
        boolean infraOnly = false;
        boolean fullJit = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> gateway = Integer.parseInt(args[++i]);
                case "--postgres-port" -> postgres = Integer.parseInt(args[++i]);
                case "--kafka-port" -> kafka = Integer.parseInt(args[++i]);
                case "--no-demo-data" -> demo = false;
                case "--infra-only" -> infraOnly = true;
                case "--full-jit" -> fullJit = true;
                case "--rebuild" -> {
                    // Read by run-local.sh, which builds before starting the cluster.
                }
                case "--help", "-h" -> {
                    System.out.println("""
                            Usage: deploy/run-local.sh [options]
                              --port N            gateway port (default 8080; services use N+1..N+3)
                              --postgres-port N   PostgreSQL port (default 15432)
                              --kafka-port N      Kafka port (default 19092)
                              --no-demo-data      start empty
                              --infra-only        only PostgreSQL and Kafka, to run a service yourself
                              --full-jit          compile the services with C2 too, as in production: faster
                                                  after some minutes, slower to start, larger (default C1 only)
                              --rebuild           build before starting even when no source changed since the
                                                  last build (run-local.sh skips the build then)
                            """);
                    return null;
                }
                default -> throw new IllegalArgumentException("Unknown option " + args[i] + " (try --help)");
            }
        }
        return new LocalCluster.Options(repository, o.workDirectory(), gateway, gateway + 1, gateway + 2,
                gateway + 3, postgres, kafka, demo, infraOnly, fullJit, true);
    }

    static String describe(LocalCluster cluster) {
        LocalCluster.Started s = cluster.started();
        if (s.startupTimes().isEmpty()) {
            return describeInfrastructure(s);
        }
        StringBuilder text = new StringBuilder();
        text.append(String.format("%nTongjie local cluster is ready (%.1f s: PostgreSQL and Kafka %.1f s, the services"
                + " %.1f s", seconds(s.total()), seconds(s.infrastructure()),
                s.startupTimes().values().stream().mapToDouble(Cli::seconds).max().orElse(0)));
        if (s.demo() != null) {
            text.append(String.format(", the demo network %.1f s and its morning at the desks %.1f s",
                    seconds(s.demo().networkLoad()), seconds(s.demo().activityPlay())));
        }
        text.append(").\n");
        text.append("  Gateway     ").append(s.gatewayUrl()).append("/api/v1\n");
        text.append("  Swagger UI  ").append(s.gatewayUrl()).append("/q/swagger-ui\n");
        text.append("  Dashboard   ").append(s.gatewayUrl()).append("/dashboard/  (operator / tongjie-demo)\n");
        text.append("  Health      ").append(s.gatewayUrl()).append("/q/health\n");
        text.append("  Services   ");
        for (Map.Entry<String, Integer> service : s.servicePorts().entrySet()) {
            Long rss = cluster.residentKilobytes().get(service.getKey());
            text.append(String.format(" %s :%d (ready in %.1f s, %d MB)", service.getKey(), service.getValue(),
                    s.startupTimes().get(service.getKey()).toMillis() / 1000.0, rss == null ? -1 : rss / 1024));
        }
        text.append("\n  PostgreSQL  jdbc:postgresql://127.0.0.1:").append(s.postgresPort())
                .append("/{catalog,loan,delivery,gateway}  user postgres, password postgres\n");
        text.append("  Kafka       ").append(s.kafkaBootstrapServers()).append('\n');
        text.append("  Logs        ").append(cluster.logDirectory()).append('\n');
        text.append("  Couriers    ").append(String.join(", ", s.carrierSecrets().secrets().keySet()))
                .append(" post to ").append(s.gatewayUrl()).append("/api/v1/carriers/{carrier}/events, signed with ")
                .append(s.carrierSecrets().file()).append('\n');
        if (s.demo() != null) {
            DemoData.Loaded d = s.demo();
            text.append(String.format("%nDemo network: %d libraries, %d service points, %d records, %d copies "
                    + "(e.g. barcodes %s).%n", d.libraries(), d.servicePoints(), d.records(), d.copies(),
                    String.join(", ", d.sampleBarcodes())));
            text.append("Sign in with POST ").append(s.gatewayUrl()).append("/api/v1/auth/token:\n");
            text.append("  network administrator  ").append(DemoData.ADMIN_USERNAME).append(" / ")
                    .append(DemoData.ADMIN_PASSWORD).append('\n');
            text.append("  staff (password ").append(DemoData.STAFF_PASSWORD).append(")  ")
                    .append(String.join(", ", d.staff())).append('\n');
            text.append("Demo readers (PIN 123456): ").append(String.join("; ", d.readers())).append('\n');
            text.append(String.format("Demo activity: %d more readers (cards 3299…), %d loans, %d returns, %d copies "
                    + "travelling home, %d home deliveries; figures entered for %s. See them on the dashboard.%n",
                    d.activity().readers(), d.activity().loans(), d.activity().returns(), d.activity().travelling(),
                    d.activity().deliveries(), String.join(" and ", d.activity().figureYears())));
            d.clientSecrets().forEach((client, secret) -> text.append("  machine client  ").append(client)
                    .append(" / ").append(secret).append('\n'));
            text.append("  e.g. curl -d grant_type=password -d username=librarian.yht -d password=")
                    .append(DemoData.STAFF_PASSWORD).append(' ').append(s.gatewayUrl()).append("/api/v1/auth/token\n");
        }
        text.append("\nPress Ctrl-C to stop.");
        return text.toString();
    }

    private static double seconds(java.time.Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static String describeInfrastructure(LocalCluster.Started s) {
        return String.format("""

                PostgreSQL and Kafka are ready (%.1f s).
                  PostgreSQL  jdbc:postgresql://127.0.0.1:%d/{catalog,loan,delivery,gateway}  postgres/postgres
                  Kafka       %s
                Run a service against them, e.g.:
                  java -Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:%d/catalog \\
                       -Dquarkus.datasource.username=postgres -Dquarkus.datasource.password=postgres \\
                       -Dkafka.bootstrap.servers=%s \\
                       -Dmp.jwt.verify.publickey.location=%s \\
                       -jar catalog-service/target/quarkus-app/quarkus-run.jar

                Press Ctrl-C to stop.""", s.total().toMillis() / 1000.0, s.postgresPort(), s.kafkaBootstrapServers(),
                s.postgresPort(), s.kafkaBootstrapServers(), s.publicKey().toUri());
    }
}
