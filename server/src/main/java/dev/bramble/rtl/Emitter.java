package dev.bramble.rtl;

import dev.bramble.lang.model.Model;
import dev.bramble.lang.model.Target;
import dev.bramble.plan.CoreOp;
import dev.bramble.plan.CoreProgram;
import dev.bramble.plan.Placement;
import dev.bramble.plan.Plan;
import dev.bramble.errors.UserError;
import dev.bramble.weights.ModelWeights;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a self-contained Verilog directory for a model on a target: the top module (named
 * after the model), the rtl-lib modules it instantiates, one ROM image per tensor and lane
 * bank, the numeric tables, a testbench, a file list and a README. Everything is a pure
 * function of its inputs, so re-emitting gives byte-identical files.
 */
public final class Emitter {
    /** What was written: the directory, the top and testbench module names, files in compile order. */
    public record Emitted(Path dir, String top, String testbench, List<String> sources, CoreProgram program) {
        public List<Path> sourcePaths() {
            return sources.stream().map(dir::resolve).toList();
        }
    }

    /** rtl-lib modules, in an order where each file's dependencies come first. */
    private static final List<String> LIBRARY_ORDER = List.of("fx_mul.v", "sequencer.v", "weight_rom.v", "mac_lane.v", "lane_scratch.v", "fx_gelu.v", "matvec_engine.v", "fx_rsqrt_seed.v", "fx_newton_cut.v", "fx_rsqrt.v", "norm_unit.v", "fx_recip_seed.v", "fx_recip.v", "fx_newton.v", "fx_exp_tables.v", "fx_exp_neg.v",
            "xorshift32.v", "fx_cmul.v", "attention_core.v", "argmax_scan.v", "logit_max.v", "sampler.v");

    private Emitter() {}

    public static Emitted emit(ModelWeights weights, Target target, Path dir) throws UserError {
        Model model = weights.model();
        // The plan is the program: the ops, their cycles, the activation rows and the tensor
        // layouts are the plan's, written out as they are.
        Plan plan = target == null ? null : PlanSource.plan(model, target);
        CoreProgram program = plan != null ? plan.program() : CoreProgram.of(model, 1);
        if (program.problem().isPresent()) throw new UserError(program.problem().get());
        // ... and for memories: ROM banks and KV caches go where the plan puts them.
        boolean block = plan == null || plan.romInBlockRam() || plan.banks().isEmpty();
        java.util.function.IntUnaryOperator kvStyle = unit -> {
            if (plan == null || plan.kvCaches().size() <= unit || plan.kvCaches().get(unit).block()) return 2;
            return plan.device() == null || plan.device().family().distributedRam() ? 1 : 0;
        };
        RomLayout roms = new RomLayout(program, weights, block);
        Set<String> libraryModules = new HashSet<>();
        for (String f : LIBRARY_ORDER) libraryModules.add(f.substring(0, f.length() - 2));
        String top = VerilogNames.identifier(model.name(), libraryModules);
        String tb = top + "_tb";
        Map<String, String> files = new LinkedHashMap<>();
        Placement scratch = plan == null ? Placement.LUT_RAM : plan.scratch().placement();
        Placement scores = plan == null ? Placement.LUT_RAM : plan.scores();
        Placement sums = plan == null ? Placement.LUT_RAM : plan.sums();
        Placement logits = plan == null ? (Plan.logitStore(program) == null ? Placement.REGISTERS : Placement.LUT_RAM) : plan.logits();
        boolean seedsInBlockRam = plan == null || plan.seedsInBlockRam();
        boolean expInBlockRam = plan == null || plan.expInBlockRam();
        // LUT RAM whose cell reads one port: the copies per read port written out (Yosys 0.23 builds
        // a four-port scratch memory in flip-flops on Cyclone V rather than replicate it)
        boolean scratchCopies = plan != null && plan.device() != null && plan.device().family().lutRam() != null
                && plan.device().family().lutRam().portsPerCell() == 1;
        int laneSoftBits = plan == null ? 0 : plan.lane().softLowBits();
        boolean readAhead = plan != null && plan.scratchReadAhead();
        String topText = new TopWriter(program, roms, top, kvStyle, scratch, scores, sums, logits, seedsInBlockRam, expInBlockRam, scratchCopies,
                laneSoftBits, readAhead).write();
        List<String> sources = new ArrayList<>();
        Set<String> needed = modulesUsed(program);
        for (String lib : LIBRARY_ORDER) {
            if (needed.contains(lib)) {
                files.put(lib, RtlLibrary.read(lib));
                sources.add(lib);
            }
        }
        files.put(top + ".v", topText);
        sources.add(top + ".v");
        files.put(tb + ".v", TestbenchWriter.write(program, top, tb));
        sources.add(tb + ".v");
        files.putAll(NumericTables.images());
        int nw = dev.bramble.plan.MultiplierInventory.weightBits(model);   // the widest format: a narrower layer's words are sign-extended
        for (RomLayout.Bank b : roms.banks()) files.put(b.file(), HexImage.of(b.words(), nw));
        files.put("files.f", String.join("\n", sources) + "\n");
        files.put("README.md", Readme.write(program, top, tb, target, sources));
        try {
            Files.createDirectories(dir);
            for (var e : files.entrySet()) Files.writeString(dir.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError(dir + ": cannot write the design there (" + e.getMessage() + ")");
        }
        return new Emitted(dir, top, tb, List.copyOf(sources), program);
    }

    /** The rtl-lib files a program's top instantiates, directly or through another library module. */
    static Set<String> modulesUsed(CoreProgram program) {
        Set<String> m = new HashSet<>(List.of("sequencer.v", "weight_rom.v", "mac_lane.v", "lane_scratch.v", "matvec_engine.v"));
        for (CoreOp op : program.ops()) {
            if (op instanceof CoreOp.Norm) m.addAll(List.of("norm_unit.v", "fx_rsqrt.v", "fx_rsqrt_seed.v", "fx_newton_cut.v", "fx_mul.v", "fx_cmul.v"));
            if (op instanceof CoreOp.Linear lin && (lin.activation() == dev.bramble.lang.model.Activation.GELU
                    || lin.activation() == dev.bramble.lang.model.Activation.GELU_ERF)) m.addAll(List.of("fx_gelu.v", "fx_mul.v"));
            if (op instanceof CoreOp.Attention) m.addAll(List.of("attention_core.v", "fx_cmul.v", "fx_exp_tables.v", "fx_recip.v", "fx_recip_seed.v", "fx_newton_cut.v", "fx_mul.v"));
            if (op instanceof CoreOp.Sample) m.addAll(List.of("logit_max.v", "sampler.v", "xorshift32.v", "fx_exp_tables.v", "fx_exp_neg.v", "fx_mul.v", "fx_cmul.v"));
            if (op instanceof CoreOp.Argmax) m.add("argmax_scan.v");
        }
        // norms and attention share one scalar unit (TopWriter.writeScalarUnit)
        if (m.contains("fx_rsqrt.v") && m.contains("fx_recip.v")) {
            m.removeAll(List.of("fx_rsqrt.v", "fx_recip.v"));
            m.add("fx_newton.v");
        }
        return m;
    }
}
