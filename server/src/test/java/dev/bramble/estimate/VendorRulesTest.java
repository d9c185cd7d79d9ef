package dev.bramble.estimate;

import dev.bramble.device.DspRules;
import dev.bramble.device.DeviceCatalog;
import dev.bramble.device.Family;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Where Yosys 0.23 cannot check us — Cyclone V M10K (it will not initialise M10K) and Gowin DSP
 * (it leaves multipliers in logic) — the estimator follows the vendor's documented rules. These
 * worked examples pin those rules; each comment shows the arithmetic from the vendor's table.
 */
class VendorRulesTest {
    static Family family(String id) {
        return DeviceCatalog.standard().family(id).orElseThrow();
    }

    @Test
    void cycloneVM10KShapes() {
        var m10k = family("cyclonev").blockRam();
        assertEquals(10240, m10k.bits());
        assertEquals(1, m10k.blocksFor(267, 16));    // 512x20 holds 267x16
        assertEquals(1, m10k.blocksFor(512, 20));    // exactly 512x20
        assertEquals(2, m10k.blocksFor(1024, 16));   // 2 x 512x20 (or 2 x 1Kx10)
        assertEquals(1, m10k.blocksFor(1024, 10));   // 1Kx10
        assertEquals(2, m10k.blocksFor(1024, 12));   // 1Kx10 is too narrow: 2 x 1Kx8 or 2 x 512x20
        assertEquals(1, m10k.blocksFor(256, 40));    // 256x40
        assertEquals(2, m10k.blocksFor(300, 40));    // 2 x 512x20 side by side
        assertEquals(1, m10k.blocksFor(8192, 1));    // 8Kx1
        assertEquals(4, m10k.blocksFor(2048, 16));   // 4 x 512x20
        assertEquals(16, m10k.blocksFor(16384, 10)); // 16 x 1Kx10
        assertEquals("1024x10", m10k.shapeFor(1024, 10, false).toString());
    }

    @Test
    void microGptOnDe1SocUsesOneM10KPerLane() throws Exception {
        var e = Estimator.estimate(dev.bramble.plan.PlanFixtures.plan(dev.bramble.plan.PlanFixtures.example("microgpt")));
        assertEquals(267, e.plan().bankDepth());   // 224 linear words + 27 wte rows + 16 wpe rows per lane
        assertEquals(16, e.romBram());             // 267x16 per lane fits one 512x20 M10K
    }

    @Test
    void yosysIsHeldAgainstTheEstimatePlusTheSoftMultipliersOnlyWhereItLeavesThemInLogic() throws Exception {
        var gowin = Estimator.estimate(dev.bramble.plan.PlanFixtures.plan(dev.bramble.plan.PlanFixtures.exampleWith("microgpt", 4, "tang-nano-9k")));
        var gowin8 = Estimator.estimate(dev.bramble.plan.PlanFixtures.plan(dev.bramble.plan.PlanFixtures.exampleWith("microgpt", 8, "tang-nano-9k")));
        var ecp5 = Estimator.estimate(dev.bramble.plan.PlanFixtures.plan(dev.bramble.plan.PlanFixtures.exampleWith("microgpt", 4, "LFE5U-85F-6BG381C")));
        int soft4 = Estimator.logicAsYosysMaps(gowin) - gowin.lut(), soft8 = Estimator.logicAsYosysMaps(gowin8) - gowin8.lut();
        // Yosys builds each lane's multiplier in logic on Gowin: more lanes, more soft multipliers
        org.junit.jupiter.api.Assertions.assertTrue(soft4 > 0 && soft8 > soft4, soft4 + " then " + soft8);
        assertEquals(ecp5.lut(), Estimator.logicAsYosysMaps(ecp5));   // Yosys maps ECP5's multipliers to MULT18X18D
    }

    @Test
    void gowinMultiplierRule() {
        var dsp = family("gowin").dsp();
        assertEquals(Map.of("MULT18X18", 1), DspRules.cells(dsp, 16, 16, true, 1));
        assertEquals(1, DspRules.blocks(dsp, DspRules.cells(dsp, 16, 16, true, 1)));
        assertEquals(Map.of("MULT9X9", 2), DspRules.cells(dsp, 8, 8, true, 2));
        assertEquals(1, DspRules.blocks(dsp, DspRules.cells(dsp, 8, 8, true, 2)));   // two 9x9 share one 18x18
        assertEquals(Map.of("MULT9X9", 3), DspRules.cells(dsp, 9, 4, true, 3));
        assertEquals(2, DspRules.blocks(dsp, DspRules.cells(dsp, 9, 4, true, 3)));
        assertEquals(Map.of("MULT36X36", 1), DspRules.cells(dsp, 32, 16, true, 1));
        assertEquals(4, DspRules.blocks(dsp, DspRules.cells(dsp, 32, 16, true, 1))); // 36x36 = four 18x18
        assertEquals(Map.of(), DspRules.cells(dsp, 16, 1, true, 1));                 // a 1-bit operand is logic
    }

    @Test
    void cycloneVPacksTwo18x18PerBlock() {
        var dsp = family("cyclonev").dsp();
        assertEquals(8, DspRules.blocks(dsp, DspRules.cells(dsp, 16, 16, true, 16)));    // 16 MUL18X18 → 8 blocks
        assertEquals(1, DspRules.blocks(dsp, DspRules.cells(dsp, 8, 8, true, 3)));       // three 9x9 per block
        assertEquals(3, DspRules.blocks(dsp, DspRules.cells(dsp, 19, 16, true, 3)));     // each 27x27 is a block
    }
}
