package org.tongjie.deploy.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One service of the cluster running from its packaged application in a JVM of its own. */
final class ServiceProcess {

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;
    private final long startedAtNanos;
    private final ClassDataArchive classes;

    private ServiceProcess(String name, int port, Process process, Path log, long startedAtNanos,
            ClassDataArchive classes) {
        this.classes = classes;
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
        this.startedAtNanos = startedAtNanos;
    }

    /**
     * Starts the service; {@code appendLog} keeps the log of an earlier run of it (a restart); {@code fullJit}
     * compiles with C2 as well as C1 and keeps the default young generation (see
     * {@link LocalCluster.Options}); {@code classes}, where not null, is the class-data archive it uses or records.
     * {@code TONGJIE_SERVICE_JVM_OPTS} comes last and so overrides these flags.
     */
    static ServiceProcess start(String name, Path application, int port, Map<String, String> properties,
            Path logDirectory, boolean appendLog, boolean fullJit, ClassDataArchive classes) throws IOException {
        if (!Files.isRegularFile(application)) {
            throw new IOException(application + " is missing: build with ./mvnw package -DskipTests first");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xms64m");
        command.add("-Xmx384m");
        command.add("-XX:+UseSerialGC");
        if (!fullJit) {
            command.add("-XX:TieredStopAtLevel=1");
            // A 16 MB young generation instead of about 32: some 18 MB less resident per service, for young
            // collections twice as often (cheap with the little that survives a request).
            command.add("-Xmn16m");
        }
        if (trimsNativeHeap(Runtime.version())) {
            // Hands the C heap's freed pages back to the system every 30 s: about 10 MB less per service at rest.
            command.add("-XX:+UnlockExperimentalVMOptions");
            command.add("-XX:TrimNativeHeapInterval=30000");
        }
        if (classes != null) {
            command.addAll(classes.jvmOptions());
        }
        String extra = System.getenv("TONGJIE_SERVICE_JVM_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-Dtongjie.parent-pid=" + ProcessHandle.current().pid());
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(application.toString());
        Files.createDirectories(logDirectory);
        Path log = logDirectory.resolve(name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(appendLog ? ProcessBuilder.Redirect.appendTo(log.toFile())
                        : ProcessBuilder.Redirect.to(log.toFile())).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        return new ServiceProcess(name, port, process, log, System.nanoTime(), classes);
    }

    /**
     * Whether the JVM has {@code -XX:TrimNativeHeapInterval}: JDK 22 and the backports to 21.0.1 and 17.0.9 (an
     * experimental option there). The services run on the launcher's own JVM.
     */
    static boolean trimsNativeHeap(Runtime.Version version) {
        return version.feature() >= 22 || version.feature() == 21 && version.update() >= 1
                || version.feature() == 17 && version.update() >= 9;
    }

    /** Waits until the service reports ready; returns how long start-up took. */
    Duration awaitReady(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with " + process.exitValue() + "; see " + log + ":\n" + tail());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - startedAtNanos);
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(200);
        }
        throw new IOException(name + " was not ready within " + timeout.toSeconds() + " s; see " + log + ":\n"
                + tail());
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** Kills the service at once (SIGKILL), as a crashed machine would: no shutdown hooks, nothing flushed. */
    void kill() {
        if (!process.isAlive()) {
            return;
        }
        try {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ended();
    }

    /** Asks the service to shut down (SIGTERM), and kills it if it has not after a grace period. */
    void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            // Writing a class-data archive at exit takes 5-15 s on two cores.
            if (!process.waitFor(classes != null && classes.recordsAtExit() ? 60 : 20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        ended();
    }

    private void ended() {
        if (classes != null && !process.isAlive()) {
            classes.processEnded(process.exitValue());
        }
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** Resident memory of the service in kilobytes, read from /proc where there is one. */
    long residentKilobytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
