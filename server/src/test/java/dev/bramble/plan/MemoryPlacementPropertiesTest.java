package dev.bramble.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.device.BlockRamKind;
import dev.bramble.device.Device;
import dev.bramble.device.DeviceCatalog;
import dev.bramble.estimate.Estimate;
import dev.bramble.estimate.Estimator;
import dev.bramble.estimate.LayerEstimate;
import dev.bramble.lang.Bramble;
import dev.bramble.lang.model.Design;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Where the plan puts the core's memories, over layer mixes, lanes, contexts, vocabularies and
 * parts of every family: the KV caches take block RAM only where it is left over after the
 * weights; the lanes' scratch memories, the score memories and the sampler's sums only where it
 * is left over after those (never more blocks than the part has because of them), and none of
 * them stays in flip-flops while its blocks are still free; on a family whose logic cells can
 * be RAM the small memories are LUT RAM; the estimate's block RAM column adds up to its total.
 */
class MemoryPlacementPropertiesTest {
    static final List<String> PARTS = List.of("iCE40UP5K", "iCE40HX8K", "up5k", "xc7a35t", "LFE5U-25F", "5CSEMA5F31C6", "tang-nano-9k");

    static String design(int dim, int heads, boolean attention, boolean norm, int context, int vocab, boolean sample, int lanes, String part) {
        StringBuilder t = new StringBuilder("model m {\n    vocab = " + vocab + "\n    context = " + context + "\n    dim = " + dim + "\n");
        t.append("    weights random seed 1\n    numeric weights q2.6, activations q8.8\n");
        t.append("    embedding wte [vocab, dim]\n    embedding wpe [context, dim] position\n");
        t.append("    block b {\n");
        if (attention) {
            t.append("        residual {\n").append(norm ? "            rmsnorm\n" : "").append("            attention heads ").append(heads).append(" {\n");
            for (String w : List.of("wq", "wk", "wv", "wo")) t.append("                linear ").append(w).append(" [dim -> dim]\n");
            t.append("            }\n        }\n");
        }
        t.append("        residual {\n            linear up [dim -> 2 * dim] relu\n            linear down [2 * dim -> dim]\n        }\n    }\n");
        t.append("    linear lm_head [dim -> vocab]\n").append(sample ? "    sample temperature 0.8 seed 3\n" : "    argmax\n").append("}\n");
        t.append("target t {\n    device ").append(part).append("\n    clock 20 MHz\n    lanes ").append(lanes).append("\n}\n");
        return t.toString();
    }

    @Property(tries = 120)
    void smallMemoriesTakeOnlyLeftOverBlocksAndNoneThatFitsStaysOut(@ForAll @IntRange(min = 0, max = 3) int widthPick, @ForAll boolean attention, @ForAll boolean norm,
                                                   @ForAll @IntRange(min = 1, max = 64) int context, @ForAll @IntRange(min = 2, max = 80) int vocab,
                                                   @ForAll boolean sample, @ForAll @IntRange(min = 1, max = 12) int lanes,
                                                   @ForAll @IntRange(min = 0, max = 6) int partPick) {
        int dim = new int[] {8, 12, 16, 32}[widthPick];
        int heads = dim == 12 ? 3 : 4;
        String text = design(dim, heads, attention, norm, context, vocab, sample, lanes, PARTS.get(partPick));
        Design d = Bramble.analyze("m.bramble", text);
        assertFalse(d.hasErrors(), () -> d.diagnostics() + "\n" + text);
        var target = d.target(null).orElseThrow();
        Device device = DeviceCatalog.standard().find(target.device()).orElseThrow();
        Plan plan = Planner.plan(d.model().orElseThrow(), target, device);
        Estimate e = Estimator.estimate(plan);
        BlockRamKind kind = device.family().blockRam();

        assertEquals(e.bram(), e.layers().stream().mapToInt(LayerEstimate::bram).sum(), "the block RAM column adds up\n" + text);
        assertEquals(e.romBram() + e.kvBram() + e.smallMemoryBram(), e.bram());
        int weights = e.romBram();
        int caches = e.kvBram();
        int scratch = plan.scratch().blocks(kind);
        assertEquals(e.smallMemoryBram(), scratch + plan.scoreBlocks() + plan.sumBlocks() + plan.logitBlocks() + plan.seedBlocks() + plan.expBlocks());
        // the exp units' tables: block RAM only where the weights are, and whenever their blocks are left
        int expUnits = Plan.expUnits(plan.program());
        if (expUnits == 0 || !plan.romInBlockRam()) assertFalse(plan.expInBlockRam(), text);
        else if (!plan.expInBlockRam()) assertTrue(e.bram() + expUnits * Plan.expUnitBlocks(kind) > device.bram(), "the exp tables would fit\n" + text);
        // the scalar unit's seed table: block RAM only where the weights are, and whenever a block is left for it
        int[] seeds = Plan.seedTable(plan.program());
        if (seeds == null || !plan.romInBlockRam()) assertFalse(plan.seedsInBlockRam(), text);
        else if (!plan.seedsInBlockRam()) assertTrue(e.bram() + kind.blocksFor(seeds[0], seeds[1]) > device.bram(), "the seed table would fit\n" + text);

        // the part's large single-port RAM (the UP5K's SPRAM): the stored sums, then the logit
        // store, go there whenever its units are left; never on a part without one
        dev.bramble.device.LargeRam large = device.largeRam();
        assertTrue(plan.largeRamUnits() <= (large == null ? 0 : large.count()), "no more large RAM than the part has\n" + text);
        int largeLeft = large == null || !large.usable() ? 0 : large.count();
        int[] sumWords = Plan.samplerSums(plan.model());
        int[] logitWords = Plan.logitStore(plan.program());
        for (int[] words : new int[][] {sumWords, logitWords}) {
            Placement placed = words == sumWords ? plan.sums() : plan.logits();
            int units = words == null || largeLeft == 0 ? 0 : large.unitsFor(words[0], words[1]);
            boolean fits = units > 0 && units <= largeLeft;
            assertEquals(fits, placed == Placement.LARGE_RAM, (words == sumWords ? "sums" : "logits") + " in the large RAM\n" + text);
            if (fits) largeLeft -= units;
        }

        if (device.family().distributedRam()) {
            assertEquals(Placement.LUT_RAM, plan.scratch().placement(), text);
            assertEquals(Placement.LUT_RAM, plan.scores(), text);
            assertEquals(Placement.LUT_RAM, plan.sums(), text);
            assertEquals(Plan.logitStore(plan.program()) == null ? Placement.REGISTERS : Placement.LUT_RAM, plan.logits(), text);
            assertEquals(plan.seedBlocks() + plan.expBlocks(), e.smallMemoryBram());
            // a KV cache leaves block RAM only when the blocks are not there
            int before = weights;
            for (KvCache kv : plan.kvCaches()) {
                int blocks = kind.blocksFor(kv.rows(), kv.width());
                if (!kv.block()) assertTrue(before + blocks > device.bram(), "a cache in LUT RAM with blocks left\n" + text);
                else before += blocks;
            }
            return;
        }
        // no LUT RAM: the small memories in block RAM fit in what the weights and caches leave,
        // and none left in flip-flops would still fit beside them (the plan keeps the most bits
        // out of logic, Planner.smallMemories)
        assertTrue(plan.kvCaches().stream().allMatch(KvCache::block), "iCE40 caches are block RAM");
        int left = device.bram() - weights - caches;
        int used = e.smallMemoryBram();
        assertTrue(used <= Math.max(0, left), "small memories take only blocks left over\n" + text);
        int free = left - used;
        if (plan.scratch().placement() == Placement.REGISTERS) {
            assertTrue(plan.scratch().blocksIfPlaced(kind) > free, "the scratch memories would fit\n" + text);
        }
        if (plan.scores() == Placement.REGISTERS && !plan.program().attentionCores().isEmpty()) {
            int scores = AttentionCore.scoreBlocks(plan.program().attentionCores(), kind, plan.schedule().context(), lanes);
            assertTrue(scores > free, "the score memories would fit\n" + text);
        }
        int[] sums = Plan.samplerSums(plan.model());
        if (sums != null && plan.sums() == Placement.REGISTERS) {
            assertTrue(kind.blocksFor(sums[0], sums[1]) > free, "the sums would fit\n" + text);
        }
        int[] logits = Plan.logitStore(plan.program());
        if (logits == null) assertEquals(Placement.REGISTERS, plan.logits(), "no logit store: the logits are registers\n" + text);
        else if (plan.logits() == Placement.REGISTERS) assertTrue(kind.blocksFor(logits[0], logits[1]) > free, "the logit store would fit\n" + text);
        if (e.smallMemoryBram() > 0) assertTrue(e.bram() <= device.bram(), "small memories never take blocks the part has not\n" + text);
    }
}
