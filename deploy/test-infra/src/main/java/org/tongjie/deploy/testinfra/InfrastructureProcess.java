package org.tongjie.deploy.testinfra;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL and Kafka running in a child JVM, started at most once per test JVM. The child watches its
 * standard input and stops when it closes, so it dies with this JVM even after {@code kill -9}.
 */
public final class InfrastructureProcess {

    private static final String READY_PREFIX = "TONGJIE-INFRA-READY ";
    private static final String DONE_PREFIX = "TONGJIE-INFRA-DONE ";
    private static final BlockingQueue<String> DONE = new LinkedBlockingQueue<>();
    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\":(?:\"([^\"]*)\"|(\\d+))");
    private static InfrastructureProcess shared;

    private final Process process;
    private final Map<String, String> description;

    private InfrastructureProcess(Process process, Map<String, String> description) {
        this.process = process;
        this.description = description;
    }

    /** The one running instance of this JVM, started on first use. */
    public static synchronized InfrastructureProcess shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "infra-child-stop"));
        }
        return shared;
    }

    private static InfrastructureProcess start() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-XX:+UseSerialGC");
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=error");
        command.add("-cp");
        command.add(childClasspath());
        command.add("org.tongjie.deploy.infra.InfraMain");
        command.add("--exit-on-stdin-eof");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            BufferedReader output = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> awaitReadyLine(output));
            String json = ready.get(120, TimeUnit.SECONDS);
            Thread drain = new Thread(() -> drain(output), "infra-child-output");
            drain.setDaemon(true);
            drain.start();
            return new InfrastructureProcess(process, parse(json));
        } catch (Exception e) {
            throw new IllegalStateException("Test infrastructure (PostgreSQL + Kafka) did not start", e);
        }
    }

    private static String awaitReadyLine(BufferedReader output) {
        StringBuilder seen = new StringBuilder();
        try {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                if (line.startsWith(READY_PREFIX)) {
                    return line.substring(READY_PREFIX.length());
                }
                seen.append(line).append('\n');
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("Infrastructure process ended before it was ready:\n" + seen);
    }

    private static void drain(BufferedReader output) {
        try {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                if (line.startsWith(DONE_PREFIX)) {
                    DONE.add(line.substring(DONE_PREFIX.length()));
                } else {
                    System.err.println("[infra] " + line);
                }
            }
        } catch (IOException e) {
            // The child has gone; nothing more to show.
        }
    }

    private static Map<String, String> parse(String json) {
        Map<String, String> values = new java.util.HashMap<>();
        Matcher matcher = FIELD.matcher(json);
        while (matcher.find()) {
            values.put(matcher.group(1), matcher.group(2) != null ? matcher.group(2) : matcher.group(3));
        }
        return values;
    }

    /** The infra module's classpath, baked into its jar; this module only records where that jar is. */
    private static String childClasspath() {
        try (InputStream in = InfrastructureProcess.class.getResourceAsStream("infra.location")) {
            if (in == null) {
                throw new IllegalStateException("infra.location missing: build the deploy/test-infra module");
            }
            Path module = Path.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
            return readInfraClasspath(module);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String readInfraClasspath(Path module) throws IOException {
        String resource = "org/tongjie/deploy/infra/runtime.classpath";
        String dependencies;
        if (java.nio.file.Files.isDirectory(module)) {
            dependencies = java.nio.file.Files.readString(module.resolve(resource), StandardCharsets.UTF_8);
        } else {
            try (java.util.zip.ZipFile jar = new java.util.zip.ZipFile(module.toFile());
                    InputStream entry = jar.getInputStream(jar.getEntry(resource))) {
                dependencies = new String(entry.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return module + java.io.File.pathSeparator + dependencies.trim();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + description.get("postgresPort") + "/" + database;
    }

    public String username() {
        return description.get("postgresUser");
    }

    public String password() {
        return description.get("postgresPassword");
    }

    public String kafkaBootstrapServers() {
        return description.get("kafkaBootstrapServers");
    }

    /** Stops the Kafka broker (its data kept) until {@link #startKafka()}, as an outage would. */
    public synchronized void stopKafka() {
        command("kafka-stop");
    }

    /** Starts the broker again on the same address. */
    public synchronized void startKafka() {
        command("kafka-start");
    }

    private void command(String command) {
        try {
            DONE.clear();
            process.getOutputStream().write((command + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
            String done = DONE.poll(60, TimeUnit.SECONDS);
            if (!command.equals(done)) {
                throw new IllegalStateException("Infrastructure did not confirm " + command + ": " + done);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void stop() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroy();
            }
        } catch (IOException | InterruptedException e) {
            process.destroy();
        }
    }
}
