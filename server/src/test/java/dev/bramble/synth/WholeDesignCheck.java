package dev.bramble.synth;

import dev.bramble.cli.TestReport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.device.Device;
import dev.bramble.device.DeviceCatalog;
import dev.bramble.estimate.Estimate;
import dev.bramble.estimate.Estimator;
import dev.bramble.lang.model.Design;
import dev.bramble.project.DesignFiles;
import dev.bramble.rtl.Emitter;
import dev.bramble.rtl.PlanSource;
import dev.bramble.weights.ModelWeights;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/** One whole emitted design through Yosys against its estimate (WholeDesignSynthesisTest, DrawnDesignSynthesisPropertyTest). */
final class WholeDesignCheck {
    private WholeDesignCheck() {}

    /**
     * Yosys on the design in {@code file} (weights from {@code weightsDir}), its RTL emitted under
     * {@code dir}: block RAM, the large RAM and DSP cells exactly as estimated, logic within
     * {@code tolerance} of what Yosys mapped.
     */
    static YosysSynthesis.Mapped mappedResourcesMatchTheEstimate(Path file, Path weightsDir, String device, Path dir, double tolerance) throws Exception {
        String model = file.getFileName().toString().replace(".bramble", "");
        Design design = DesignFiles.load(file);
        var target = design.target(null).orElseThrow();
        ModelWeights weights = ModelWeights.load(design.model().orElseThrow(), weightsDir);
        Device dev = DeviceCatalog.standard().find(device).orElseThrow();
        Emitter.Emitted e = Emitter.emit(weights, target, dir.resolve("rtl"));
        var sources = e.sourcePaths().stream().filter(p -> !p.getFileName().toString().equals(e.testbench() + ".v")).toList();
        YosysSynthesis.Mapped m = YosysSynthesis.run(dev.family(), sources, e.top(), e.dir(), Duration.ofMinutes(30));
        var plan = PlanSource.plan(weights.model(), target);
        Estimate est = Estimator.estimate(plan);
        // Where Yosys leaves multipliers in logic (Gowin) the estimate follows the vendor's tools,
        // which put them in DSP: compare Yosys with the estimate plus those soft multipliers.
        int estLogic = Estimator.logicAsYosysMaps(est);
        String figures = String.format(Locale.ROOT, "%s on %s: mapped BRAM %d DSP %d logic %d FF %d; estimated BRAM %d DSP %d logic %d FF %d; %.0f s; cells %s",
                model, device, m.bram(), m.dspCells(), m.logic(), m.ffs(), est.bram(),
                est.dspCells().values().stream().mapToInt(Integer::intValue).sum(), estLogic, est.ff(), m.seconds(), m.cells());
        TestReport.println("whole-design synthesis: " + figures);
        if (dev.family().yosysMapsBlockRam()) assertEquals(est.bram(), m.bram(), "block RAM; " + figures);
        // the part's large RAM (UP5K SPRAM): the memories the plan puts there, and no other, become its cells
        if (dev.largeRam() != null && dev.largeRam().usable()) {
            assertEquals(plan.largeRamUnits(), m.cells().getOrDefault(dev.largeRam().cell(), 0), dev.largeRam().cell() + "; " + figures);
        }
        if (dev.family().yosysMapsDsp()) {
            assertEquals(est.dspCells().values().stream().mapToInt(Integer::intValue).sum(), m.dspCells(), "DSP cells " + est.dspCells() + "; " + figures);
        }
        double error = Math.abs(estLogic - (double) m.logic()) / m.logic();
        assertTrue(error <= tolerance, String.format(Locale.ROOT, "logic off by %.0f %% (at most %.0f %%); %s",
                100 * error, 100 * tolerance, figures));
        return m;
    }
}
