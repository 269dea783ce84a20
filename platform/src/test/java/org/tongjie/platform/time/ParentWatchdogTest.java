package org.tongjie.platform.time;

import org.junit.jupiter.api.Test;
import org.tongjie.platform.time.ParentWatchdog.Action;
import org.tongjie.platform.time.ParentWatchdog.Watch;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A service started by the launcher stops when the launcher is gone, and halts if stopping hangs. */
class ParentWatchdogTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void shouldWaitWhileTheParentLives() {
        Watch watch = new Watch(45 * SECOND);
        assertEquals(Action.WAIT, watch.next(true, 0));
        assertEquals(Action.WAIT, watch.next(true, 3_600 * SECOND));
    }

    @Test
    void shouldStopOnceWhenTheParentGoesAndHaltWhenStoppingHangs() {
        Watch watch = new Watch(45 * SECOND);
        assertEquals(Action.WAIT, watch.next(true, 10 * SECOND));
        assertEquals(Action.EXIT, watch.next(false, 12 * SECOND));
        assertEquals(Action.WAIT, watch.next(false, 14 * SECOND));
        assertEquals(Action.WAIT, watch.next(false, 56 * SECOND));
        assertEquals(Action.HALT, watch.next(false, 57 * SECOND));
    }

    @Test
    void shouldStopAtOnceWhenTheParentWasGoneBeforeTheServiceStarted() {
        Watch watch = new Watch(45 * SECOND);
        assertEquals(Action.EXIT, watch.next(false, 0));
    }
}
