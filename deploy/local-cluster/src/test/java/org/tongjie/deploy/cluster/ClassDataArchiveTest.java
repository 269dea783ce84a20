package org.tongjie.deploy.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassDataArchiveTest {

    @TempDir
    Path temp;

    /** The application of these tests: one class in a jar, as a service's runner jar. */
    public static final class Hello {
        public static void main(String[] args) {
            System.out.println("hello");
        }
    }

    @Test
    void shouldRecordTheArchiveOnTheFirstRunAndMapItOnTheNext() throws Exception {
        Path application = application();
        Path archives = temp.resolve("archives");

        ClassDataArchive first = ClassDataArchive.of(archives, "hello", application);
        assertTrue(first.recordsAtExit());
        int exit = run(first, application, List.of());
        assertEquals(0, exit);
        first.processEnded(exit);
        assertTrue(Files.size(archives.resolve("hello.jsa")) > 0);

        ClassDataArchive next = ClassDataArchive.of(archives, "hello", application);
        assertFalse(next.recordsAtExit());
        // -Xshare:on makes a JVM that cannot map the archive refuse to start.
        assertEquals(0, run(next, application, List.of("-Xshare:on")));
    }

    @Test
    void shouldRecordAgainForARebuiltApplication() throws Exception {
        Path application = application();
        Path archives = temp.resolve("archives");
        ClassDataArchive first = ClassDataArchive.of(archives, "hello", application);
        first.processEnded(run(first, application, List.of()));

        Files.setLastModifiedTime(application, FileTime.from(Instant.now().plusSeconds(5)));

        assertTrue(ClassDataArchive.of(archives, "hello", application).recordsAtExit());
    }

    @Test
    void shouldDropWhatAKilledProcessMayHaveLeftHalfWritten() throws Exception {
        Path application = application();
        Path archives = temp.resolve("archives");
        ClassDataArchive archive = ClassDataArchive.of(archives, "hello", application);
        Files.writeString(archives.resolve("hello.jsa.recording"), "cut short");

        archive.processEnded(128 + 9);

        assertFalse(Files.exists(archives.resolve("hello.jsa.recording")));
        assertFalse(Files.exists(archives.resolve("hello.jsa")));
        assertTrue(ClassDataArchive.of(archives, "hello", application).recordsAtExit());
    }

    private Path application() throws IOException {
        Path directory = Files.createDirectories(temp.resolve("app"));
        Path jar = directory.resolve("hello.jar");
        String entry = Hello.class.getName().replace('.', '/') + ".class";
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out);
                InputStream bytes = Hello.class.getClassLoader().getResourceAsStream(entry)) {
            zip.putNextEntry(new JarEntry(entry));
            bytes.transferTo(zip);
            zip.closeEntry();
        }
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(60)));
        return jar;
    }

    private static int run(ClassDataArchive archive, Path application, List<String> more) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(archive.jvmOptions());
        command.addAll(more);
        command.addAll(List.of("-cp", application.toString(), Hello.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        int exit = process.waitFor();
        assertTrue(output.contains("hello"), output);
        return exit;
    }
}
