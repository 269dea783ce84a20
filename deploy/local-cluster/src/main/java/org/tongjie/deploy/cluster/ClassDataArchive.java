package org.tongjie.deploy.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;

/**
 * A service's class-data archive (AppCDS): the first run of a build records, when the service exits, the classes it
 * loaded; later runs map them from the archive instead of reading, parsing and verifying them again, a third of a
 * service's start-up CPU. The JVM checks every archived class against the one it would load and ignores those that
 * differ, so a stale archive costs only time; a rebuilt application still gets a new one.
 */
final class ClassDataArchive {

    /** The exit status of a process ended by SIGKILL, which may cut the archive's writing short. */
    private static final int KILLED = 128 + 9;

    private final Path archive;
    private final Path recording;
    private final boolean current;

    private ClassDataArchive(Path archive, boolean current) {
        this.archive = archive;
        this.recording = archive.resolveSibling(archive.getFileName() + ".recording");
        this.current = current;
    }

    /** The archive of {@code service} in {@code directory}, current when written after its application was built. */
    static ClassDataArchive of(Path directory, String service, Path application) throws IOException {
        Files.createDirectories(directory);
        Path archive = directory.resolve(service + ".jsa");
        return new ClassDataArchive(archive, Files.isRegularFile(archive)
                && Files.getLastModifiedTime(archive).compareTo(newestFileUnder(application.getParent())) > 0);
    }

    /** The JVM options that use the archive, or that record it at exit when there is none for this build. */
    List<String> jvmOptions() {
        // The JVM warns of each class it cannot archive (e.g. never linked) or of a stale archive: nothing to act on.
        String quiet = "-Xlog:cds=off,cds+dynamic=off";
        return current ? List.of("-XX:SharedArchiveFile=" + archive, quiet)
                : List.of("-XX:ArchiveClassesAtExit=" + recording, quiet);
    }

    /** Whether the process records the archive at exit, which makes its exit take some seconds longer. */
    boolean recordsAtExit() {
        return !current;
    }

    /** Keeps what the ended process recorded, unless it was killed while it may have been writing it. */
    void processEnded(int exitValue) {
        if (current) {
            return;
        }
        try {
            if (exitValue != KILLED && Files.isRegularFile(recording) && Files.size(recording) > 0) {
                Files.move(recording, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.deleteIfExists(recording);
            }
        } catch (IOException e) {
            // The next start records it again; stopping the cluster must not fail for it.
            System.err.println("Could not keep the class-data archive " + archive + ": " + e);
        }
    }

    private static FileTime newestFileUnder(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            FileTime newest = FileTime.fromMillis(0);
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                FileTime modified = Files.getLastModifiedTime(file);
                if (modified.compareTo(newest) > 0) {
                    newest = modified;
                }
            }
            return newest;
        }
    }
}
