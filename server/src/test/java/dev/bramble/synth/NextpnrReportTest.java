package dev.bramble.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Reading nextpnr-ice40's report: its clock figure, and the paths it cuts at a multiplier used
 * without its registers (nextpnr-ice40 0.4 times every SB_MAC16 port as a register's). The shape
 * is the one nextpnr wrote for microGPT at one lane on the UP5K (7 Dec), its delays rounded.
 */
class NextpnrReportTest {
    private static String path(String from, String to, double... delays) {
        StringBuilder p = new StringBuilder();
        for (double d : delays) p.append(p.length() == 0 ? "" : ",").append("{\"delay\":").append(d).append(",\"type\":\"logic\"}");
        return "{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"path\":[" + p + "]}";
    }

    private static final String CLK = "clk$SB_IO_IN_$glb_clk", DSP = "$PACKER_GND_NET_$glb_clk";

    @Test
    void pathsCutAtAMultiplierBoundTheClock() {
        String json = "{\"fmax\":{\"" + DSP + "\":{\"achieved\":26.4,\"constraint\":20},\"" + CLK + "\":{\"achieved\":7.49,\"constraint\":20}},"
                + "\"utilization\":{\"ICESTORM_LC\":{\"used\":4927,\"available\":5280}},\"critical_paths\":["
                + path("posedge " + DSP, "posedge " + DSP, 30, 7.9) + ","
                + path("negedge " + CLK, "posedge " + CLK, 60, 6.7) + ","
                + path("posedge " + DSP, "posedge " + CLK, 50, 6.6) + ","
                + path("posedge " + CLK, "posedge " + DSP, 80, 7.9) + ","
                + path("negedge " + CLK, "posedge " + DSP, 20, 1.6) + "]}";
        NextpnrReport r = NextpnrReport.parse(json);
        assertEquals(7.49, r.fmaxMHz(), 1e-9);
        assertEquals(87.9, r.dspInNs(), 1e-9);
        assertEquals(21.6, r.dspInHalfNs(), 1e-9);
        assertEquals(56.6, r.dspOutNs(), 1e-9);
        assertEquals(4927, r.used().get("ICESTORM_LC")[0]);
        // into one and out of another: 87.9 + 56.6 = 144.5 ns from a rising edge; from a falling
        // edge 21.6 + 56.6 in half a clock = 156.4 ns: the longer decides
        assertEquals(1000 / 156.4, r.throughDspMHz(), 1e-9);
        assertTrue(r.meets(6.0));
        assertFalse(r.meets(7.0), "nextpnr's 7.49 MHz leaves the cut paths out");
    }

    @Test
    void withoutCutPathsNextpnrsFigureStands() {
        String json = "{\"fmax\":{\"" + CLK + "\":{\"achieved\":31.2,\"constraint\":12}},\"critical_paths\":["
                + path("posedge " + CLK, "posedge " + CLK, 30, 2.0) + "]}";
        NextpnrReport r = NextpnrReport.parse(json);
        assertNull(r.throughDspMHz());
        assertTrue(r.meets(31.0));
        assertFalse(r.meets(32.0));
    }

    @Test
    void aDesignTooBigForThePartIsSaidInCells() {
        String why = NextpnrReport.explain("Failed to expand region (0, 0) |_> (25, 31) of 6002 ICESTORM_LCs", 5280);
        assertTrue(why.startsWith("the design does not fit: it needs 6,002 logic cells") && why.contains("the part has 5,280")
                && why.contains("use fewer lanes"), why);
        assertEquals("Unable to place cell 'x', no BELs remaining to implement cell type 'ICESTORM_RAM'",
                NextpnrReport.explain("Unable to place cell 'x', no BELs remaining to implement cell type 'ICESTORM_RAM'", 5280));
    }
}
