package dev.bramble.plan;

import dev.bramble.numerics.FixedMath;
import dev.bramble.lang.model.AttentionLayer;
import dev.bramble.lang.model.Layer;
import dev.bramble.lang.model.Model;
import dev.bramble.lang.model.NormLayer;
import dev.bramble.lang.model.SampleLayer;

import java.util.ArrayList;
import java.util.List;

/**
 * Every multiplier the emitted core instantiates, with the widths the RTL gives it
 * (docs/architecture.md "Multipliers"). The MAC lanes are {@code rtl-lib/mac_lane.v}; every other
 * multiplier is an {@code rtl-lib/fx_mul.v} instance, kept in the hierarchy so that synthesis
 * neither shares nor narrows it. The estimator turns this list into DSP cells (DspRules); the
 * RTL writer takes the widths it chooses from the static methods here, and the rtl-lib modules'
 * fixed widths are mirrored below with the file they come from. {@code MultiplierInventoryTest}
 * counts the instances in emitted designs against this list.
 */
public final class MultiplierInventory {
    private MultiplierInventory() {}

    /** Unit names, as the plan lists them and the estimator charges them to layers. */
    public static final String LANE = "lane";
    public static final String NORM = "norm";
    public static final String RSQRT = "rsqrt";
    public static final String ATTENTION = "attention";
    public static final String SAMPLER = "sampler";

    /** Width of the norm unit's gain G (signed, ≤ 2^16: docs/numerics.md "RMSNorm" step 4) and of the second operand of each lane's norm multiplier (TopWriter's GW). */
    public static int normGainWidth(int maxNormWidth) {
        return 18;
    }

    /** Width of the norm unit's sums of squares and of x (TopWriter's SSW). */
    public static int normSumWidth(int activationBits, int maxNormWidth) {
        return 2 * activationBits + 3 + FixedMath.ceilLog2(maxNormWidth);
    }

    /** Bits of the largest sqrt(n) constant (q.15) among the norms: the gain multiplier's second operand. */
    public static int sqrtConstantBits(Model model) {
        long max = 1;
        for (Layer l : model.flatLayers()) if (l instanceof NormLayer n) max = Math.max(max, FixedMath.sqrtConstant(n.width()));
        return bitsFor(max);
    }

    /**
     * The norm unit's gain multiplier by √n is a shift by this where every norm's √n constant
     * ({@link FixedMath#sqrtConstant}) is the same power of two — every norm's width the same
     * power of four (microGPT: 16, √n = 2^17 in q.15); else -1.
     */
    public static int normSqrtShift(Model model) {
        long c = normSqrtConstant(model);
        return c < 0 ? -1 : powerOfTwo(c);
    }

    /** As {@link #normSqrtShift} for the LayerNorms' mean constant 2^24/n ({@link FixedMath#reciprocalConstant}). */
    public static int normRecipShift(Model model) {
        long c = normRecipConstant(model);
        return c < 0 ? -1 : powerOfTwo(c);
    }

    /**
     * Every norm's √n constant ({@link FixedMath#sqrtConstant}) where they are one (every norm of
     * one width), else -1 (no norm, or widths that differ): the norm unit multiplies by it in
     * shifts and adds (rtl-lib/fx_cmul.v), or shifts where it is a power of two; only norms of
     * different widths leave the gain a multiplier, by the op's constant.
     */
    public static long normSqrtConstant(Model model) {
        long c = -1;
        for (Layer l : model.flatLayers()) {
            if (!(l instanceof NormLayer n)) continue;
            long k = FixedMath.sqrtConstant(n.width());
            if (c >= 0 && k != c) return -1;
            c = k;
        }
        return c;
    }

    /** As {@link #normSqrtConstant} for the LayerNorms' mean constant 2^24/n ({@link FixedMath#reciprocalConstant}). */
    public static long normRecipConstant(Model model) {
        long c = -1;
        for (Layer l : model.flatLayers()) {
            if (!(l instanceof NormLayer n) || n.normKind() != NormLayer.Kind.LAYERNORM) continue;
            long k = FixedMath.reciprocalConstant(n.width());
            if (c >= 0 && k != c) return -1;
            c = k;
        }
        return c;
    }

    /** The sampler's d × 1/T is a shift by this where 1/T's constant is a power of two (T = 2^k), else -1. */
    public static int temperatureShift(double temperature) {
        return powerOfTwo(FixedMath.inverseTemperature(temperature));
    }

    /** log2 of {@code v} when it is a power of two (v ≥ 1), else -1. */
    static int powerOfTwo(long v) {
        return v > 0 && (v & (v - 1)) == 0 ? Long.numberOfTrailingZeros(v) : -1;
    }

    /** Bits of the largest 2^24/n constant among the LayerNorms: the mean multiplier's second operand (less its sign bit). */
    public static int reciprocalConstantBits(Model model) {
        long max = 1;
        for (Layer l : model.flatLayers()) {
            if (l instanceof NormLayer n && n.normKind() == NormLayer.Kind.LAYERNORM) max = Math.max(max, FixedMath.reciprocalConstant(n.width()));
        }
        return bitsFor(max);
    }

    /** Smallest b with 2^b > v (at least 1). */
    public static int bitsFor(long v) {
        int b = 1;
        while ((1L << b) <= v) b++;
        return b;
    }

    /** Attention's first lane operand: q (Na bits), an EXP_HI word, e or π (17 bits signed: q1.15 values up to a little over 2^15). */
    public static int attentionOperandWidth(int activationBits) {
        return Math.max(activationBits, 17);
    }

    /** Bits of a ROM word: the widest weight format of the model's tensors (a layer may have its own, 'weights q1.7'). */
    public static int weightBits(Model model) {
        int widest = model.weightFormat().totalBits();
        for (dev.bramble.lang.model.Tensor t : model.tensors()) widest = Math.max(widest, t.formatOr(model.weightFormat()).totalBits());
        return widest;
    }

    /**
     * A lane multiplier's first operand: the ROM word (Nw bits), x − mean (Na + 1 bits) for a
     * norm, q or e for attention — both borrow the lanes (matvec_engine.v EA).
     */
    public static int laneA(Model model) {
        int nw = weightBits(model);
        int na = model.activationFormat().totalBits();
        int a = nw;
        if (maxNormWidth(model) > 0) a = Math.max(a, na + 1);
        if (hasAttention(model)) a = Math.max(a, attentionOperandWidth(na));
        return a;
    }

    /**
     * A head's raw score q·k before its scale: {@code hd} products of two {@code na}-bit words,
     * 2·na + ⌈log2 hd⌉ bits, at least 14 (rtl-lib/attention_core.v RW).
     */
    public static int attentionScoreWidth(int na, int hd) {
        return Math.max(14, 2 * na + (hd > 1 ? FixedMath.ceilLog2(hd) : 1));
    }

    /**
     * A weighted sum of v over the context: π (17 bits signed) times v ({@code na} bits), summed
     * over up to {@code context} positions — na + 17 + ⌈log2 context⌉ bits (at least one), the
     * lanes' accumulators at least (rtl-lib/attention_core.v AW).
     */
    public static int attentionSumWidth(int na, int context) {
        return na + 17 + (context > 1 ? FixedMath.ceilLog2(context) : 1);
    }

    /** Attention's second lane operand: k or v (Na bits), an EXP_LO word (≤ 2^15) or y (< 2^17): 18 bits signed at least. */
    public static int attentionSecondOperandWidth(int activationBits) {
        return Math.max(activationBits, 18);
    }

    /** A lane multiplier's second operand: the activation (Na bits), a norm's x − mean / gain (max(GW, Na + 1) bits), attention's (above). */
    public static int laneB(Model model) {
        int na = model.activationFormat().totalBits();
        int maxNorm = maxNormWidth(model);
        int b = maxNorm > 0 ? Math.max(na, Math.max(normGainWidth(maxNorm), na + 1)) : na;
        if (hasAttention(model)) b = Math.max(b, attentionSecondOperandWidth(na));
        return b;
    }

    static boolean hasAttention(Model model) {
        for (Layer l : model.flatLayers()) if (l instanceof AttentionLayer) return true;
        return false;
    }

    static int maxNormWidth(Model model) {
        int w = 0;
        for (Layer l : model.flatLayers()) if (l instanceof NormLayer n) w = Math.max(w, n.width());
        return w;
    }

    /** The multipliers of the core for {@code model} on {@code lanes} lanes, lanes first (their whole widths). */
    public static List<Multiplier> of(Model model, int lanes) {
        return of(model, lanes, new LaneWidths(laneA(model), laneB(model), 0));
    }

    /**
     * The multipliers of the core for {@code model} on {@code lanes} lanes of {@code lane}'s
     * widths, lanes first: a lane's DSP part is {@code a × (b − softLowBits)} (its low bits'
     * rows are logic).
     */
    public static List<Multiplier> of(Model model, int lanes, LaneWidths lane) {
        int na = model.activationFormat().totalBits();
        List<Multiplier> out = new ArrayList<>();
        out.add(new Multiplier(LANE, lanes, lane.a(), lane.dspB(), true)); // mac_lane: ROM word x broadcast activation, and the norms' and attention's borrowed products

        int maxNorm = 0;
        boolean layerNorm = false;
        int vocabulary = 0;
        boolean sampler = false;
        for (Layer l : model.flatLayers()) {
            if (l instanceof NormLayer n) {
                maxNorm = Math.max(maxNorm, n.width());
                layerNorm |= n.normKind() == NormLayer.Kind.LAYERNORM;
            } else if (l instanceof SampleLayer s) {
                sampler = true;
                vocabulary = s.width();
            }
        }
        if (maxNorm > 0) {
            // norm_unit.v: the gain y * sqrt(n); LayerNorm's mean (its squares and scaling run on the lanes)
            // (each a shift instead where every norm's constant is one power of two)
            // by the op's constant where the norms' widths differ; one constant is shifts (and adds)
            if (normSqrtConstant(model) < 0) out.add(new Multiplier(NORM, 1, 18, sqrtConstantBits(model), false));
            if (layerNorm && normRecipConstant(model) < 0) out.add(new Multiplier(NORM, 1, normSumWidth(na, maxNorm), reciprocalConstantBits(model) + 1, true));
            // the scalar unit's rsqrt (fx_rsqrt.v, or fx_newton.v shared with attention's reciprocal,
            // whose m * y0 and y0 * h these serve too): y0 * y0, m * s, y0 * h
            out.add(new Multiplier(RSQRT, 1, 16, 16, false));
            out.add(new Multiplier(RSQRT, 1, 16, 17, false));
            out.add(new Multiplier(RSQRT, 1, 17, 20, true));
        }
        List<AttentionCore> cores = AttentionCore.of(model);
        if (!cores.isEmpty() && maxNorm == 0) {
            // the scalar unit's reciprocal alone (fx_recip.v), one for every attention core: m * y0, y0 * h
            out.add(new Multiplier(ATTENTION, 1, 16, 16, false));
            out.add(new Multiplier(ATTENTION, 1, 17, 19, true));
        }
        // attention_core.v: q·k, the exps' table products, e·y and π·v run on the lanes; the score
        // scale raw·(1/sqrt hd), where hd is not a power of four, is shifts and adds (fx_cmul.v)
        // fx_gelu.v interpolates by shifted rows, no multiplier (a DSP cell a lane would break lanes + a constant)
        if (sampler) {
            // sampler.v: one logit per clock through one 1/T multiplier and one exp unit
            int lv = vocabulary > 1 ? FixedMath.ceilLog2(vocabulary) : 1;
            // d * 1/T: shifts and adds (fx_cmul.v), or a shift when 1/T is a power of two — no multiplier
            out.add(new Multiplier(SAMPLER, 1, 16, 16, false));                    // fx_exp_neg
            if (!samplerTargetOnLanes(model, lanes)) {                                // r * C (the target), on its own multiplier:
                int half = samplerTargetHalf(vocabulary);                             // its four partials over four clocks,
                out.add(samplerTargetSerial(vocabulary) ? new Multiplier(SAMPLER, 1, 16, half, false)
                        : new Multiplier(SAMPLER, 1, 32, 17 + lv, false));            // or at once past 2^15 logits
            }
        }
        return merge(out);
    }

    /**
     * Whether the sampler's target {@code r·C} (32 × CW unsigned, CW = 17 + ⌈log2 V⌉) runs on
     * the lanes as four partial products (r's two 16-bit halves times C's two halves of
     * {@link #samplerTargetHalf} bits): the lanes are idle in the SAMPLE op, and the product
     * takes four multiplier cells of its own on iCE40 and ECP5. Four lanes give them in one
     * clock, fewer in ⌈4/L⌉ ({@link Timing#sampleTargetClocks}). Only where the lanes are wide
     * enough already (17 × half + 1 bits signed): a sampler never widens the lanes.
     */
    public static boolean samplerTargetOnLanes(Model model, int lanes) {
        return samplerTargetLanes(model, lanes) > 0;
    }

    /** The lanes the sampler's target runs on: min(4, lanes), or 0 when it has its own multiplier. */
    public static int samplerTargetLanes(Model model, int lanes) {
        int vocabulary = 0;
        for (Layer l : model.flatLayers()) if (l instanceof SampleLayer s) vocabulary = s.width();
        if (vocabulary == 0 || lanes < 1) return 0;
        boolean wide = laneA(model) >= 17 && laneB(model) >= samplerTargetHalf(vocabulary) + 1;
        return wide ? Math.min(4, lanes) : 0;
    }

    /**
     * Whether the sampler's own target multiplier (lanes too narrow to lend, samplerTargetLanes 0)
     * is one 16 × half multiplier that makes r·C's four partial products over four clocks
     * (sampler.v g_horner; Timing.sampleTargetClocks): a 32 × CW product takes four DSP cells on
     * iCE40 and ECP5, this one. A vocabulary past 2^15 (a half past 16 bits) keeps the 32 × CW.
     */
    public static boolean samplerTargetSerial(int vocabulary) {
        return samplerTargetHalf(vocabulary) <= 16;
    }

    /** Clocks of the sampler's target r·C in this design ({@link Timing#sampleTargetClocks}). */
    public static int samplerTargetClocks(Model model, int lanes, int vocabulary) {
        int targetLanes = samplerTargetLanes(model, lanes);
        return Timing.sampleTargetClocks(targetLanes > 0 ? targetLanes : samplerTargetSerial(vocabulary) ? 1 : 4);
    }

    /** C's low half in the sampler's target split: ⌈CW/2⌉ bits (CW = 17 + ⌈log2 V⌉). */
    public static int samplerTargetHalf(int vocabulary) {
        int cw = 17 + (vocabulary > 1 ? FixedMath.ceilLog2(vocabulary) : 1);
        return (cw + 1) / 2;
    }

    /** Adds up entries of the same unit and shape, keeping the first one's place. */
    private static List<Multiplier> merge(List<Multiplier> list) {
        List<Multiplier> out = new ArrayList<>();
        for (Multiplier m : list) {
            int i = indexOf(out, m);
            if (i < 0) out.add(m);
            else out.set(i, new Multiplier(m.unit(), out.get(i).count() + m.count(), m.a(), m.b(), m.signed()));
        }
        return out;
    }

    private static int indexOf(List<Multiplier> list, Multiplier m) {
        for (int i = 0; i < list.size(); i++) {
            Multiplier o = list.get(i);
            if (o.unit().equals(m.unit()) && o.a() == m.a() && o.b() == m.b() && o.signed() == m.signed()) return i;
        }
        return -1;
    }
}
