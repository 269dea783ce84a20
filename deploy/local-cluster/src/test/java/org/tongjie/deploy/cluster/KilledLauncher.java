package org.tongjie.deploy.cluster;

import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * A launcher for {@link KilledLauncherIT} to kill: starts the cluster without demo data on free ports in the given
 * work directory, prints the service JVMs' process ids and waits to be killed.
 */
public final class KilledLauncher {

    private KilledLauncher() {
    }

    public static void main(String[] args) throws Exception {
        LocalCluster cluster = LocalCluster.start(new LocalCluster.Options(Path.of(args[0]), Path.of(args[1]), 0, 0,
                0, 0, 0, 0, false, false));
        System.out.println("services " + cluster.servicePids().stream().map(String::valueOf)
                .collect(Collectors.joining(" ")));
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
