package org.tongjie.deploy.cluster;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceProcessTest {

    /** A JVM without the option refuses to start when given it, so it is given only where it exists. */
    @Test
    void shouldTrimTheNativeHeapOnlyOnJvmsThatHaveTheOption() {
        assertFalse(ServiceProcess.trimsNativeHeap(Runtime.Version.parse("17.0.8")));
        assertTrue(ServiceProcess.trimsNativeHeap(Runtime.Version.parse("17.0.9")));
        assertTrue(ServiceProcess.trimsNativeHeap(Runtime.Version.parse("17.0.15+6-Debian-1deb12u1")));
        assertFalse(ServiceProcess.trimsNativeHeap(Runtime.Version.parse("18.0.2")));
        assertFalse(ServiceProcess.trimsNativeHeap(Runtime.Version.parse("20.0.2")));
        assertFalse(ServiceProcess.trimsNativeHeap(Runtime.Version.parse("21")));
        assertTrue(ServiceProcess.trimsNativeHeap(Runtime.Version.parse("21.0.1")));
        assertTrue(ServiceProcess.trimsNativeHeap(Runtime.Version.parse("22")));
        assertTrue(ServiceProcess.trimsNativeHeap(Runtime.Version.parse("25.0.1")));
    }
}
