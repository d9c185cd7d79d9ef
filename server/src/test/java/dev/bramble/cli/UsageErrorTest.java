package dev.bramble.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A mistyped command line names the command to ask for help, once. */
class UsageErrorTest {
    @Test
    void anUnknownCommandPointsAtTheTopLevelHelp() {
        CliRun r = CliRun.of("emitt");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("run 'bramble --help' for usage"), r.err());
    }

    @Test
    void aBadOptionPointsAtItsSubcommandsHelp() {
        CliRun r = CliRun.of("estimate", "--no-such-option", "x.bramble");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("run 'bramble estimate --help' for usage"), r.err());
    }
}
