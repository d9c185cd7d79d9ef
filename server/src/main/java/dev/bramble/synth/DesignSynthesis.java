package dev.bramble.synth;

import dev.bramble.device.Device;
import dev.bramble.estimate.Estimate;
import dev.bramble.estimate.Estimator;
import dev.bramble.lang.model.Target;
import dev.bramble.errors.UserError;
import dev.bramble.rtl.Emitter;
import dev.bramble.rtl.PlanSource;
import dev.bramble.tools.ToolError;
import dev.bramble.tools.TemporaryDirectories;
import dev.bramble.weights.ModelWeights;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * {@code bramble synth} and the editor's Synthesize: emits the design into a scratch directory,
 * runs Yosys for the target's family and puts the mapped cells beside the estimate of the same
 * plan. The scratch directory is deleted afterwards.
 */
public final class DesignSynthesis {
    /** The stages a synthesis goes through, in order. */
    public enum Stage {
        EMIT("emitting Verilog"), YOSYS("running Yosys"), PLACE_AND_ROUTE("placing and routing with nextpnr-ice40");

        private final String description;

        Stage(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** What Yosys mapped for the design's top module on {@code device}, and what the estimator predicted. */
    /** {@code placed}: nextpnr's result when place and route was asked for, else null. */
    public record Report(Device device, String top, YosysSynthesis.Mapped mapped, Estimate estimate, PlaceAndRoute.Result placed) {
        public int estimatedBram() {
            return estimate.bram();
        }

        public int estimatedDspCells() {
            return estimate.dspCells().values().stream().mapToInt(Integer::intValue).sum();
        }

        /** Whether the part has a large RAM the plan may use (Device.largeRam with a cell). */
        public boolean hasLargeRam() {
            return device.largeRam() != null && device.largeRam().usable();
        }

        /** The large RAM's cells Yosys mapped (e.g. SB_SPRAM256KA), 0 on a part without one. */
        public int largeRam() {
            return hasLargeRam() ? mapped.cells().getOrDefault(device.largeRam().cell(), 0) : 0;
        }

        public int estimatedLargeRam() {
            return estimate.plan().largeRamUnits();
        }

        /** The estimate's logic as Yosys maps the design (Estimator.logicAsYosysMaps): what {@code mapped.logic()} is held against. */
        public int estimatedLogicAsYosysMaps() {
            return dev.bramble.estimate.Estimator.logicAsYosysMaps(estimate);
        }
    }

    private DesignSynthesis() {}

    /** {@code device} is the catalogue's part for {@code target} (its family picks the Yosys flow). */
    public static Report run(ModelWeights weights, Target target, Device device, Duration timeout, Consumer<Stage> stage)
            throws UserError, ToolError {
        return run(weights, target, device, timeout, false, stage);
    }

    /** As above; {@code placeAndRoute} also runs nextpnr-ice40 for the maximum clock (iCE40 parts only). */
    public static Report run(ModelWeights weights, Target target, Device device, Duration timeout, boolean placeAndRoute,
                             Consumer<Stage> stage) throws UserError, ToolError {
        if (placeAndRoute && device.nextpnr() == null) {
            throw new UserError("target " + target.name() + ": place and route needs an iCE40 part (nextpnr-ice40); " + device.base() + " is not one");
        }
        Path dir = TemporaryDirectories.create("bramble-synth-");
        try {
            stage.accept(Stage.EMIT);
            Emitter.Emitted e = Emitter.emit(weights, target, dir);
            var sources = e.sourcePaths().stream().filter(p -> !p.getFileName().toString().equals(e.testbench() + ".v")).toList();
            stage.accept(Stage.YOSYS);
            YosysSynthesis.Mapped m = YosysSynthesis.run(device.family(), sources, e.top(), dir, timeout);
            Estimate est = Estimator.estimate(PlanSource.plan(weights.model(), target));
            PlaceAndRoute.Result placed = null;
            if (placeAndRoute) {
                stage.accept(Stage.PLACE_AND_ROUTE);
                placed = PlaceAndRoute.run(device, sources, e.top(), dir, target.clockMHz(), timeout);
            }
            return new Report(device, e.top(), m, est, placed);
        } finally {
            TemporaryDirectories.delete(dir);
        }
    }
}
