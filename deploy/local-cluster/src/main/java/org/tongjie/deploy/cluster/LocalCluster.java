package org.tongjie.deploy.cluster;

import org.tongjie.deploy.infra.EmbeddedPostgresServer;
import org.tongjie.deploy.infra.FreePorts;
import org.tongjie.deploy.infra.Infrastructure;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The whole network on one machine: PostgreSQL and Kafka in this JVM, the four services as processes of
 * their own, and the demo data loaded through the gateway. Stops everything on SIGINT or SIGTERM.
 */
public final class LocalCluster implements AutoCloseable {

    /**
     * Ports and places; port 0 picks a free one. {@code fullJit} runs the services with the JVM's full tiered
     * compilation, as in production; without it they compile with C1 only, which on a machine of two or four
     * cores starts the cluster in two thirds of the time and keeps each service 30-70 MB smaller, at lower peak
     * throughput (BENCHMARKS.md). {@code classArchives} keeps each service's class-data archive in the work
     * directory from one run to the next ({@link ClassDataArchive}), for a cluster started again and again.
     */
    public record Options(Path repository, Path workDirectory, int gatewayPort, int catalogPort, int loanPort,
            int deliveryPort, int postgresPort, int kafkaPort, boolean demoData, boolean infraOnly, boolean fullJit,
            boolean classArchives) {

        /** Options without class-data archives. */
        public Options(Path repository, Path workDirectory, int gatewayPort, int catalogPort, int loanPort,
                int deliveryPort, int postgresPort, int kafkaPort, boolean demoData, boolean infraOnly,
                boolean fullJit) {
            this(repository, workDirectory, gatewayPort, catalogPort, loanPort, deliveryPort, postgresPort, kafkaPort,
                    demoData, infraOnly, fullJit, false);
        }

        /** Options with the quick-starting compiler. */
        public Options(Path repository, Path workDirectory, int gatewayPort, int catalogPort, int loanPort,
                int deliveryPort, int postgresPort, int kafkaPort, boolean demoData, boolean infraOnly) {
            this(repository, workDirectory, gatewayPort, catalogPort, loanPort, deliveryPort, postgresPort, kafkaPort,
                    demoData, infraOnly, false);
        }

        public static Options defaults(Path repository) {
            return new Options(repository, repository.resolve("deploy/local-cluster/target/local"), 8080, 8081, 8082,
                    8083, 15432, 19092, true, false);
        }
    }

    /** What a started cluster offers, for printing and for tests. */
    public record Started(String gatewayUrl, Map<String, Integer> servicePorts, String kafkaBootstrapServers,
            int postgresPort, DemoData.Loaded demo, Map<String, Duration> startupTimes, Duration total,
            Duration infrastructure, Path publicKey, CarrierSecrets carrierSecrets) {
    }

    /** Starts one service process with its configuration. */
    private interface Launcher {
        ServiceProcess launch(boolean appendLog, Map<String, String> extra) throws IOException;
    }

    private final Infrastructure infrastructure;
    private final List<ServiceProcess> services;
    private final Map<String, Launcher> launchers;
    private final Started started;
    private final Path workDirectory;
    private final List<FaultProxy> proxies = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<ServiceProcess> applications = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private final boolean fullJit;

    private LocalCluster(Infrastructure infrastructure, List<ServiceProcess> services, Map<String, Launcher> launchers,
            Started started, Path workDirectory, boolean fullJit) {
        this.fullJit = fullJit;
        this.infrastructure = infrastructure;
        this.services = services;
        this.launchers = launchers;
        this.started = started;
        this.workDirectory = workDirectory;
    }

    public static LocalCluster start(Options options) throws Exception {
        long begin = System.nanoTime();
        Options resolved = resolvePorts(options);
        Infrastructure infrastructure = Infrastructure.start(new Infrastructure.Options(
                resolved.workDirectory().resolve("infra"), List.of("catalog", "loan", "delivery", "gateway"),
                resolved.postgresPort(), resolved.kafkaPort(), false));
        Duration infrastructureReady = Duration.ofNanos(System.nanoTime() - begin);
        List<ServiceProcess> services = new java.util.concurrent.CopyOnWriteArrayList<>();
        Map<String, Launcher> launchers = new LinkedHashMap<>();
        try {
            KeyFiles keys = KeyFiles.loadOrGenerate(resolved.workDirectory().resolve("keys"));
            CarrierSecrets carriers = CarrierSecrets.loadOrGenerate(resolved.workDirectory().resolve("keys"));
            Path logs = resolved.workDirectory().resolve("logs");
            Map<String, Integer> ports = new LinkedHashMap<>();
            ports.put("catalog", resolved.catalogPort());
            ports.put("loan", resolved.loanPort());
            ports.put("delivery", resolved.deliveryPort());
            ports.put("gateway", resolved.gatewayPort());
            for (var service : resolved.infraOnly() ? Map.<String, Integer>of().entrySet() : ports.entrySet()) {
                String name = service.getKey();
                Map<String, String> properties = properties(name, infrastructure, keys, carriers, ports);
                Path application = application(resolved.repository(), name);
                launchers.put(name, (append, extra) -> {
                    Map<String, String> all = new LinkedHashMap<>(properties);
                    all.putAll(extra);
                    return ServiceProcess.start(name, application, service.getValue(), all, logs, append,
                            resolved.fullJit(), resolved.classArchives() ? ClassDataArchive.of(
                                    resolved.workDirectory().resolve("class-archives"), name, application) : null);
                });
                services.add(launchers.get(name).launch(false, Map.of()));
            }
            Map<String, Duration> startupTimes = awaitReady(services);
            String gatewayUrl = "http://localhost:" + resolved.gatewayPort();
            boolean loadDemo = resolved.demoData() && !resolved.infraOnly();
            DemoData.Loaded demo = loadDemo ? DemoData.load(new GatewayClient(gatewayUrl),
                    carriers.secrets().get("sf")) : null;
            Started started = new Started(gatewayUrl, ports, infrastructure.kafka().bootstrapServers(),
                    infrastructure.postgres().port(), demo, startupTimes,
                    Duration.ofNanos(System.nanoTime() - begin), infrastructureReady, keys.publicKey(), carriers);
            return new LocalCluster(infrastructure, services, launchers, started, resolved.workDirectory(),
                    resolved.fullJit());
        } catch (Exception e) {
            services.forEach(ServiceProcess::stop);
            infrastructure.close();
            throw e;
        }
    }

    private static Options resolvePorts(Options o) throws IOException {
        int[] ports = {o.gatewayPort(), o.catalogPort(), o.loanPort(), o.deliveryPort(), o.postgresPort(),
            o.kafkaPort()};
        for (int i = 0; i < ports.length; i++) {
            if (ports[i] == 0) {
                ports[i] = FreePorts.pick();
            } else if (!FreePorts.isFree(ports[i])) {
                throw new IOException("Port " + ports[i] + " is in use: is another cluster still running? "
                        + "Stop it, or choose other ports (--help).");
            }
        }
        return new Options(o.repository(), o.workDirectory(), ports[0], ports[1], ports[2], ports[3], ports[4],
                ports[5], o.demoData(), o.infraOnly(), o.fullJit(), o.classArchives());
    }

    private static Path application(Path repository, String service) {
        String module = service.equals("gateway") ? "gateway" : service + "-service";
        return repository.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private static Map<String, String> properties(String service, Infrastructure infrastructure, KeyFiles keys,
            CarrierSecrets carriers, Map<String, Integer> ports) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("quarkus.datasource.jdbc.url", infrastructure.postgres().jdbcUrl(service));
        p.put("quarkus.datasource.username", EmbeddedPostgresServer.USER);
        p.put("quarkus.datasource.password", EmbeddedPostgresServer.PASSWORD);
        p.put("kafka.bootstrap.servers", infrastructure.kafka().bootstrapServers());
        p.put("mp.jwt.verify.publickey.location", keys.publicKey().toUri().toString());
        p.put("quarkus.log.console.json.enabled", "false");
        if (service.equals("delivery")) {
            carriers.secrets().forEach((carrier, secret) ->
                    p.put("tongjie.delivery.carriers." + carrier + ".secret", secret));
        }
        if (service.equals("loan")) {
            p.put("quarkus.rest-client.catalog.url", "http://127.0.0.1:" + ports.get("catalog"));
        }
        if (service.equals("gateway")) {
            p.put("smallrye.jwt.sign.key.location", keys.privateKey().toUri().toString());
            p.put("tongjie.gateway.bootstrap-admin.username", DemoData.ADMIN_USERNAME);
            p.put("tongjie.gateway.bootstrap-admin.password", DemoData.ADMIN_PASSWORD);
            for (String upstream : List.of("catalog", "loan", "delivery")) {
                p.put("tongjie.gateway.services." + upstream, "http://127.0.0.1:" + ports.get(upstream));
            }
        }
        return p;
    }

    private static Map<String, Duration> awaitReady(List<ServiceProcess> services) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, services.size()));
        try {
            Map<String, Future<Duration>> waits = new LinkedHashMap<>();
            for (ServiceProcess service : services) {
                waits.put(service.name(), pool.submit(() -> service.awaitReady(Duration.ofSeconds(120))));
            }
            Map<String, Duration> times = new LinkedHashMap<>();
            for (var wait : waits.entrySet()) {
                try {
                    times.put(wait.getKey(), wait.getValue().get());
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
            return times;
        } finally {
            pool.shutdownNow();
        }
    }

    public Started started() {
        return started;
    }

    /** Stops one service, as a crash or an operator would; {@link #restart} brings it back. */
    public void stop(String service) {
        services.stream().filter(s -> s.name().equals(service)).forEach(ServiceProcess::stop);
    }

    /** Stops the Kafka broker, keeping its data, as an outage would; {@link #resumeBroker} ends the outage. */
    public void pauseBroker() {
        infrastructure.kafka().pause();
    }

    /** Starts the Kafka broker again on the same port with the same data. */
    public void resumeBroker() {
        infrastructure.kafka().resume();
    }

    /** Shuts PostgreSQL down, ending every session, and starts it again with its data; returns how long it took. */
    public Duration restartDatabase() throws IOException {
        long begin = System.nanoTime();
        infrastructure.postgres().restart();
        return Duration.ofNanos(System.nanoTime() - begin);
    }

    /**
     * Puts a {@link FaultProxy} between a service and what it depends on ({@code "database"}, {@code "kafka"}
     * (one service at a time), or the name of the service it calls: the gateway calls catalog, loan and delivery;
     * loan calls catalog), restarting the service to use it. {@link #restart(String)} connects the service
     * directly again; close the proxy afterwards.
     */
    public FaultProxy interpose(String service, String dependency) throws Exception {
        FaultProxy proxy;
        String property;
        String address;
        if (dependency.equals("database")) {
            proxy = FaultProxy.start(service + "-database", infrastructure.postgres().port());
            property = "quarkus.datasource.jdbc.url";
            address = "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + service;
        } else if (dependency.equals("kafka")) {
            var kafka = infrastructure.kafka();
            proxy = FaultProxy.start(service + "-kafka", kafka.faultyAdvertisedPort(), kafka.faultyListenerPort());
            property = "kafka.bootstrap.servers";
            address = "127.0.0.1:" + kafka.faultyAdvertisedPort();
        } else if (service.equals("gateway") && started.servicePorts().containsKey(dependency)) {
            proxy = FaultProxy.start("gateway-" + dependency, started.servicePorts().get(dependency));
            property = "tongjie.gateway.services." + dependency;
            address = "http://127.0.0.1:" + proxy.port();
        } else if (service.equals("loan") && dependency.equals("catalog")) {
            proxy = FaultProxy.start("loan-catalog", started.servicePorts().get("catalog"));
            property = "quarkus.rest-client.catalog.url";
            address = "http://127.0.0.1:" + proxy.port();
        } else {
            throw new IllegalArgumentException(service + " does not call " + dependency);
        }
        proxies.add(proxy);
        restart(service, Map.of(property, address));
        return proxy;
    }

    /** Kills one service with SIGKILL (kill -9): no graceful shutdown; {@link #restart} brings it back. */
    public void kill(String service) {
        services.stream().filter(s -> s.name().equals(service)).forEach(ServiceProcess::kill);
    }

    /** Starts a stopped service again on its port and waits until it is ready; returns how long that took. */
    public Duration restart(String service) throws Exception {
        return restart(service, Map.of());
    }

    /** The same with extra configuration for this run of it, e.g. {@code tongjie.clock.shift}. */
    public Duration restart(String service, Map<String, String> extraProperties) throws Exception {
        Launcher launcher = launchers.get(service);
        if (launcher == null) {
            throw new IllegalArgumentException("No service " + service);
        }
        stop(service);
        services.removeIf(s -> s.name().equals(service));
        ServiceProcess process = launcher.launch(true, extraProperties);
        services.add(process);
        return awaitReady(List.of(process)).get(service);
    }

    /** Another packaged application run beside the cluster; {@link #close()} stops it. */
    public static final class Application implements AutoCloseable {

        private final ServiceProcess process;

        private Application(ServiceProcess process) {
            this.process = process;
        }

        public int port() {
            return process.port();
        }

        public long pid() {
            return process.pid();
        }

        @Override
        public void close() {
            process.stop();
        }
    }

    /**
     * Starts another packaged Quarkus application the way the services are started (the same heap, collector and
     * compiler), on a free port, and waits until it is ready: the benchmark's reference service. It logs beside
     * the services, and stops with the cluster if it is still running then.
     */
    public Application startApplication(String name, Path application, Map<String, String> properties)
            throws Exception {
        ServiceProcess process = ServiceProcess.start(name, application, FreePorts.pick(), properties, logDirectory(),
                false, fullJit, null);
        applications.add(process);
        try {
            awaitReady(List.of(process));
        } catch (Exception e) {
            process.stop();
            throw e;
        }
        return new Application(process);
    }

    /** Process ids of the service JVMs, to check that nothing is left after {@link #close()}. */
    public List<Long> servicePids() {
        return services.stream().map(ServiceProcess::pid).toList();
    }

    /** The process id of each running service, by name. */
    public Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        services.forEach(s -> pids.put(s.name(), s.pid()));
        return pids;
    }

    /** Resident memory of each service in kilobytes. */
    public Map<String, Long> residentKilobytes() {
        Map<String, Long> rss = new LinkedHashMap<>();
        services.forEach(s -> rss.put(s.name(), s.residentKilobytes()));
        return rss;
    }

    /** The directory holding this run's PostgreSQL and Kafka data; removed on close. */
    public Path runDirectory() {
        return infrastructure.runDirectory();
    }

    public Path logDirectory() {
        return workDirectory.resolve("logs");
    }

    /**
     * Stops the gateway first so no new requests arrive, then the other services together, then PostgreSQL and
     * Kafka; only the first call does anything (a shutdown hook may race).
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        services.stream().filter(s -> s.name().equals("gateway")).forEach(ServiceProcess::stop);
        services.parallelStream().forEach(ServiceProcess::stop);
        applications.forEach(ServiceProcess::stop);
        proxies.forEach(FaultProxy::close);
        infrastructure.close();
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
        Options options = Cli.parse(args);
        if (options == null) {
            return;
        }
        System.out.println(options.infraOnly() ? "Starting PostgreSQL and Kafka..."
                : "Starting PostgreSQL, Kafka and the four services...");
        LocalCluster cluster;
        try {
            cluster = start(options);
        } catch (IOException e) {
            System.err.println("Could not start the local cluster: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping the local cluster...");
            cluster.close();
            System.out.println("Stopped; no process left behind.");
            stopped.countDown();
        }, "local-cluster-stop"));
        System.out.println(Cli.describe(cluster));
        stopped.await();
    }
}
