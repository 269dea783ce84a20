package org.tongjie.deploy.cluster;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * An end-to-end test class on the one cluster of this JVM ({@link SharedCluster}), audited after its tests by
 * {@link NetworkAgreement}.
 */
abstract class OnSharedCluster {

    static LocalCluster cluster;

    @BeforeAll
    static void joinSharedCluster() throws Exception {
        cluster = SharedCluster.get();
    }

    @AfterAll
    static void networkAgrees() throws Exception {
        NetworkAgreement.assertAgrees(cluster);
    }
}
