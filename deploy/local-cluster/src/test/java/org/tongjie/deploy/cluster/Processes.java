package org.tongjie.deploy.cluster;

import java.nio.file.Path;
import java.util.stream.Stream;

/** What the tests ask of the machine's processes: whether one lives, and which belong to a run's directory. */
final class Processes {

    private Processes() {
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Processes whose command line names the directory, such as a run's PostgreSQL. */
    static Stream<ProcessHandle> mentioning(Path directory) {
        return ProcessHandle.allProcesses().filter(p -> p.info().arguments().map(args -> String.join(" ", args)
                .contains(directory.toString())).orElse(false));
    }
}
