package dev.bramble.cli;

import dev.bramble.device.DeviceCatalog;
import dev.bramble.estimate.Estimate;
import dev.bramble.estimate.Estimator;
import dev.bramble.golden.FloatArithmetic;
import dev.bramble.golden.ReferenceModels;
import dev.bramble.lang.Bramble;
import dev.bramble.lang.model.Design;
import dev.bramble.numerics.FixedMath;
import dev.bramble.plan.CoreOp;
import dev.bramble.plan.Plan;
import dev.bramble.plan.Planner;
import dev.bramble.weights.ModelWeights;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue #16's features in the references, the plan and estimate, a tied head's bias in hardware, and what the hardware still refuses (on its line). */
class TrainedModelFeaturesTest {
    @TempDir
    Path dir;

    static String vectorModel(int in, int out, String options) {
        return "model m {\n    weights random seed 3\n    numeric weights q4.12, activations q6.10\n    input x [" + in + "]\n"
                + "    linear fc [" + in + " -> " + out + "]" + options + "\n    argmax\n}\n"
                + "target t {\n    device 5CSEMA5F31C6\n    clock 50 MHz\n    lanes LANES\n}\n";
    }

    static Plan plan(String text, int lanes) {
        Design d = Bramble.analyze("t.bramble", text.replace("LANES", String.valueOf(lanes)));
        assertTrue(d.diagnostics().stream().noneMatch(x -> x.isError()), d.diagnostics().toString());
        var target = d.target(null).orElseThrow();
        return Planner.plan(d.model().orElseThrow(), target, DeviceCatalog.standard().find(target.device()).orElseThrow());
    }

    /**
     * For every shape and lane count, a bias is one more column of its linear: it costs exactly
     * the words that column adds to each pass (in the banks and in issue cycles, the same
     * number), its parameters, and the hardware builds it.
     */
    @Property(tries = 60)
    void aBiasCostsItsColumnsWordsAndCycles(@ForAll @IntRange(min = 1, max = 80) int in, @ForAll @IntRange(min = 1, max = 80) int out,
                                           @ForAll @IntRange(min = 1, max = 32) int lanes) {
        Plan without = plan(vectorModel(in, out, ""), lanes);
        Plan with = plan(vectorModel(in, out, " bias"), lanes);
        int split = Planner.columnSplit(out, in + 1, lanes);
        int passes = CoreOp.chunks(out, lanes / split);
        int added = passes * CoreOp.chunks(in + 1, split);
        int before = without.layouts().get(0).passes() * without.layouts().get(0).segment();
        assertEquals(without.bankDepth() - before + added, with.bankDepth());
        assertEquals(without.schedule().cyclesAt(0) - before + added, with.schedule().cyclesAt(0));
        assertEquals(added - passes * CoreOp.chunks(in, split), with.layouts().get(0).biasWordsPerLane());
        Estimate a = Estimator.estimate(without), b = Estimator.estimate(with);
        assertEquals(a.params() + out, b.params());
        assertTrue(with.program().problem().isEmpty(), with.program().problem().toString());
    }

    /** The estimate says what the learned vectors cost, with the plan's numbers: the bias column's words (= cycles), the norm vectors' words and reads. */
    @Test
    void theEstimateSaysWhatLearnedVectorsCost() {
        String base = vectorModel(24, 10, " bias").replace("    linear fc", "    layernorm ln gain bias\n    linear fc");
        Plan p = plan(base, 8);
        Estimate e = Estimator.estimate(p);
        var fc = p.program().layout("fc").orElseThrow();
        int biasWords = fc.passes() * (fc.segment() - 24);   // 10 rows on 8 lanes: 2 passes, one column more each
        assertEquals(2, biasWords);
        assertTrue(e.notes().contains("learned vectors: biases 2 words per lane bank and 2 cycles per token (a column of their linears);"
                + " norm gains and biases 6 words per lane bank and " + (2 * 3 + CoreOp.Affine.LATENCY) + " cycles per token"), e.notes().toString());
        assertTrue(Estimator.estimate(plan(vectorModel(24, 10, ""), 8)).notes().stream().noneMatch(n -> n.startsWith("learned vectors")));
    }

    /** A bias column multiplies 1.0: activations with one integer bit cannot hold it, and the hardware says so on the line. */
    @Test
    void aBiasNeedsActivationsThatHoldOne() {
        Plan p = plan(vectorModel(6, 3, " bias").replace("activations q6.10", "activations q1.15"), 2);
        assertTrue(p.program().problem().orElse("").contains("line 5: linear fc: 'bias' needs activations with at least 2 integer bits"),
                p.program().problem().toString());
    }

    /**
     * A learned gain and bias on a norm: two vectors of ⌈w/L⌉ words, one read per word (a lane's
     * bank gives one word per clock), and the hardware builds it; a gain alone, one vector.
     */
    @Test
    void aLearnedNormCostsItsVectorsWordsAndOneReadEach() {
        String base = vectorModel(24, 10, "").replace("    linear fc", "    layernorm NORM\n    linear fc");
        Plan plain = plan(base.replace("layernorm NORM", "layernorm"), 8);
        Plan learned = plan(base.replace("NORM", "ln gain bias"), 8);
        Plan gain = plan(base.replace("NORM", "ln gain"), 8);
        assertEquals(plain.bankDepth() + 2 * 3, learned.bankDepth());
        assertEquals(plain.schedule().cyclesAt(0) + 2 * 3 + CoreOp.Affine.LATENCY, learned.schedule().cyclesAt(0));
        assertEquals(plain.bankDepth() + 3, gain.bankDepth());
        assertEquals(plain.schedule().cyclesAt(0) + 3 + CoreOp.Affine.LATENCY, gain.schedule().cyclesAt(0));
        assertTrue(learned.program().problem().isEmpty(), learned.program().problem().toString());
    }

    /**
     * A tied head reads its embedding's words: no ROM words of its own, one logit per pass of
     * ⌈dim/L⌉ chunks (V·⌈dim/L⌉ issue cycles, against ⌈V/L⌉·dim for a head of its own), and the
     * hardware builds it; a per-layer format widens the ROM word.
     */
    @Property(tries = 40)
    void aTiedHeadReadsItsEmbeddingsWordsOneLogitPerPass(@ForAll @IntRange(min = 2, max = 40) int vocab,
                                                        @ForAll @IntRange(min = 1, max = 40) int dim, @ForAll @IntRange(min = 1, max = 20) int lanes) {
        String lm = """
                model m {
                    weights random seed 1
                    embedding wte [VOCAB, DIM]
                    rmsnorm
                    linear head [DIM -> VOCAB] HEAD
                    argmax
                }
                target t { device 5CSEMA5F31C6 clock 50 MHz lanes LANES }
                """.replace("VOCAB", String.valueOf(vocab)).replace("DIM", String.valueOf(dim));
        Plan own = plan(lm.replace("HEAD", ""), lanes);
        Plan tied = plan(lm.replace("HEAD", "tied wte"), lanes);
        var ownHead = own.program().layout("head").orElseThrow();
        assertEquals(own.bankDepth() - ownHead.depthPerLane(), tied.bankDepth());
        long ownIssue = (long) ownHead.passes() * ownHead.segment();
        assertEquals(own.schedule().cyclesAt(0) - ownIssue + (long) vocab * CoreOp.chunks(dim, lanes), tied.schedule().cyclesAt(0));
        assertEquals(Estimator.estimate(own).params() - (long) vocab * dim, Estimator.estimate(tied).params());
        assertTrue(tied.program().problem().isEmpty(), tied.program().problem().toString());
        assertEquals(16, own.weightBits());
        assertEquals(20, plan(lm.replace("HEAD", "weights q4.16"), lanes).weightBits());
    }

    /** A model whose tied head has a bias (line 7), which the hardware builds. */
    static final String TIED_HEAD_WITH_BIAS = """
                model m {
                    weights random seed 1
                    tokens "abcdefg" bos
                    context = 4
                    embedding wte [8, 16]
                    rmsnorm
                    linear head [16 -> 8] tied wte bias
                    argmax
                }
                target t { device 5CSEMA5F31C6 clock 50 MHz lanes 4 }
                """;

    /** A tied linear that is not the logits (line 4), which the hardware does not build: it writes one logit per pass. */
    static final String TIED_OFF_THE_LOGITS = """
                model m {
                    weights random seed 1
                    embedding wte [8, 16]
                    linear x [16 -> 8] tied wte
                    linear head [8 -> 8]
                    argmax
                }
                target t { device 5CSEMA5F31C6 clock 50 MHz lanes 4 }
                """;

    /**
     * A tied head's bias is one more column per logit (V issue cycles) whose words are a vector of
     * their own (⌈V/L⌉ words per lane, V parameters), and the hardware builds it: the estimate
     * says so with the plan's numbers.
     */
    @Property(tries = 40)
    void aTiedHeadsBiasCostsAColumnPerLogitAndAVectorOfWords(@ForAll @IntRange(min = 2, max = 40) int vocab,
                                                           @ForAll @IntRange(min = 1, max = 40) int dim, @ForAll @IntRange(min = 1, max = 20) int lanes) {
        String lm = """
                model m {
                    weights random seed 1
                    embedding wte [VOCAB, DIM]
                    rmsnorm
                    linear head [DIM -> VOCAB] tied wte BIAS
                    argmax
                }
                target t { device 5CSEMA5F31C6 clock 50 MHz lanes LANES }
                """.replace("VOCAB", String.valueOf(vocab)).replace("DIM", String.valueOf(dim));
        Plan without = plan(lm.replace("BIAS", ""), lanes);
        Plan with = plan(lm.replace("BIAS", "bias"), lanes);
        assertTrue(with.program().problem().isEmpty(), with.program().problem().toString());
        int words = CoreOp.chunks(vocab, lanes);
        assertEquals(without.bankDepth() + words, with.bankDepth());
        assertEquals(without.schedule().cyclesAt(0) + vocab, with.schedule().cyclesAt(0));
        CoreOp.Linear head = with.program().ops().stream().filter(o -> o instanceof CoreOp.Linear).map(o -> (CoreOp.Linear) o).findFirst().orElseThrow();
        assertEquals((long) vocab * (CoreOp.chunks(dim, lanes) + 1) + dev.bramble.plan.Timing.LAT_MV, head.fixedCycles(lanes));
        assertEquals(with.program().layout("head.bias").orElseThrow().base(), head.tiedBias().base());
        assertEquals(Estimator.estimate(without).params() + vocab, Estimator.estimate(with).params());
        assertTrue(Estimator.estimate(with).notes().contains(String.format(java.util.Locale.ROOT,
                "learned vectors: biases %,d words per lane bank and %,d cycles per token (a column of their linears)", words, vocab)),
                Estimator.estimate(with).notes().toString());
    }

    /**
     * The reference adds rescale(b, Fb, Fw + Fa) (Fw the embedding's, Fb the model's): the column's
     * constant is 2^(Fw + Fa - Fb) when the activations hold it; else the word takes the rest of
     * the shift, and when it then outgrows the banks' word the plan refuses on the line.
     */
    @Test
    void aTiedHeadsBiasIsScaledToTheEmbeddingsProducts() {
        String lm = """
                model m {
                    weights random seed 1
                    numeric weights WB, activations ACT
                    embedding wte [8, 6] weights WE
                    linear head [6 -> 8] tied wte bias
                    argmax
                }
                target t { device 5CSEMA5F31C6 clock 50 MHz lanes 4 }
                """;
        java.util.function.Function<Plan, CoreOp.TiedBias> bias = p -> p.program().ops().stream().filter(o -> o instanceof CoreOp.Linear)
                .map(o -> ((CoreOp.Linear) o).tiedBias()).findFirst().orElseThrow();
        Plan same = plan(lm.replace("WB", "q4.12").replace("ACT", "q4.12").replace("WE", "q4.12"), 4);
        assertEquals(new CoreOp.TiedBias("head.bias", bias.apply(same).base(), 12, 12, 12), bias.apply(same));   // 1.0, as an own head's column
        Plan rounded = plan(lm.replace("WB", "q2.14").replace("ACT", "q6.4").replace("WE", "q4.4"), 4);
        assertEquals(0, bias.apply(rounded).operandShift());   // the word is the reference's rounded term
        assertEquals(8, bias.apply(rounded).wordFrac());
        Plan shifted = plan(lm.replace("WB", "q4.4").replace("ACT", "q8.8").replace("WE", "q1.15"), 4);
        assertEquals(14, bias.apply(shifted).operandShift());   // 2^19 does not fit 16-bit activations: the word takes 2^5
        assertEquals(9, bias.apply(shifted).wordFrac());
        assertTrue(shifted.program().problem().isEmpty(), shifted.program().problem().toString());
        Plan wide = plan(lm.replace("WB", "q12.4").replace("ACT", "q8.8").replace("WE", "q1.15"), 4);
        assertTrue(wide.program().problem().orElse("").contains("line 5: linear head: its bias (4 fraction bits) scaled to the embedding's"
                + " products (23) needs 21-bit words, wider than the banks' 16"), wide.program().problem().toString());
    }

    /** erf to double precision at known values, odd, and GELU's erf form through it. */
    @Test
    void erfMatchesKnownValues() {
        double[][] known = {{0, 0}, {0.5, 0.5204998778130465}, {1, 0.8427007929497149}, {2, 0.9953222650189527},
                {3, 0.9999779095030014}, {-1.5, -0.9661051464753108}, {6, 1}};
        for (double[] k : known) assertEquals(k[1], FixedMath.erf(k[0]), 1e-15, "erf(" + k[0] + ")");
        assertEquals(0.8413447460685429, FloatArithmetic.geluErf(1.0), 1e-15);   // Φ(1)·1
        assertEquals(-0.15865525393145707, FloatArithmetic.geluErf(-1.0), 1e-15);
    }

    /** For every x in range, the fixed-point erf GELU is within 2 units (2^-Fa) of the float one, at Fa = 10 and 12. */
    @Property(tries = 300)
    void fixedErfGeluTracksTheFloatOne(@ForAll @DoubleRange(min = -7.5, max = 7.5) double x, @ForAll boolean q12) {
        int fa = q12 ? 12 : 10, na = fa + 4;
        long q = FixedMath.quantize(x, fa, na);
        double real = Math.scalb((double) q, -fa);
        double got = Math.scalb((double) FixedMath.geluErf(q, fa, na), -fa);
        assertEquals(FloatArithmetic.geluErf(real), got, 2 * Math.scalb(1.0, -fa), "x = " + real);
    }

    /** The fixed-point model with biases, gains and a tied head stays near the float one on random weights. */
    @Test
    void fixedAndFloatReferencesAgreeOnALearnedModel() throws Exception {
        String text = """
                model m {
                    weights random seed 5
                    tokens "abcdefghij" bos
                    context = 8
                    numeric weights q4.12, activations q6.10
                    embedding wte [11, 16]
                    embedding wpe [8, 16] position weights q2.14
                    residual {
                        layernorm ln gain bias
                        attention heads 2 {
                            linear q [16 -> 16] bias
                            linear k [16 -> 16] bias
                            linear v [16 -> 16] bias
                            linear o [16 -> 16] bias
                        }
                    }
                    residual {
                        rmsnorm ln2 gain
                        linear fc [16 -> 32] gelu erf bias
                        linear proj [32 -> 16] bias
                    }
                    layernorm lnf gain bias
                    linear head [16 -> 11] tied wte bias
                    argmax
                }
                """;
        Path file = dir.resolve("m.bramble");
        Files.writeString(file, text);
        ModelWeights w = ModelLoading.load(file);
        var fixed = ReferenceModels.fixed(w).interpreter();
        var floating = ReferenceModels.floating(w).interpreter();
        List<Integer> tokens = List.of(10, 3, 1, 4, 1, 5, 9, 2);
        List<double[]> a = RunCommand.logitRows(fixed, tokens), b = RunCommand.logitRows(floating, tokens);
        double worst = 0;
        for (int t = 0; t < tokens.size(); t++) for (int v = 0; v < 11; v++) worst = Math.max(worst, Math.abs(a.get(t)[v] - b.get(t)[v]));
        assertTrue(worst < 0.05, "max |fixed - float| logit " + worst);
        assertTrue(worst > 0, "the fixed-point model must actually quantise");
    }

    /**
     * A tied head with a bias: the design checks clean, emits, simulates bit-exact with every op of
     * every step on the plan's cycles in Icarus and in Verilator, and synthesizes.
     */
    @Test
    void aTiedHeadWithABiasEmitsSimulatesBitExactAndSynthesizes() throws Exception {
        Path file = dir.resolve("m.bramble");
        Files.writeString(file, TIED_HEAD_WITH_BIAS);
        CliRun check = CliRun.of("check", file.toString());
        assertEquals(0, check.status(), check.out() + check.err());
        CliRun emit = CliRun.of("emit", file.toString(), "-o", dir.resolve("out").toString());
        assertEquals(0, emit.status(), emit.out() + emit.err());
        for (String simulator : List.of("icarus", "verilator")) {
            CliRun sim = CliRun.of("sim", file.toString(), "--simulator", simulator, "--prompt", "ab");
            assertEquals(0, sim.status(), simulator + ": " + sim.out() + sim.err());
            assertTrue(sim.out().contains("every op of every step as planned") && sim.out().contains("bit-exact: 4 steps, 32 logits"),
                    simulator + ": " + sim.out());
        }
        CliRun synth = CliRun.of("synth", file.toString(), "--target", "t");
        assertEquals(0, synth.status(), synth.out() + synth.err());
    }

    /** Every feature kind is built now (names-gpt emits); what the plan still cannot build is refused on its line with the file. */
    @Test
    void emitSimSynthRefuseWhatTheHardwareCannotBuildOnItsLineAndTrainTrainsLearnedModels() throws Exception {
        assertEquals(java.util.EnumSet.allOf(dev.bramble.lang.model.Features.Kind.class), dev.bramble.plan.CoreProgram.BUILT);
        Path file = dir.resolve("m.bramble");
        Files.writeString(file, TIED_OFF_THE_LOGITS);
        for (String command : List.of("emit", "sim", "synth")) {
            CliRun run = CliRun.of(command, file.toString(), command.equals("emit") ? "-o" : "--target", command.equals("emit")
                    ? dir.resolve("out").toString() : "t");
            assertEquals(2, run.status(), command + ": " + run.out() + run.err());
            assertTrue(run.err().contains("m.bramble:4:5: error: linear x: a tied linear must be the logits"), command + ": " + run.err());
            assertTrue(!run.err().contains("Exception"), run.err());
        }
        Path built = dir.resolve("built.bramble");
        Files.writeString(built, vectorModel(8, 4, " gelu erf bias weights q2.10").replace("LANES", "4"));
        CliRun emitted = CliRun.of("emit", built.toString(), "-o", dir.resolve("built").toString());
        assertEquals(0, emitted.status(), emitted.out() + emitted.err());
        assertEquals(0, CliRun.of("estimate", file.toString()).status());
        Path lm = dir.resolve("lm.bramble");
        Files.writeString(lm, """
                model m {
                    weights random seed 1
                    tokens "ab" bos
                    context = 4
                    embedding wte [3, 8]
                    rmsnorm g gain
                    linear head [8 -> 3]
                    sample temperature 1
                }
                """);
        Path data = dir.resolve("data.txt");
        Files.writeString(data, "ab\nba\naab\nbb\nabab\nb\na\nbba\naa\nbab\nabb\nba\n");
        CliRun train = CliRun.of("train", lm.toString(), "--data", data.toString(), "--steps", "3", "-o", dir.resolve("w.safetensors").toString());
        assertEquals(0, train.status(), "bramble train trains learned gains: " + train.out() + train.err());
        Path keyed = dir.resolve("keyed.bramble");
        Files.writeString(keyed, Files.readString(lm).replace("weights random seed 1", "weights \"w.safetensors\" keys nanogpt"));
        CliRun refused = CliRun.of("train", keyed.toString(), "--data", data.toString(), "--steps", "1", "-o", dir.resolve("w2.safetensors").toString());
        assertEquals(2, refused.status(), refused.out() + refused.err());
        assertTrue(refused.err().contains("keyed.bramble:2:") && refused.err().contains("drop 'keys nanogpt' to train it here"), refused.err());
        CliRun logits = CliRun.of("run", lm.toString(), "--prompt", "ab", "--logits", "--format", "json", "--float");
        assertEquals(0, logits.status(), logits.err());
        var rows = com.google.gson.JsonParser.parseString(logits.out()).getAsJsonObject().getAsJsonArray("logits");
        assertEquals(3, rows.size(), "BOS, then the two prompt tokens");
        assertEquals(3, rows.get(0).getAsJsonArray().size());
    }
}
