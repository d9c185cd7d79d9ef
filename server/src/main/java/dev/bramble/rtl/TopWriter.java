package dev.bramble.rtl;

import dev.bramble.plan.CoreOp;
import dev.bramble.plan.CoreProgram;
import dev.bramble.numerics.FixedMath;
import dev.bramble.lang.model.Activation;
import dev.bramble.lang.model.AttentionLayer;
import dev.bramble.lang.model.Model;
import dev.bramble.lang.model.NormLayer;
import dev.bramble.plan.MultiplierInventory;
import dev.bramble.plan.Timing;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the top module of a core: the op table for the sequencer (one case entry per op of
 * the {@link CoreProgram}), the lanes' scratch memories holding the activation rows (word r of
 * lane l is element r·L + l; rtl-lib/lane_scratch.v) with their shared read and write
 * addresses, the weight ROM banks, the broadcast operands, and the rtl-lib units wired to
 * them: the matrix-vector engine, the norm unit, one attention core per shape of attention layer, the
 * argmax or sampler. The units' arithmetic lives in rtl-lib; what is written here is what
 * depends on the model's shape.
 */
final class TopWriter {
    private final CoreProgram program;
    private final Model model;
    private final RomLayout roms;
    private final String name;
    private final int lanes;
    private final int na, fa, nw;
    /** The weight fraction bits of the linears' tensors and of the embeddings (layers may have their own formats). */
    private final java.util.TreeSet<Integer> linFracs = new java.util.TreeSet<>(), embFracs = new java.util.TreeSet<>();
    private final StringBuilder v = new StringBuilder();
    private final List<CoreOp> ops = new ArrayList<>();
    private final java.util.TreeSet<Integer> splits = new java.util.TreeSet<>();
    private int maxSplit = 1;
    /** Column groups that read a broadcast row (a tied head's groups read each lane's own word instead). */
    private int broadcastSplit = 1;
    private boolean anyBias, anyLaneX;
    private boolean anyAffine;
    /** The sampler's target r·C runs on lanes 0..3 (MultiplierInventory.samplerTargetOnLanes), C split at {@code samplerHalf} bits. */
    private boolean samplerLanes;
    private int samplerHalf;
    /** Bits of each lane's product on the mve_p bus. */
    private int laneProductWidth;
    /** The engine's ext_acc and ext_first: the attention units whose weighted sums accumulate in the lanes. */
    private String extAcc = "1'b0", extFirst = "1'b0";
    private int logitRowLanes;
    private boolean geluErf;
    private boolean geluTanh;   // with geluErf: both forms, one ROM of both tables (fx_gelu ERF 1); else the erf table alone (ERF 2)
    private int psw;
    /** The tied head's bias, if the logits are one with a bias (CoreOp.TiedBias): its column's counters and constant. */
    private CoreOp.TiedBias tiedBias;

    /** Where attention unit i keeps its K and V caches: 2 block RAM, 1 distributed RAM, 0 flip-flops (the plan's choice). */
    private final java.util.function.IntUnaryOperator kvStyle;
    /** The lanes' scratch memories: block RAM (2), LUT RAM (1) or flip-flops (0), the plan's choice (Placement). */
    private final int scratchStyle;
    /**
     * The scratch memories are block RAM read on the rising edge a clock ahead (lane_scratch.v
     * STYLE 3, the plan's scratchReadAhead): the op table is decoded a clock ahead into registers, and the read addresses are
     * formed from the next clock's state ({@link NextClock}) — the logic after a read has a whole
     * clock, where a read on the falling edge left it half of one.
     */
    private final boolean lookAhead;
    /** The op table's fields (the decode's registers with lookAhead). */
    private List<String> decodeFields = List.of();
    /** The address logic as written for this clock, gathered to be written again for the next one. */
    private final StringBuilder nextAddresses = new StringBuilder();
    /** The attention cores' score memories: block RAM (2), LUT RAM (1) or flip-flops (0), the plan's choice. */
    private final int scoreStyle;
    /** The sampler's stored sums: block RAM (2), LUT RAM (1) or flip-flops (0). */
    private final int sumStyle;
    /** The logits: a memory the sampler reads (Plan.logitStore) in block RAM or LUT RAM, or flip-flops. */
    private final dev.bramble.plan.Placement logitPlacement;
    /** The scalar unit's seed table in block RAM (1) or logic (0): Plan.seedsInBlockRam. */
    private final boolean seedsInBlockRam;
    /** LUT RAM scratch memories written out one per read port (lane_scratch.v COPIES): the family's LUT RAM cell has one read port. */
    private final boolean scratchCopies;
    /** The exp units' tables in block RAM (1) or logic (0): Plan.expInBlockRam. */
    private final int expBlock;
    /** Low bits of a lane's second operand multiplied in logic beside its DSP cell: the plan's LaneWidths.softLowBits. */
    private final int laneSoftBits;

    TopWriter(CoreProgram program, RomLayout roms, String name, java.util.function.IntUnaryOperator kvStyle,
              dev.bramble.plan.Placement scratch, dev.bramble.plan.Placement scores, dev.bramble.plan.Placement sums,
              dev.bramble.plan.Placement logits, boolean seedsInBlockRam, boolean expInBlockRam, boolean scratchCopies,
              int laneSoftBits, boolean readAhead) {
        this.kvStyle = kvStyle;
        this.laneSoftBits = laneSoftBits;
        this.scratchCopies = scratchCopies;
        this.seedsInBlockRam = seedsInBlockRam;
        this.expBlock = expInBlockRam ? 1 : 0;
        this.logitPlacement = logits;
        // block RAM read a clock ahead is lane_scratch.v's STYLE 3 (on the falling edge, 2)
        this.lookAhead = readAhead && scratch == dev.bramble.plan.Placement.BLOCK_RAM;
        this.scratchStyle = lookAhead ? 3 : scratch.style();
        this.scoreStyle = scores.style();
        this.sumStyle = sums.style();
        this.program = program;
        this.model = program.model();
        this.roms = roms;
        this.name = name;
        this.lanes = program.lanes();
        this.na = model.activationFormat().totalBits();
        this.fa = model.activationFormat().fracBits();
        this.nw = MultiplierInventory.weightBits(model);   // a ROM word holds the widest format; narrower layers' words are sign-extended
        ops.addAll(program.sequencedOps());
        for (CoreOp op : ops) {
            if (op instanceof CoreOp.Linear lin && lin.tiedBias() != null) tiedBias = lin.tiedBias();
            if (op instanceof CoreOp.Embed e) embFracs.add(e.weightFrac());
        }
        linFracs.addAll(program.linearWeightFracs());
        if (embFracs.isEmpty()) embFracs.add(model.weightFormat().fracBits());
    }

    static int bits(long maxValue) {
        int b = 1;
        while ((1L << b) <= maxValue) b++;
        return b;
    }

    private int maxLen() {
        int ctx = program.tokenModel() ? model.context() : 1;
        long m = 1;
        for (CoreOp op : ops) m = Math.max(m, op.cycles(lanes, ctx - 1));
        return Math.toIntExact(m);
    }

    private void l(String s) {
        v.append(s).append('\n');
    }

    /** Where the text written next starts (for {@link #gather}). */
    private int mark() {
        return v.length();
    }

    /** Keeps the text written since {@code from} to be written again on the next clock's state. */
    private void gather(int from) {
        if (lookAhead) nextAddresses.append(v, from, v.length());
    }

    String write() {
        boolean token = program.tokenModel();
        int rows = Math.max(1, program.rows());
        int vcount = program.logitCount();
        int ctx = token ? model.context() : 1;
        int vocab = token ? model.vocabulary() : vcount;
        int tw = bits(Math.max(1, Math.max(vocab, vcount) - 1));
        int pw = bits(Math.max(1, ctx - 1));
        int cyw = bits(maxLen() + 1);
        int opw = bits(Math.max(1, ops.size()));
        int rw = bits(rows + 1);
        int maxNorm = 1;
        for (CoreOp op : ops) if (op instanceof CoreOp.Norm n) maxNorm = Math.max(maxNorm, n.width());
        int accw = program.accumulatorWidth();
        splits.clear();
        for (CoreOp op : ops) if (op instanceof CoreOp.Linear lin) splits.add(lin.split());
        maxSplit = splits.stream().mapToInt(Integer::intValue).max().orElse(1);
        psw = partialSumWidth(accw, maxSplit);
        // the norm unit's widths come from the plan's multiplier inventory, so the multipliers built are the ones it lists
        int ssw = MultiplierInventory.normSumWidth(na, maxNorm);
        int gw = MultiplierInventory.normGainWidth(maxNorm);
        int sqw = MultiplierInventory.sqrtConstantBits(model);
        int rcw = MultiplierInventory.reciprocalConstantBits(model);
        boolean anyAffine = ops.stream().anyMatch(o -> o instanceof CoreOp.Affine);
        this.anyAffine = anyAffine;
        // a tied head: each lane multiplies its own element of x (its src word, chunk lin_j), no broadcast mux
        anyLaneX = ops.stream().anyMatch(o -> o instanceof CoreOp.Linear lin && lin.laneOperands());
        broadcastSplit = ops.stream().filter(o -> o instanceof CoreOp.Linear lin && !lin.laneOperands())
                .mapToInt(o -> ((CoreOp.Linear) o).split()).max().orElse(1);
        logitRowLanes = program.logitRowLanes();
        anyBias = ops.stream().anyMatch(o -> o instanceof CoreOp.Linear lin && lin.bias());
        geluErf = program.hasActivation(Activation.GELU_ERF);
        geluTanh = program.hasActivation(Activation.GELU);
        boolean gelu = geluErf || geluTanh;
        boolean anyNorm = ops.stream().anyMatch(o -> o instanceof CoreOp.Norm);
        boolean anyLn = ops.stream().anyMatch(o -> o instanceof CoreOp.Norm n && n.normKind() == NormLayer.Kind.LAYERNORM);
        CoreOp.Input input = program.ops().get(0) instanceof CoreOp.Input in ? in : null;
        CoreOp out = program.output().orElse(null);

        l("// Generated by Bramble from model '" + model.name() + "' (" + lanes + " lanes). Do not edit: re-run 'bramble emit'.");
        l("// Ports and handshake: see README.md beside this file. Arithmetic: docs/numerics.md.");
        l("module " + name + " (");
        l("    input  wire                clk,");
        l("    input  wire                rst,        // synchronous; also seeds the sampler from `seed`");
        l("    input  wire [31:0]         seed,");
        l("    input  wire                start,      // begin a new sequence: position 0, empty KV cache");
        l("    input  wire                in_valid,");
        l("    output wire                in_ready,");
        if (token) {
            l("    input  wire [" + (tw - 1) + ":0]         in_token,");
            l("    input  wire                in_choose,  // 1: choose a token at this step (draws a random number)");
        } else {
            l("    input  wire [" + (lanes * input.inBits() - 1) + ":0]         in_data,    // " + lanes + " input elements per handshake (element k*" + lanes + "+i at bits i), q" + (input.inBits() - input.inFrac()) + "." + input.inFrac());
        }
        l("    output wire                out_valid,");
        l("    input  wire                out_ready,");
        l("    output wire [" + (tw - 1) + ":0]         out_token,");
        l("    output wire                done,       // out_valid at the last position of the context");
        int zr = program.logitWriteLanes();
        l("    output wire [" + (zr - 1) + ":0]         dbg_z_we,   // the logits as they are written: row lane r writes logit dbg_z_pass*" + zr + " + r this clock ...");
        l("    output wire [15:0]        dbg_z_pass,");
        l("    output wire [" + (zr * 32 - 1) + ":0]        dbg_z       // ... its 32 bits at bits 32r");
        l(");");
        l("    localparam integer NA = " + na + ", FA = " + fa + ", NW = " + nw + ";");
        l("    localparam integer ACCW = " + accw + ";");
        l("    /* verilator lint_off UNUSEDPARAM */ // every step kind is declared; a design uses some of them");
        l("    localparam [3:0] K_INPUT = 4'd0, K_EMBED = 4'd1, K_LINEAR = 4'd2, K_NORM = 4'd3, K_ADD = 4'd4, K_ATTN = 4'd5, K_ARGMAX = 4'd6, K_SAMPLE = 4'd7, K_AFFINE = 4'd8;");
        l("    /* verilator lint_on UNUSEDPARAM */");
        l("");
        l("    // ---- arithmetic helpers (docs/numerics.md section 1) ----");
        l("    // saturate to NA bits: x fits when its bits NA-1 and up are one sign run (a reduction, not two comparators)");
        l("    function automatic signed [NA-1:0] sat_na(input signed [63:0] x);");
        l("        reg [64-NA:0] hi;");
        l("        hi = x[63:NA-1];");
        l("        sat_na = (&hi || ~|hi) ? x[NA-1:0] : x[63] ? {1'b1, {(NA-1){1'b0}}} : {1'b0, {(NA-1){1'b1}}};");
        l("    endfunction");
        l("    // round half up: (x + 2^(s-1)) >> s; a negative s shifts left");
        l("    function automatic signed [63:0] rnd(input signed [63:0] x, input signed [8:0] s);");
        l("        if (s > 0) rnd = (x + (64'sd1 <<< (s - 9'sd1))) >>> s;");
        l("        else rnd = x <<< (-s);");
        l("    endfunction");
        l("");
        l("    // ---- sequencer ----");
        l("    /* verilator lint_off UNUSEDSIGNAL */ // the op table has every field; a model without norms, attention or positions leaves some unread");
        l("    wire [" + (opw - 1) + ":0] op;");
        l("    wire [" + (cyw - 1) + ":0] cyc;");
        l("    wire [" + (pw - 1) + ":0] pos;");
        // the sequencer's next state: the decode a clock ahead and the next clock's read addresses (lookAhead)
        l("    wire [" + (opw - 1) + ":0] op_n;");
        l("    wire [" + (cyw - 1) + ":0] cyc_n;");
        l("    wire [" + (pw - 1) + ":0] pos_n;");
        l("    wire running_n;");
        if (token) {
            l("    reg [" + (tw - 1) + ":0] tok;");
            l("    reg choose;");
        }
        int fieldsFrom = mark();
        l("    reg [3:0] kind;");
        l("    reg [" + (cyw - 1) + ":0] len;");
        l("    reg [" + (rw - 1) + ":0] src_row, dst_row;");
        l("    reg [15:0] lin_in, lin_seg, lin_split, width_n;");
        l("    reg [" + (lanes - 1) + ":0] lin_rowmask;   // the linear's row lanes (the others hold no row of it)");
        l("    reg [7:0] tensor;");
        l("    reg [31:0] rom_base;");
        l("    reg [15:0] emb_chunks, width_chunks;");
        l("    reg emb_pos, lin_acc, lin_logits, lin_sat32, lin_bias, lin_lanex, norm_ln;");
        l("    reg [1:0] act;");
        l("    reg [5:0] lin_fw_a, lin_fw_b, lin_fw_c, emb_fw;   // weight fraction bits: of a linear's tensors (passes from lin_pass_b, lin_pass_c on), of an embedding");
        l("    reg [15:0] lin_pass_b, lin_pass_c;");
        l("    reg aff_gain, aff_bias;     // a norm's learned vectors: which it has (the gain's words first, then the bias's, per chunk)");
        l("    reg [31:0] aff_bias_base;   // with both: the bias's words (rom_base: the gain's)");
        l("    reg [5:0] aff_fg;           // their fraction bits");
        l("    reg [31:0] norm_sqrt_n, norm_recip_n;");
        // n * eps needs up to 2 FA - 16 + log2 n bits (more than 32 for FA > 21), always fewer than the norm unit's SSW
        l("    reg [" + (ssw - 1) + ":0] norm_neps;");
        l("    reg [" + (cyw - 1) + ":0] norm_base;");
        l("    reg [" + (rw - 1) + ":0] att_q_row, att_k_row, att_v_row, att_o_row;");
        l("    reg [7:0] att_blk;          // the attention layer's block of its core's caches");
        for (int g = 1; g < maxSplit; g++) l("    reg [15:0] bgrow" + g + ", bglane" + g + ";   // column group " + g + "'s first column: its row and lane");
        List<String> fields = NextClock.declaredNames(v.substring(fieldsFrom));
        decodeFields = fields;
        if (lookAhead) v.append(NextClock.rename(v.substring(fieldsFrom), fields));
        l("    /* verilator lint_on UNUSEDSIGNAL */");
        int decodeFrom = mark();
        l("    always @* begin");
        l("        kind = K_ADD; len = " + cyw + "'d1; src_row = 0; dst_row = 0; lin_in = 16'd1; width_n = 16'd0;");
        l("        lin_seg = 16'd1; lin_split = 16'd1; lin_rowmask = {" + lanes + "{1'b1}};");
        l("        tensor = 8'd0; rom_base = 32'd0; emb_chunks = 16'd1; width_chunks = 16'd0; emb_pos = 1'b0; lin_acc = 1'b0; lin_logits = 1'b0; lin_sat32 = 1'b0; lin_bias = 1'b0; lin_lanex = 1'b0; act = 2'd0;");
        l("        aff_gain = 1'b0; aff_bias = 1'b0; aff_bias_base = 32'd0; aff_fg = 6'd0;");
        l("        lin_fw_a = 6'd0; lin_fw_b = 6'd0; lin_fw_c = 6'd0; emb_fw = 6'd0; lin_pass_b = 16'hffff; lin_pass_c = 16'hffff;");
        l("        norm_ln = 1'b0; norm_sqrt_n = 32'd0; norm_recip_n = 32'd0; norm_neps = " + ssw + "'d0; norm_base = 0;");
        l("        att_q_row = 0; att_k_row = 0; att_v_row = 0; att_o_row = 0; att_blk = 8'd0;");
        for (int g = 1; g < maxSplit; g++) l("        bgrow" + g + " = 16'd0; bglane" + g + " = 16'd0;");
        l("        case (op)");
        for (int i = 0; i < ops.size(); i++) {
            CoreOp op = ops.get(i);
            // The last op is the case's default: the sequencer reaches no op past it, and an op number
            // it never reaches must not name a kind the model has not (an unused scratch read port
            // would stay, a block RAM each on iCE40).
            boolean last = i == ops.size() - 1;
            StringBuilder c = new StringBuilder("            " + (last ? "default" : opw + "'d" + i) + ": begin // " + op.label() + (last ? " (op " + i + ")" : "") + "\n");
            // The op table holds the plan's numbers as they are: fixed + per-position cycles.
            int perPosition = op.perPositionCycles(lanes);
            String lenExpr = perPosition == 0 ? cyw + "'d" + op.fixedCycles(lanes)
                    : times(cyw + "'(pos)", cyw, perPosition) + " + " + cyw + "'d" + op.fixedCycles(lanes);
            c.append("                len = ").append(lenExpr).append(";\n");
            if (op instanceof CoreOp.Input in) {
                c.append("                kind = K_INPUT; dst_row = ").append(in.dstRow()).append("; width_n = 16'd").append(in.width()).append(";\n");
            } else if (op instanceof CoreOp.Embed e) {
                c.append("                kind = K_EMBED; dst_row = ").append(e.dstRow()).append("; width_n = 16'd").append(e.dim())
                        .append("; rom_base = 32'd").append(e.romBase()).append("; emb_chunks = 16'd").append(CoreOp.chunks(e.dim(), lanes))
                        .append("; emb_pos = 1'b").append(e.position() ? 1 : 0).append("; emb_fw = 6'd").append(e.weightFrac()).append(";\n");
            } else if (op instanceof CoreOp.Linear lin) {
                c.append("                kind = K_LINEAR; src_row = ").append(Math.max(0, lin.srcRow())).append("; dst_row = ").append(Math.max(0, lin.dstRow()))
                        .append("; lin_in = 16'd").append(lin.in()).append("; lin_seg = 16'd").append(lin.segment())
                        .append("; lin_split = 16'd").append(lin.split()).append("; lin_rowmask = ").append(firstLanes(lin.rowLanes()))
                        .append("; width_n = 16'd").append(lin.writeWidth()).append("; rom_base = 32'd").append(lin.romBase()).append(";\n")
                        .append("                lin_acc = 1'b").append(lin.accumulate() ? 1 : 0).append("; lin_logits = 1'b").append(lin.logits() ? 1 : 0)
                        .append("; lin_sat32 = 1'b").append(lin.sat32() ? 1 : 0).append("; lin_bias = 1'b").append(lin.bias() ? 1 : 0).append("; lin_lanex = 1'b").append(lin.laneOperands() ? 1 : 0).append("; act = 2'd")
                        .append(switch (lin.activation()) { case RELU -> 1; case GELU -> 2; case GELU_ERF -> 3; default -> 0; }).append(";\n");
                c.append("                ").append(fracFields(lin)).append("\n");
                for (int g = 1; g < lin.split() && !lin.laneOperands(); g++) {
                    // group g reads columns from g * seg on: its first column's row and lane, constants of the op
                    long first = (long) g * lin.segment();
                    c.append("                bgrow").append(g).append(" = 16'd").append(first / lanes).append("; bglane").append(g).append(" = 16'd").append(first % lanes).append(";\n");
                }
            } else if (op instanceof CoreOp.Norm n) {
                int chunks = CoreOp.chunks(n.width(), lanes);
                boolean ln = n.normKind() == NormLayer.Kind.LAYERNORM;
                c.append("                kind = K_NORM; src_row = ").append(n.srcRow()).append("; dst_row = ").append(n.dstRow())
                        .append("; width_n = 16'd").append(n.width()).append("; width_chunks = 16'd").append(chunks).append("; norm_ln = 1'b").append(ln ? 1 : 0)
                        .append("; norm_base = ").append(ln ? chunks + 1 : 0).append(";\n")
                        .append("                norm_sqrt_n = 32'd").append(FixedMath.sqrtConstant(n.width()))
                        .append("; norm_recip_n = 32'd").append(FixedMath.reciprocalConstant(n.width()))
                        .append("; norm_neps = ").append(ssw).append("'d").append(n.width() * FixedMath.normEpsilon(fa)).append(";\n");
            } else if (op instanceof CoreOp.Affine a) {
                int base = program.layout(a.tensors().get(0)).orElseThrow().base();
                int biasBase = program.layout(a.tensors().get(a.tensors().size() - 1)).orElseThrow().base();
                c.append("                kind = K_AFFINE; src_row = ").append(a.dstRow()).append("; dst_row = ").append(a.dstRow())
                        .append("; width_n = 16'd").append(a.width()).append("; rom_base = 32'd").append(base)
                        .append("; aff_bias_base = 32'd").append(biasBase).append(";\n")
                        .append("                aff_gain = 1'b").append(a.gain() ? 1 : 0).append("; aff_bias = 1'b").append(a.bias() ? 1 : 0)
                        .append("; aff_fg = 6'd").append(a.weightFrac()).append("; width_chunks = 16'd").append(CoreOp.chunks(a.width(), lanes)).append(";\n");
            } else if (op instanceof CoreOp.Add a) {
                c.append("                kind = K_ADD; src_row = ").append(a.srcRow()).append("; dst_row = ").append(a.dstRow())
                        .append("; width_n = 16'd").append(a.width()).append(";\n");
            } else if (op instanceof CoreOp.Attention a) {
                c.append("                kind = K_ATTN; tensor = 8'd").append(a.unit()).append("; att_blk = 8'd").append(a.block()).append("; att_q_row = ").append(a.qRow()).append("; att_k_row = ").append(a.kRow())
                        .append("; att_v_row = ").append(a.vRow()).append("; att_o_row = ").append(a.outRow()).append(";\n");
            } else if (op instanceof CoreOp.Argmax) {
                c.append("                kind = K_ARGMAX;\n");
            } else if (op instanceof CoreOp.Sample) {
                c.append("                kind = K_SAMPLE;\n");
            }
            c.append("            end");
            l(c.toString());
        }
        l("        endcase");
        l("    end");
        if (lookAhead) {
            // the op table decoded a clock ahead: the fields are registers of the next op's (its
            // length from the next position), so this clock's fields cost no decode after the edge
            List<String> ahead = new ArrayList<>(fields);
            ahead.addAll(List.of("op", "pos"));
            String decode = NextClock.rename(v.substring(decodeFrom), ahead);
            v.setLength(decodeFrom);
            v.append(decode);
            StringBuilder regs = new StringBuilder("    always @(posedge clk) begin\n");
            for (String f : fields) regs.append("        ").append(f).append(" <= ").append(f).append(NextClock.SUFFIX).append(";\n");
            l(regs + "    end");
        }
        l("");
        l("    wire seq_idle, running, seq_accept, seq_advance;");
        l("    wire stall = running && kind == K_INPUT && !in_valid;");
        l("    sequencer #(.OPW(" + opw + "), .CYW(" + cyw + "), .PW(" + pw + "), .LAST_OP(" + (ops.size() - 1) + "), .TOKEN(" + (token ? 1 : 0) + ")) u_seq (");
        l("        .clk(clk), .rst(rst), .start(start), .in_valid(in_valid), .stall(stall), .len(len), .out_ready(out_ready),");
        l("        .op(op), .cyc(cyc), .pos(pos), .idle(seq_idle), .running(running), .out_valid(out_valid),");
        l("        .accept(seq_accept), .advance(seq_advance), .op_n(op_n), .cyc_n(cyc_n), .pos_n(pos_n), .running_n(running_n));");
        l("    assign in_ready = (seq_idle && !start) || (running && kind == K_INPUT);");
        if (input != null) l("    wire in_fire = in_valid && in_ready;");
        if (token) l("    always @(posedge clk) if (seq_accept) begin tok <= in_token; choose <= in_choose; end");
        l("    // the linear's issue clocks (the ROM address is cyc) and what the matrix-vector engine gives back");
        l("    wire lin_issue = running && kind == K_LINEAR && cyc < len - " + cyw + "'d2;");
        l("    wire [15:0] lin_j;         // column of the broadcast operands in this issue");
        l("    wire s2_wb;                // a pass's rows are final");
        l("    wire [15:0] s2_g;          // ... of this pass");
        l("    /* verilator lint_off UNUSEDSIGNAL */ // read by the next clock's addresses (lookAhead)");
        l("    wire [15:0] lin_j_n, s2_g_n;   // lin_j and s2_g after this edge");
        l("    wire s2_wb_n;");
        l("    /* verilator lint_on UNUSEDSIGNAL */");
        l("    wire [" + (lanes * na - 1) + ":0] mve_y;");
        l("    wire [" + (lanes * 32 - 1) + ":0] mve_z;");
        l("    assign done = out_valid" + (token ? " && pos == " + pw + "'d" + (ctx - 1) : "") + ";");
        l("");
        // ---- ROM address ----
        int romDepth = Math.max(1, program.romDepth());
        int romAw = bits(Math.max(1, romDepth - 1));
        l("    // weight ROM address (the same in every lane's bank): the tensor's base plus the linear's cycle, or the embedding row's chunk");
        int maxEmbChunks = 1;
        for (CoreOp op : ops) if (op instanceof CoreOp.Embed e) maxEmbChunks = Math.max(maxEmbChunks, CoreOp.chunks(e.dim(), lanes));
        for (CoreOp op : ops) {
            if (op instanceof CoreOp.Embed e && CoreOp.chunks(e.dim(), lanes) != maxEmbChunks) {
                throw new IllegalStateException("embeddings of one model must have the same width (" + e.label() + ")");
            }
        }
        int erw = Math.max(tw, pw);
        int ecw = bits(maxEmbChunks);
        // row × chunks with the narrowest operands (an embedding has few chunks per row)
        l("    wire [" + (erw - 1) + ":0] emb_row = " + (token ? "emb_pos ? " + erw + "'(pos) : " + erw + "'(tok)" : erw + "'d0") + ";");
        // every embedding of a token model has the model's dim, so the chunks per row are one constant
        l("    wire [" + (erw + ecw - 1) + ":0] emb_off = " + times((erw + ecw) + "'(emb_row)", erw + ecw, maxEmbChunks) + ";");
        l("    /* verilator lint_off UNUSEDSIGNAL */ // addresses stay below the bank depth: the upper bits are zero");
        if (anyAffine) {
            // a norm with gain and bias reads its chunk's gain word, then its bias word: the two vectors in turn
            int affFrom = mark();
            l("    wire aff_two = aff_gain && aff_bias;");
            gather(affFrom);
            l("    wire [47:0] rom_addr_wide = (kind == K_AFFINE && aff_two) ? {16'd0, cyc[0] ? aff_bias_base : rom_base} + {{" + (49 - cyw) + "{1'b0}}, cyc[" + (cyw - 1) + ":1]}");
            l("        : {16'd0, rom_base} + ((kind == K_EMBED) ? 48'(emb_off) : 48'd0) + {{" + (48 - cyw) + "{1'b0}}, cyc};");
        } else {
            l("    wire [47:0] rom_addr_wide = {16'd0, rom_base} + ((kind == K_EMBED) ? 48'(emb_off) : 48'd0) + {{" + (48 - cyw) + "{1'b0}}, cyc};");
        }
        l("    /* verilator lint_on UNUSEDSIGNAL */");
        if (tiedBias != null) writeTiedBias(romAw);
        l("    wire [" + (romAw - 1) + ":0] rom_addr = " + (tiedBias != null ? "tb_addr" : "rom_addr_wide[" + (romAw - 1) + ":0]") + ";");
        if (anyAffine) writeAffineControl(cyw);
        for (RomLayout.Bank b : roms.banks()) {
            l("    wire signed [NW-1:0] " + b.signal() + ";");
            l("    weight_rom #(.DEPTH(" + b.depth() + "), .WIDTH(NW), .INIT_FILE(\"" + b.file() + "\"), .BLOCK(" + (roms.block() ? 1 : 0) + ")) u_" + b.signal()
                    + " (.clk(clk), .addr(rom_addr), .data(" + b.signal() + "));");
        }
        l("");
        l("    // ---- lane-level row addressing ----");
        if (lookAhead) l("    /* verilator lint_off UNUSEDSIGNAL */ // with lookAhead this clock's chunks are registers of the next clock's (below): some are not read");
        int rowsFrom = mark();
        l("    wire [" + (cyw - 1) + ":0] norm_c = " + cyw + "'(width_chunks);");
        // a norm's first apply clock: after its squares pass, the lane-sum tree, the rsqrt's table
        // read and its Newton step (rtl-lib/norm_unit.v; an RMSNorm's whole latency)
        l("    wire [" + (cyw - 1) + ":0] norm_apply0 = norm_base + norm_c + " + cyw + "'d" + Timing.LAT_RMSNORM + ";");
        int chunksFrom = mark();
        l("    reg [15:0] rd_chunk, wr_chunk;");
        l("    reg wr_en;");
        l("    always @* begin");
        l("        rd_chunk = 16'd0; wr_chunk = 16'd0; wr_en = 1'b0;");
        l("        if (running) case (kind)");
        l("            K_EMBED: begin wr_chunk = 16'(cyc) - 16'd1; wr_en = cyc != 0; end");
        l("            K_LINEAR: begin wr_chunk = s2_g; wr_en = s2_wb && !lin_logits;" + (anyLaneX ? " if (lin_lanex) rd_chunk = lin_j;" : "") + " end");
        l("            K_NORM: begin");
        l("                if (norm_ln && cyc < norm_c) rd_chunk = 16'(cyc);");
        l("                else if (cyc >= norm_base && cyc < norm_base + norm_c) rd_chunk = 16'(cyc) - 16'(norm_base);");
        l("                else if (cyc >= norm_apply0) begin rd_chunk = (16'(cyc) - 16'(norm_apply0)) >> " + FixedMath.ceilLog2(Timing.normShare(lanes)) + "; wr_chunk = rd_chunk; wr_en = 1'b1; end");
        l("            end");
        l("            K_ADD: begin rd_chunk = 16'(cyc); wr_chunk = 16'(cyc); wr_en = 1'b1; end");
        if (anyAffine) {
            // the word of read r = cyc - 1 is out (the gain's, or with both the gain's on even r and the bias's on odd r);
            // a chunk is written the clock after its last word's register
            l("            K_AFFINE: begin");
            l("                if (aff_word && aff_y_now) rd_chunk = aff_chunk;");
            l("                if (aff_write) begin wr_chunk = aff_wchunk; wr_en = 1'b1; end");
            l("            end");
        }
        l("            default: ;");
        l("        endcase");
        l("    end");
        l("    wire [" + (rw - 1) + ":0] rd_row = src_row + " + rw + "'(rd_chunk);");
        gather(rowsFrom);
        if (lookAhead) {
            // this clock's chunks and rows are registers of the next clock's, formed anyway for the
            // reads (writeNextAddresses): the logic is built once
            v.setLength(chunksFrom);
            l("    reg [15:0] rd_chunk, wr_chunk;   // registers of rd_chunk_n ... (writeNextAddresses)");
            l("    reg wr_en;");
            l("    reg [" + (rw - 1) + ":0] rd_row;");
            l("    /* verilator lint_on UNUSEDSIGNAL */");
        }
        // elements left from this chunk on, computed once and compared with each lane's constant index
        // products with the lane counts are shift-adds of constants: a multiplier here would be one the plan does not list
        if (anyNorm) {
            l("    wire signed [16:0] rd_left = $signed({1'b0, width_n}) - $signed(" + times("17'(rd_chunk)", 17, lanes) + ");");
            laneMask("rd_mask", "rd_left");
        }
        l("    reg [16:0] wr_done;");
        l("    always @* begin");
        l("        case (lin_split)");
        for (int sp : splits) l("            16'd" + sp + ": wr_done = " + times("17'(wr_chunk)", 17, lanes / sp) + ";");
        l("            default: wr_done = " + times("17'(wr_chunk)", 17, lanes) + ";");
        l("        endcase");
        l("    end");
        l("    wire signed [16:0] wr_left = $signed({1'b0, width_n}) - $signed(wr_done);");
        laneMask("wr_mask", "wr_left");
        l("    wire signed [16:0] z_left = 17'sd" + vcount + " - $signed(" + times("17'(s2_g)", 17, logitRowLanes) + ");");
        laneMask("z_mask", "z_left");
        int wrFrom = mark();
        l("    wire [" + (rw - 1) + ":0] wr_row = dst_row + " + rw + "'(wr_chunk);");
        gather(wrFrom);
        if (lookAhead) {
            v.setLength(wrFrom);
            l("    reg [" + (rw - 1) + ":0] wr_row;   // a register of wr_row_n (writeNextAddresses)");
        }
        l("");
        // one entry per attention core (the first op that runs on it): layers of one shape share a core
        List<CoreOp.Attention> attentions = new ArrayList<>();
        for (CoreOp op : ops) {
            if (op instanceof CoreOp.Attention a && attentions.stream().noneMatch(b -> b.unit() == a.unit())) attentions.add(a);
        }
        writeScratchReads(rw, attentions);
        writeBroadcast(rw);
        l("");
        // ---- lanes ----
        for (int ln = 0; ln < lanes; ln++) writeLane(ln, rows, vcount, anyNorm);
        // The norms and the attention units borrow the lanes' multipliers (matvec_engine.v ext_*):
        // a norm (NA+1) x MBW operands per lane, MBW = max(GW, NA+1); attention OPW x NA, OPW = max(NA, 17).
        int mbw = Math.max(gw, na + 1);
        int normProduct = mbw + na + 1;
        int attOpw = MultiplierInventory.attentionOperandWidth(na);
        int attMbw = MultiplierInventory.attentionSecondOperandWidth(na);
        // a norm's gain: the ROM word times y, NW x NA (within the lanes' widths: no wider multiplier)
        int lentA = Math.max(Math.max(anyNorm ? na + 1 : 0, attentions.isEmpty() ? 0 : attOpw), anyAffine ? nw : 0);
        int lentB = Math.max(Math.max(anyNorm ? mbw : 0, attentions.isEmpty() ? 0 : attMbw), anyAffine ? na : 0);
        // the sampler's target on lanes 0..3: 17 x (half + 1) bits (within the lanes' widths: MultiplierInventory)
        samplerLanes = program.output().orElse(null) instanceof CoreOp.Sample && MultiplierInventory.samplerTargetOnLanes(model, lanes);
        samplerHalf = samplerLanes ? MultiplierInventory.samplerTargetHalf(program.logitCount()) : 0;
        if (samplerLanes) {
            lentA = Math.max(lentA, 17);
            lentB = Math.max(lentB, samplerHalf + 1);
        }
        int laneProduct = Math.max(nw, lentA) + Math.max(na, lentB);
        laneProductWidth = laneProduct;
        if (anyNorm || !attentions.isEmpty()) {
            l("    wire [17:0] sc_y;   // the scalar unit's result: rsqrt (norms) or recip (attention), writeScalarUnit");
            l("    wire [6:0] sc_e;");
        }
        if (anyNorm) {
            l("    wire [" + (lanes * (na + 1) - 1) + ":0] norm_ma;");
            l("    wire [" + (lanes * mbw - 1) + ":0] norm_mb;");
        }
        for (CoreOp.Attention a : attentions) {
            l("    wire [" + (lanes * attOpw - 1) + ":0] att" + a.unit() + "_ma;");
            l("    wire [" + (lanes * attMbw - 1) + ":0] att" + a.unit() + "_mb;");
            l("    wire att" + a.unit() + "_vacc, att" + a.unit() + "_vfirst;   // its weighted sums accumulate in the lanes (one chunk)");
            l("    wire [" + (reciprocalWidth() - 1) + ":0] att" + a.unit() + "_rin;   // its reciprocal's argument (the scalar unit)");
        }
        StringBuilder vacc = new StringBuilder(), vfirst = new StringBuilder();
        for (CoreOp.Attention a : attentions) {
            String u = "att" + a.unit();
            vacc.append(vacc.length() == 0 ? "" : " || ").append(u).append("_vacc");
            vfirst.append(vfirst.length() == 0 ? "" : " || ").append("(").append(u).append("_vacc && ").append(u).append("_vfirst)");
        }
        extAcc = vacc.length() == 0 ? "1'b0" : vacc.toString();
        extFirst = vfirst.length() == 0 ? "1'b0" : vfirst.toString();
        if (samplerLanes) {
            if (lanes < 4) l("    /* verilator lint_off UNUSEDSIGNAL */ // the sampler gives operands for four lanes; the core has " + lanes);
            l("    wire [" + (4 * 17 - 1) + ":0] smp_ma;   // the sampler's target operands for lanes 0..3");
            l("    wire [" + (4 * (samplerHalf + 1) - 1) + ":0] smp_mb;");
            if (lanes < 4) l("    /* verilator lint_on UNUSEDSIGNAL */");
        }
        if (lentA > 0) writeLentOperands(attentions, anyNorm, lentA, lentB, attOpw, attMbw, mbw);
        writeEngine(gelu, lentA, lentB, anyNorm || !attentions.isEmpty() || samplerLanes);
        if (anyAffine) {
            java.util.SortedSet<Integer> fgs = program.affineWeightFracs();
            int afw = CoreOp.Affine.sumWidth(nw, na, fa, fgs.first());
            l("    localparam integer AFW = " + afw + ";   // a norm's learned vectors: the width of y·g + b before saturation");
            for (int ln = 0; ln < lanes; ln++) writeAffineLane(ln, laneProduct, fgs);
        }
        if (anyNorm) {
            l("    // ---- norm unit (rtl-lib/norm_unit.v): reads the lanes' src words, gives each lane its normalized word ----");
            StringBuilder xs = new StringBuilder();
            StringBuilder valid = new StringBuilder();
            for (int ln = lanes - 1; ln >= 0; ln--) {
                xs.append("src").append(ln).append(ln == 0 ? "" : ", ");
                valid.append("rd_mask").append(ln).append(ln == 0 ? "" : ", ");
            }
            // named buses, not concatenations in the port list: Yosys 0.23 trips an assertion on a one-lane signed {src0} there
            l("    wire [" + (lanes * na - 1) + ":0] norm_x = {" + xs + "};");
            l("    wire [" + (lanes - 1) + ":0] norm_valid = {" + valid + "};");
            l("    wire [" + (lanes * na - 1) + ":0] norm_y;");
            l("    /* verilator lint_off UNUSEDSIGNAL */ // with a shifter per lane every lane writes in every apply clock");
            l("    wire [" + (lanes - 1) + ":0] norm_we;   // the lanes whose normalized word is this clock's (Timing.normShare lanes per shifter)");
            l("    /* verilator lint_on UNUSEDSIGNAL */");
            l("    wire [" + (lanes * normProduct - 1) + ":0] norm_mp = " + productSlices(laneProduct, normProduct) + ";");
            l("    wire [" + ssw + ":0] rs_v;   // the norm's rsqrt argument (the scalar unit below)");
            l("    norm_unit #(.LANES(" + lanes + "), .NA(NA), .FA(FA), .SSW(" + ssw + "), .GW(" + gw + "), .SQW(" + sqw + "), .SQRT_SHIFT(" + MultiplierInventory.normSqrtShift(model) + "), .RECIP_SHIFT(" + MultiplierInventory.normRecipShift(model) + "), .RCW(" + rcw
                    + "), .SQRT_K(" + MultiplierInventory.normSqrtConstant(model) + "), .RECIP_K(" + MultiplierInventory.normRecipConstant(model) + "), .CYW(" + cyw
                    + "), .LAYERNORM(" + (anyLn ? 1 : 0) + "), .SHARE(" + Timing.normShare(lanes) + "), .RS_STAGES(" + program.scalarStages() + "))");
            l("        u_norm (.clk(clk), .active(running && kind == K_NORM), .cyc(cyc), .ln(norm_ln), .chunks(norm_c), .base(norm_base),");
            l("        .sqrt_n(norm_sqrt_n[" + (sqw - 1) + ":0]), .recip_n(norm_recip_n[" + (rcw - 1) + ":0]), .neps(norm_neps),");
            l("        .x_valid(norm_valid), .x(norm_x), .y(norm_y), .y_we(norm_we), .m_a(norm_ma), .m_b(norm_mb), .m_p(norm_mp),");
            l("        .rs_v(rs_v), .rs_y(sc_y), .rs_e(sc_e));");
        }
        if (!attentions.isEmpty()) l("    wire [" + (lanes * (attOpw + attMbw) - 1) + ":0] att_mp = " + productSlices(laneProduct, attOpw + attMbw) + ";");
        l("");
        if (input != null) {
            for (int ln = 0; ln < lanes; ln++) {
                l("    wire signed [NA-1:0] in_value" + ln + " = sat_na(rnd(64'($signed(in_data[" + (ln * input.inBits()) + " +: " + input.inBits() + "])), "
                        + s9(input.inFrac() - fa) + "));");
            }
        }
        l("");
        // ---- logits ----
        writeLogits(vcount, tw, out instanceof CoreOp.Sample);
        l("");
        // ---- attention units ----
        List<dev.bramble.plan.AttentionCore> cores = program.attentionCores();
        boolean sharedExp = program.sharesExpTables();
        if (sharedExp) {
            l("    // ---- the exp tables attention 0's head lane 0 and the sampler share (they never run in one op) ----");
            l("    wire signed [32:0] att0_xd, smp_xd;");
            l("    wire [15:0] exp_hi, exp_lo;");
            l("    wire exp_zero;");
            l("    fx_exp_tables #(.DW(33), .FA(FA), .HI_TABLE(\"" + NumericTables.EXP_HI + "\"), .LO_TABLE(\"" + NumericTables.EXP_LO + "\"), .BLOCK(" + expBlock + "))");
            l("        u_exp_shared (.clk(clk), .d(kind == K_SAMPLE ? smp_xd : att0_xd), .hi_word(exp_hi), .lo_word(exp_lo), .zero(exp_zero));");
        }
        for (CoreOp.Attention a : attentions) {
            AttentionLayer layer = a.attention();
            int blocks = cores.get(a.unit()).layers().size();
            int width = layer.attentionWidth();
            int hd = layer.headDim();
            int k = FixedMath.powerOfFour(hd);
            String u = "att" + a.unit();
            if (!(sharedExp && a.unit() == 0)) {
                l("    /* verilator lint_off UNUSEDSIGNAL */ // its exp tables are its own");
                l("    wire signed [32:0] " + u + "_xd;");
                l("    /* verilator lint_on UNUSEDSIGNAL */");
            }
            l("    // attention " + String.join(", ", cores.get(a.unit()).layers()) + ": " + layer.heads() + " heads of " + hd);
            l("    attention_core #(.W(" + width + "), .H(" + layer.heads() + "), .LANES(" + lanes + "), .CTX(" + ctx + "), .NL(" + blocks + "), .NA(NA), .FA(FA), .PW(" + pw + "), .CYW(" + cyw
                    + "), .SK(" + k + "), .INV_SQRT_HD(" + (k >= 0 ? 0 : FixedMath.invSqrtConstant(hd)) + "), .KV_STYLE(" + kvStyle.applyAsInt(a.unit()) + "), .SC_STYLE(" + scoreStyle + "), .ACCW(ACCW), .EXT_EXP(" + (sharedExp && a.unit() == 0 ? 1 : 0) + "), .EXP_BLOCK(" + expBlock + "), .RS(" + program.scalarStages() + "),");
            l("        .HI_TABLE(\"" + NumericTables.EXP_HI + "\"), .LO_TABLE(\"" + NumericTables.EXP_LO + "\"))");
            l("        u_" + u + " (.clk(clk), .active(running && kind == K_ATTN && tensor == 8'd" + a.unit() + "), .cyc(cyc), .pos(pos), .blk(att_blk[" + (blocks > 1 ? FixedMath.ceilLog2(blocks) - 1 : 0) + ":0]),");
            l("        .q_chunk(" + u + "_qc), .q_chunk_n(" + u + "_qc_n), .q(scr_src), .ld_chunk(" + u + "_lc), .k_new(scr_old), .v_new(scr_b0),");
            l("        .o_chunk(" + u + "_oc), .o(" + u + "_o), .o_we(" + u + "_we),");
            l("        .m_a(" + u + "_ma), .m_b(" + u + "_mb), .m_p(att_mp), .v_acc(" + u + "_vacc), .v_first(" + u + "_vfirst), .lane_acc(mve_acc),");
            boolean lent = sharedExp && a.unit() == 0;
            l("        .r_in(" + u + "_rin), .rcy(sc_y), .rcp(sc_e), .x_d(" + u + "_xd), "
                    + (lent ? ".x_hi(exp_hi), .x_lo(exp_lo), .x_zero(exp_zero));" : ".x_hi(16'd0), .x_lo(16'd0), .x_zero(1'b0));"));
        }
        writeScalarUnit(anyNorm, attentions, ctx);
        if (lookAhead) writeNextAddresses(rw, cyw, attentions);
        writeScratchMemories(rows, rw, attentions, input);
        // ---- output unit ----
        if (out instanceof CoreOp.Sample s) {
            if (!program.sharesExpTables()) {
                l("    /* verilator lint_off UNUSEDSIGNAL */ // its exp tables are its own");
                l("    wire signed [32:0] smp_xd;");
                l("    /* verilator lint_on UNUSEDSIGNAL */");
            }
            String lanePorts;
            if (samplerLanes) {
                StringBuilder mp = new StringBuilder();
                // lanes 0..TL-1 (TL = min(4, lanes)); the sampler reads no product past them
                for (int ln = 3; ln >= 0; ln--) {
                    mp.append(ln < lanes ? "mve_p[" + (ln * laneProductWidth + samplerHalf + 17) + ":" + (ln * laneProductWidth) + "]"
                            : (samplerHalf + 18) + "'d0").append(ln == 0 ? "" : ", ");
                }
                l("    wire [" + (4 * (samplerHalf + 18) - 1) + ":0] smp_mp = {" + mp + "};   // the target lanes' products in the target clocks");
                lanePorts = ".m_a(smp_ma), .m_b(smp_mb), .m_p(smp_mp)";
            } else {
                int h = MultiplierInventory.samplerTargetHalf(vcount);
                l("    /* verilator lint_off UNUSEDSIGNAL */ // the sampler multiplies its target itself: no lane is lent");
                l("    wire [" + (4 * 17 - 1) + ":0] smp_ma;");
                l("    wire [" + (4 * (h + 1) - 1) + ":0] smp_mb;");
                l("    /* verilator lint_on UNUSEDSIGNAL */");
                lanePorts = ".m_a(smp_ma), .m_b(smp_mb), .m_p(" + (4 * (h + 18)) + "'d0)";
            }
            int half = MultiplierInventory.samplerTargetHalf(vcount);
            l("    sampler #(.V(" + vcount + "), .IW(" + tw + "), .CYW(" + cyw + "), .FA(FA), .INV_T(" + FixedMath.inverseTemperature(s.temperature())
                    + "), .LANES_TARGET(" + (samplerLanes ? 1 : 0) + "), .TL(" + Math.max(1, MultiplierInventory.samplerTargetLanes(model, lanes)) + "), .CH(" + half + "), .SUM_STYLE(" + sumStyle + "), .EXT_EXP(" + (program.sharesExpTables() ? 1 : 0) + "), .EXP_BLOCK(" + expBlock + "), .HI_TABLE(\"" + NumericTables.EXP_HI + "\"), .LO_TABLE(\"" + NumericTables.EXP_LO + "\"))");
            l("        u_sampler (.clk(clk), .load(rst), .seed(seed), .active(running && kind == K_SAMPLE), .choose(" + (token ? "choose" : "1'b1")
                    + "), .cyc(cyc), .z_ra(smp_za), .z_rd(smp_zd), .zmax(zmax), .token(out_token), " + lanePorts + ",");
            l("        " + (program.sharesExpTables() ? ".x_d(smp_xd), .x_hi(exp_hi), .x_lo(exp_lo), .x_zero(exp_zero));" : ".x_d(smp_xd), .x_hi(16'd0), .x_lo(16'd0), .x_zero(1'b0));"));
        } else {
            l("    argmax_scan #(.V(" + vcount + "), .IW(" + tw + "), .CYW(" + cyw + ")) u_argmax (.clk(clk), .active(running && kind == K_ARGMAX), .cyc(cyc), .z(zbus), .token(out_token));");
            l("    wire unused_seed = &{1'b0, seed};  // argmax draws no random numbers");
        }
        if (token && !(out instanceof CoreOp.Sample)) l("    wire unused_choose = &{1'b0, choose};");
        l("endmodule");
        return v.toString();
    }

    /** The op table's weight-format fields of a linear: each tensor's fraction bits and the pass where it starts. */
    private String fracFields(CoreOp.Linear lin) {
        List<Integer> f = lin.weightFracs();
        StringBuilder sb = new StringBuilder();
        String[] names = {"a", "b", "c"};
        if (f.size() > names.length) throw new IllegalStateException("a merged linear of more than three tensors: " + lin.label());
        int pass = 0;
        for (int i = 0; i < f.size(); i++) {
            if (i > 0) sb.append(" lin_pass_").append(names[i]).append(" = 16'd").append(pass).append(";");
            sb.append(" lin_fw_").append(names[i]).append(" = 6'd").append(f.get(i)).append(";");
            pass += program.layout(lin.tensors().get(i)).orElseThrow().passes();
        }
        return sb.toString().trim();
    }

    /**
     * A norm's learned vectors (CoreOp.Affine): read r (at clock r) gives its word at clock r + 1,
     * where the lanes register it (a bias) or their product with the chunk's y (a gain); the
     * chunk is written the clock after its last word.
     */
    private void writeAffineControl(int cyw) {
        l("    // ---- a norm's learned gain and bias (CoreOp.Affine) ----");
        int from = mark();
        l("    wire [" + (cyw - 1) + ":0] aff_r = cyc - " + cyw + "'d1;   // the read whose word is out");
        l("    wire [" + (cyw - 1) + ":0] aff_s = cyc - " + cyw + "'d2;   // the read whose register the write-back takes");
        l("    wire [" + (cyw - 1) + ":0] aff_reads = aff_two ? " + cyw + "'(width_chunks) << 1 : " + cyw + "'(width_chunks);");
        l("    wire aff_word = running && kind == K_AFFINE && cyc != " + cyw + "'d0 && aff_r < aff_reads;");
        l("    wire aff_is_gain = aff_two ? !aff_r[0] : aff_gain;");
        l("    wire aff_is_bias = aff_two ? aff_r[0] : aff_bias;");
        l("    wire aff_y_now = aff_two ? !aff_r[0] : 1'b1;   // the chunk's y is read with its first word");
        l("    wire [15:0] aff_chunk = aff_two ? 16'(aff_r[" + (cyw - 1) + ":1]) : 16'(aff_r);");
        l("    wire aff_write = running && kind == K_AFFINE && cyc >= " + cyw + "'d2 && aff_s < aff_reads && (aff_two ? aff_s[0] : 1'b1);");
        l("    wire [15:0] aff_wchunk = aff_two ? 16'(aff_s[" + (cyw - 1) + ":1]) : 16'(aff_s);");
        gather(from);
    }

    /**
     * {@code name0 .. name(L-1)}: lane l holds one of the {@code left} (a signed 17-bit count)
     * elements still to go, {@code left > l}. All lanes when {@code left >= L}, none when
     * {@code left <= 0}, else the first {@code left} from its low bits: two comparators for the
     * mask, not one per lane.
     */
    private void laneMask(String name, String left) {
        int k = Math.max(1, FixedMath.ceilLog2(lanes));
        l("    /* verilator lint_off UNUSEDSIGNAL */ // a mask a design reads in part");
        l("    wire " + name + "_all = " + left + " >= 17'sd" + lanes + ";");
        l("    wire " + name + "_none = " + left + " <= 17'sd0;");
        for (int ln = 0; ln < lanes; ln++) {
            // the low bits reach at most 2^k - 1: a lane at that index holds one only when all do
            String expr = ln == 0 ? "!" + name + "_none" : ln == (1 << k) - 1 ? name + "_all"
                    : name + "_all || (!" + name + "_none && " + left + "[" + (k - 1) + ":0] > " + k + "'d" + ln + ")";
            l("    wire " + name + ln + " = " + expr + ";");
        }
        l("    /* verilator lint_on UNUSEDSIGNAL */");
    }

    /** A lane mask literal with the first {@code n} lanes set. */
    private String firstLanes(int n) {
        java.math.BigInteger m = java.math.BigInteger.ONE.shiftLeft(Math.min(n, lanes)).subtract(java.math.BigInteger.ONE);
        return lanes + "'h" + m.toString(16);
    }

    /**
     * The logits, 32 bits with FA fraction bits: logit i is row lane i % R of pass i / R, R the
     * logits linear's row lanes (1 for a tied head: one logit per pass). Where the plan makes
     * them a memory (Plan.logitStore: one row lane) the sampler reads it a word a clock; else
     * they are registers, behind a select for the sampler or whole for argmax. Either way the
     * writes leave on the dbg_z ports, from which a testbench gathers them.
     */
    private void writeLogits(int vcount, int tw, boolean sample) {
        int zr = program.logitWriteLanes();
        StringBuilder we = new StringBuilder(), zd = new StringBuilder();
        for (int r = zr - 1; r >= 0; r--) {
            we.append("zwe").append(r).append(r == 0 ? "" : ", ");
            zd.append("zd").append(r).append(r == 0 ? "" : ", ");
        }
        l("    assign dbg_z_we = {" + we + "};");
        l("    assign dbg_z_pass = s2_g;");
        l("    assign dbg_z = {" + zd + "};");
        boolean store = logitPlacement != dev.bramble.plan.Placement.REGISTERS;
        boolean held = dev.bramble.plan.Plan.heldLogits(program, logitPlacement) > 0;
        if (sample) {
            l("    wire [" + (tw - 1) + ":0] smp_za;   // the logit the sampler asks for; smp_zd gives it the next clock");
            l("    " + (held ? "wire" : "reg") + " [31:0] smp_zd;");
        }
        String first = held ? "zh_wa" : "s2_g[" + (tw - 1) + ":0]";
        if (held) writeLogitHold(zr, tw);
        String zwe = held ? "(zwe0 || zh_drain)" : "zwe0", wd = held ? "zh_wd" : "zd0";
        String rd = held ? "smp_zm" : "smp_zd";
        if (logitPlacement == dev.bramble.plan.Placement.LARGE_RAM) {
            l("    // ---- the logit store: " + vcount + " words in the part's large single-port RAM (the plan's placement): written by");
            l("    // the logits' linear, read by the sampler's op a word a clock; no clock does both (on a write the read keeps its word) ----");
            l("    " + ramAttributes(logitPlacement));
            l("    reg signed [31:0] zmem [0:" + (vcount - 1) + "];");
            l("    wire [" + (tw - 1) + ":0] zmem_a = " + zwe + " ? " + first + " : smp_za;");
            l("    always @(posedge clk) begin");
            l("        if (" + zwe + ") zmem[zmem_a] <= " + wd + ";");
            l("        else " + rd + " <= zmem[zmem_a];");
            l("    end");
        } else if (store) {
            l("    // ---- the logit store: " + vcount + " words in " + (logitPlacement == dev.bramble.plan.Placement.BLOCK_RAM ? "block RAM" : "LUT RAM")
                    + " (the plan's placement), read by the sampler a word a clock ----");
            l("    " + ramAttributes(logitPlacement));
            l("    reg signed [31:0] zmem [0:" + (vcount - 1) + "];");
            l("    always @(posedge clk) begin");
            l("        if (" + zwe + ") zmem[" + first + "] <= " + wd + ";");
            l("        " + rd + " <= zmem[smp_za];");
            l("    end");
        } else {
            l("    // ---- logit registers ----");
            for (int i = 0; i < vcount; i++) {
                l("    reg signed [31:0] z" + i + ";");
                l("    always @(posedge clk) if (zwe" + (i % logitRowLanes) + " && s2_g == 16'd" + (i / logitRowLanes) + ") z" + i + " <= zd" + (i % logitRowLanes) + ";");
            }
            if (sample) {
                l("    // the sampler reads them a word a clock, registered");
                l("    wire [31:0] zw [0:" + (vcount - 1) + "];");
                for (int i = 0; i < vcount; i++) l("    assign zw[" + i + "] = z" + i + ";");
                l("    always @(posedge clk) smp_zd <= zw[smp_za];");
            } else {
                StringBuilder zb = new StringBuilder();
                for (int i = vcount - 1; i >= 0; i--) zb.append("z").append(i).append(i == 0 ? "" : ", ");
                l("    wire [" + (vcount * 32 - 1) + ":0] zbus = {" + zb + "};");
            }
        }
        if (sample) writeLogitMax(zr);
    }

    /**
     * R row lanes write a pass's R logits in one clock, the store has one write port: lane 0's
     * word goes in at once, lanes 1..R-1's are held and written a clock each after it (passes
     * are at least R clocks apart: Plan.logitStore). The pass written last is read from the hold
     * (it is not drained when the sampler's op follows at once), so the sampler's word is the
     * hold's when it asks for one of lanes 1..R-1's of that pass. Defines zh_wa and zh_wd (the
     * write address and word), zh_drain (a held word is written) and smp_zd from smp_zm (the
     * store's registered read).
     */
    private void writeLogitHold(int r, int tw) {
        int kw = bits(r);
        l("    // ---- row lanes 1.." + (r - 1) + "'s logits of the last pass, held: written a clock each after it, read here by the sampler ----");
        l("    reg signed [31:0] zh [1:" + (r - 1) + "];");
        l("    reg [" + (r - 1) + ":1] zh_we;   // the lane wrote a logit (the last pass may be short)");
        l("    reg [" + (tw - 1) + ":0] zh_first;   // lane 0's logit index in the held pass");
        l("    reg [" + (kw - 1) + ":0] zh_k = " + kw + "'d" + r + ";   // the held word written next, " + r + " when none");
        l("    wire [" + (tw - 1) + ":0] zh_pass = " + times(tw + "'(s2_g)", tw, r) + ";");
        l("    always @(posedge clk) begin");
        l("        if (zwe0) begin");
        for (int k = 1; k < r; k++) l("            zh[" + k + "] <= zd" + k + "; zh_we[" + k + "] <= zwe" + k + ";");
        l("            zh_first <= zh_pass;");
        l("            zh_k <= " + kw + "'d1;");
        l("        end else if (zh_k != " + kw + "'d" + r + ") zh_k <= zh_k + 1'b1;");
        l("    end");
        // one select serves the drain (in the logits linear) and the sampler (in its op): they
        // never run in the same clock, so the two R-1-way selects of 32 bits are one
        l("    // the sampler's word: the hold's for lanes 1.." + (r - 1) + " of the held pass, else the store's");
        l("    wire [" + tw + ":0] zh_off = {1'b0, smp_za} - {1'b0, zh_first};   // a borrow past the top bit: below the pass");
        l("    wire zh_smp = kind == K_SAMPLE;");
        l("    /* verilator lint_off UNUSEDSIGNAL */ // a hit's offset is below " + r + ": its low bits select");
        l("    wire [" + (kw - 1) + ":0] zh_sel = zh_smp ? zh_off[" + (kw - 1) + ":0] : zh_k;   // the sampler's offset, else the drain's word");
        l("    /* verilator lint_on UNUSEDSIGNAL */");
        l("    reg signed [31:0] zh_word;");
        l("    reg zh_valid;");
        l("    always @* begin");
        l("        case (zh_sel)");
        for (int k = 2; k < r; k++) l("            " + kw + "'d" + k + ": begin zh_word = zh[" + k + "]; zh_valid = zh_we[" + k + "]; end");
        l("            default: begin zh_word = zh[1]; zh_valid = zh_we[1]; end");
        l("        endcase");
        l("    end");
        l("    wire zh_drain = !zwe0 && zh_k != " + kw + "'d" + r + " && zh_valid && running && kind == K_LINEAR && lin_logits;");
        l("    wire [" + (tw - 1) + ":0] zh_wa = zwe0 ? zh_pass : zh_first + " + tw + "'(zh_k);");
        l("    wire signed [31:0] zh_wd = zwe0 ? zd0 : zh_word;");
        l("    reg [31:0] smp_zm;");
        l("    reg [31:0] zh_rd;");
        l("    reg zh_hit;");
        l("    always @(posedge clk) begin");
        l("        zh_hit <= zh_smp && zh_off >= " + (tw + 1) + "'d1 && zh_off <= " + (tw + 1) + "'d" + (r - 1) + ";");
        l("        zh_rd <= zh_word;");
        l("    end");
        l("    assign smp_zd = zh_hit ? zh_rd : smp_zm;");
    }

    /** Synthesis attributes that put a memory where the plan says (literals, as Verilog wants them). */
    private static String ramAttributes(dev.bramble.plan.Placement p) {
        return switch (p) {
            case BLOCK_RAM -> "(* ram_style = \"block\", ramstyle = \"M10K\", syn_ramstyle = \"block_ram\" *)";
            case LUT_RAM -> "(* ram_style = \"distributed\", ramstyle = \"MLAB, no_rw_check\", syn_ramstyle = \"select_ram\" *)";
            case REGISTERS -> "(* ram_style = \"logic\", ramstyle = \"logic\", syn_ramstyle = \"registers\" *)";
            case LARGE_RAM -> "(* ram_style = \"huge\" *)";
        };
    }

    /** The sampler's M, kept by rtl-lib/logit_max.v over the row lanes that write logits, pass by pass. */
    private void writeLogitMax(int rowLanes) {
        l("    // the logits' maximum, kept as the passes write them (rtl-lib/logit_max.v)");
        StringBuilder valid = new StringBuilder();
        for (int ln = rowLanes - 1; ln >= 0; ln--) valid.append("zwe").append(ln).append(ln == 0 ? "" : ", ");
        l("    wire signed [31:0] zmax;");
        l("    logit_max #(.R(" + rowLanes + ")) u_logit_max (.clk(clk), .wb(running && kind == K_LINEAR && lin_logits && s2_wb), .first(s2_g == 16'd0),");
        l("        .z(mve_z[" + (rowLanes * 32 - 1) + ":0]), .valid({" + valid + "}), .zmax(zmax));");
    }

    /** Lane n's registers and result for a norm's learned vectors: {@code sat(rnd(y·g, Fg) + rescale(b, Fg, Fa), Na)} (FixedMath.affine). */
    private void writeAffineLane(int ln, int laneProduct, java.util.SortedSet<Integer> fgs) {
        String n = String.valueOf(ln);
        l("    reg signed [NW+NA-1:0] aff_p" + n + ";   // y·g from the lane's multiplier");
        l("    reg signed [NW-1:0] aff_b" + n + ";");
        l("    reg signed [NA-1:0] aff_y" + n + ";");
        l("    always @(posedge clk) if (aff_word) begin");
        l("        if (aff_is_gain) aff_p" + n + " <= mve_p[" + (ln * laneProduct) + " +: NW+NA];");
        l("        if (aff_is_bias) aff_b" + n + " <= w" + n + ";");
        l("        if (aff_y_now) aff_y" + n + " <= src" + n + ";");
        l("    end");
        // the sums at AFW bits, the width they need (rnd() works at 64), then sat_na
        l("    reg signed [AFW-1:0] aff_t" + n + ";");
        l("    reg signed [NA-1:0] aff_o" + n + ";");
        l("    always @* begin");
        l("        case (aff_fg)");
        for (int fg : fgs) {
            l("            6'd" + fg + ": aff_t" + n + " = (aff_gain ? " + roundAt("AFW'(aff_p" + n + ")", fg) + " : AFW'(aff_y" + n + "))");
            l("                + (aff_bias ? " + roundAt("AFW'(aff_b" + n + ")", fg - fa) + " : AFW'(0));");   // AFW'(0): signed, as every operand must be or the shifts turn logical
        }
        l("            default: aff_t" + n + " = {AFW{1'b0}};");
        l("        endcase");
        l("        aff_o" + n + " = sat_na(64'(aff_t" + n + "));");
        l("    end");
    }

    /** rnd(x, s) of docs/numerics.md at x's own width: round half up by a right shift s > 0, a left shift for s < 0. */
    static String roundAt(String x, int s) {
        if (s > 0) return "((" + x + " + (AFW'(1) <<< " + (s - 1) + ")) >>> " + s + ")";
        if (s < 0) return "(" + x + " <<< " + (-s) + ")";
        return x;
    }

    /**
     * A tied head's bias column (CoreOp.TiedBias), the last of each pass: logit i's pass reads
     * the embedding's row at {@code rom_base + cyc − i} (the column adds one issue per pass), and
     * its bias column reads {@code base + ⌊i/L⌋}, where lane {@code i mod L} holds b[i]; that lane
     * alone gets the constant operand. Counters, not a division: the pass, its row and its lane (one-hot).
     */
    private void writeTiedBias(int romAw) {
        String aw = romAw + "'";
        l("    // a tied head's bias: the last column of pass i reads b[i] at " + tiedBias.base() + " + i / LANES in lane i % LANES");
        l("    reg [" + (romAw - 1) + ":0] tb_i, tb_row;   // the pass (logit i) and i / LANES");
        if (lanes > 1) {
            l("    reg [" + (lanes - 1) + ":0] tb_hot;        // lane i % LANES, one-hot");
        } else {
            l("    wire [0:0] tb_hot = 1'b1;");
        }
        l("    wire tb_last = lin_issue && lin_j == lin_seg - 16'd1;");
        l("    always @(posedge clk) begin");
        l("        if (rst || seq_accept || seq_advance) begin tb_i <= " + aw + "d0; tb_row <= " + aw + "d0;" + (lanes > 1 ? " tb_hot <= " + lanes + "'d1;" : "") + " end");
        l("        else if (tb_last) begin");
        l("            tb_i <= tb_i + " + aw + "d1;");
        if (lanes > 1) l("            tb_hot <= {tb_hot[" + (lanes - 2) + ":0], tb_hot[" + (lanes - 1) + "]};");
        l("            if (tb_hot[" + (lanes - 1) + "]) tb_row <= tb_row + " + aw + "d1;");
        l("        end");
        l("    end");
        l("    wire tb_op = lin_lanex && lin_bias;");
        l("    wire tb_col = tb_op && lin_j == lin_seg - 16'd1;   // the bias column of this pass");
        l("    wire [" + (romAw - 1) + ":0] tb_addr = tb_col ? " + aw + "d" + tiedBias.base() + " + tb_row : tb_op ? rom_addr_wide[" + (romAw - 1)
                + ":0] - tb_i : rom_addr_wide[" + (romAw - 1) + ":0];");
    }

    /** 1.0 in the activation format, 2^FA (CoreProgram refuses a bias when the activations cannot hold it). */
    private String oneLiteral() {
        return "NA'(" + (na + 1) + "'sd" + (1L << fa) + ")";
    }

    /**
     * Saturates the signed {@code width}-bit signal {@code x} (a name: it is part-selected) to
     * {@code bits} bits, a sign extension when it already fits. It fits when its bits
     * {@code bits-1} and up are one sign run: a reduction of those bits, not two comparators of
     * the full width (Yosys maps a comparison with a constant to a carry chain).
     */
    static String sat(String x, int width, int bits) {
        if (width <= bits) return bits + "'(" + x + ")";
        String hi = x + "[" + (width - 1) + ":" + (bits - 1) + "]";
        return "((&" + hi + " || ~|" + hi + ") ? " + x + "[" + (bits - 1) + ":0] : " + x + "[" + (width - 1) + "] ? "
                + bits + "'sh" + Long.toHexString(1L << (bits - 1)) + " : " + bits + "'sh" + Long.toHexString((1L << (bits - 1)) - 1) + ")";
    }

    /**
     * {@code x * c} for a constant {@code c >= 0} at {@code width} bits, written as a sum of shifts
     * ({@code x} must already be a {@code width}-bit expression): synthesis builds adders, never a
     * multiplier the plan does not list.
     */
    static String times(String x, int width, long c) {
        if (c == 0) return width + "'d0";
        StringBuilder sb = new StringBuilder("(");
        for (int k = 0; c >> k != 0; k++) {
            if (((c >> k) & 1) == 0) continue;
            if (sb.length() > 1) sb.append(" + ");
            sb.append(k == 0 ? "(" + x + ")" : "((" + x + ") << " + k + ")");
        }
        return sb.append(")").toString();
    }

    /** A 9-bit signed Verilog literal (a negative value is written as a negated literal). */
    static String s9(int value) {
        return value < 0 ? "(-9'sd" + (-value) + ")" : "9'sd" + value;
    }

    /** Width of a row's sum over its column groups. */
    static int partialSumWidth(int accw, int maxSplit) {
        return accw + FixedMath.ceilLog2(maxSplit) + 1;
    }

    /**
     * Each lane's product at the width a borrower reads (the value fits: its operands do), lane 0
     * last; the bus itself when the widths agree (a concatenation of slices would be rebuilt on
     * each lane's change in an event-driven simulator).
     */
    private String productSlices(int laneProduct, int width) {
        if (width == laneProduct) return "mve_p";
        StringBuilder sb = new StringBuilder();
        for (int ln = lanes - 1; ln >= 0; ln--) {
            sb.append("mve_p[").append(ln * laneProduct + width - 1).append(":").append(ln * laneProduct).append("]").append(ln == 0 ? "" : ", ");
        }
        return "{" + sb + "}";
    }

    /**
     * The operands lent to the lanes: the running attention unit's (chosen by the op's tensor
     * field) or the norm unit's, each sign-extended to the lent widths.
     */
    private void writeLentOperands(List<CoreOp.Attention> attentions, boolean anyNorm, int lentA, int lentB, int opw, int attMbw, int mbw) {
        StringBuilder as = new StringBuilder();
        StringBuilder bs = new StringBuilder();
        for (int ln = lanes - 1; ln >= 0; ln--) {
            String a = anyNorm ? lentA + "'($signed(norm_ma[" + (ln * (na + 1)) + " +: " + (na + 1) + "]))" : lentA + "'d0";
            String b = anyNorm ? lentB + "'($signed(norm_mb[" + (ln * mbw) + " +: " + mbw + "]))" : lentB + "'d0";
            if (anyAffine) {
                a = "((kind == K_AFFINE) ? " + lentA + "'($signed(w" + ln + ")) : " + a + ")";
                b = "((kind == K_AFFINE) ? " + lentB + "'($signed(src" + ln + ")) : " + b + ")";
            }
            for (int i = attentions.size() - 1; i >= 0; i--) {
                String u = "att" + attentions.get(i).unit();
                String when = "(kind == K_ATTN" + (attentions.size() > 1 ? " && tensor == 8'd" + attentions.get(i).unit() : "") + ")";
                a = "(" + when + " ? " + lentA + "'($signed(" + u + "_ma[" + (ln * opw) + " +: " + opw + "])) : " + a + ")";
                b = "(" + when + " ? " + lentB + "'($signed(" + u + "_mb[" + (ln * attMbw) + " +: " + attMbw + "])) : " + b + ")";
            }
            if (samplerLanes && ln < 4) {
                a = "((kind == K_SAMPLE) ? " + lentA + "'($signed(smp_ma[" + (ln * 17) + " +: 17])) : " + a + ")";
                b = "((kind == K_SAMPLE) ? " + lentB + "'($signed(smp_mb[" + (ln * (samplerHalf + 1)) + " +: " + (samplerHalf + 1) + "])) : " + b + ")";
            }
            l("    wire signed [" + (lentA - 1) + ":0] lent_a" + ln + " = " + a + ";");
            l("    wire signed [" + (lentB - 1) + ":0] lent_b" + ln + " = " + b + ";");
            as.append("lent_a").append(ln).append(ln == 0 ? "" : ", ");
            bs.append("lent_b").append(ln).append(ln == 0 ? "" : ", ");
        }
        l("    wire [" + (lanes * lentA - 1) + ":0] lent_a = {" + as + "};");
        l("    wire [" + (lanes * lentB - 1) + ":0] lent_b = {" + bs + "};");
    }

    /** The matrix-vector engine: the lanes' ROM words and the broadcast operands in, each lane's result out. */
    private void writeEngine(boolean gelu, int lentA, int lentB, boolean lent) {
        StringBuilder ws = new StringBuilder();
        for (int ln = lanes - 1; ln >= 0; ln--) ws.append("w").append(ln).append(ln == 0 ? "" : ", ");
        StringBuilder xbs = new StringBuilder();
        for (int g = maxSplit - 1; g >= 0; g--) xbs.append("xb").append(g).append(g == 0 ? "" : ", ");
        StringBuilder mask = new StringBuilder();
        for (int s = lanes; s >= 1; s--) mask.append(s == 1 || splits.contains(s) ? '1' : '0');
        l("    // ---- matrix-vector engine (rtl-lib/matvec_engine.v) ----");
        l("    wire [" + (lanes * nw - 1) + ":0] mve_w = {" + ws + "};");
        l("    wire [" + (maxSplit * na - 1) + ":0] mve_xb = {" + xbs + "};");
        int laneProduct = Math.max(nw, lentA) + Math.max(na, lentB);
        l("    /* verilator lint_off UNUSEDSIGNAL */ // the borrowers read the low bits of each product; a core without them none");
        l("    wire [" + (lanes * laneProduct - 1) + ":0] mve_p;   // the lanes' products, lent to the norms and attention while they run");
        l("    /* verilator lint_on UNUSEDSIGNAL */");
        boolean varFw = linFracs.size() > 1;
        if (varFw) {
            // the write-back's pass picks its tensor's shift (q, k and v of one op may have formats of their own)
            l("    wire [5:0] lin_fw = (s2_g >= lin_pass_c) ? lin_fw_c : (s2_g >= lin_pass_b) ? lin_fw_b : lin_fw_a;");
        }
        // z (the logit registers' input) takes the saturated sum or the activation's output as the
        // logits linears say: with one kind only, only that path is built
        boolean satLogits = ops.stream().anyMatch(o -> o instanceof CoreOp.Linear lin && lin.logits() && lin.sat32());
        boolean actLogits = ops.stream().anyMatch(o -> o instanceof CoreOp.Linear lin && lin.logits() && !lin.sat32());
        int zmode = satLogits && actLogits ? 2 : actLogits ? 0 : 1;
        l("    /* verilator lint_off UNUSEDSIGNAL */ // attention reads the lanes' accumulators when its sums live there");
        l("    wire [" + (lanes) + "*ACCW-1:0] mve_acc;");
        l("    /* verilator lint_on UNUSEDSIGNAL */");
        l("    matvec_engine #(.LANES(" + lanes + "), .NW(NW), .NA(NA), .FA(FA), .FW(" + linFracs.first() + "), .VARFW(" + (varFw ? 1 : 0) + "), .FWSPAN(" + (linFracs.last() - linFracs.first()) + "), .ZMODE(" + zmode + "), .ACCW(ACCW), .PSW(" + psw + "), .MAXSPLIT(" + maxSplit
                + "), .SPLITS(" + lanes + "'b" + mask + "), .GELU(" + (gelu ? 1 : 0) + "), .ERF(" + (geluErf ? (geluTanh ? 1 : 2) : 0) + "), .GELU_TABLE(\"" + NumericTables.GELU + "\"), .GELU_ERF_TABLE(\"" + NumericTables.GELU_ERF + "\"), .EA(" + lentA + "), .EB(" + lentB + "), .SOFTB(" + laneSoftBits + "))");
        l("        u_mve (.clk(clk), .restart(rst || seq_accept || seq_advance), .issue(lin_issue), .seg(lin_seg), .split(lin_split), .act(act),");
        l("        .sat32(lin_sat32), .fw(" + (varFw ? "lin_fw" : "6'd" + linFracs.first()) + "), .col(lin_j), .xb(mve_xb), .w(mve_w), .wb(s2_wb), .wb_pass(s2_g), .y(mve_y), .z(mve_z),");
        l("        .ext_en(" + (lent ? "running && (kind == K_NORM || kind == K_ATTN" + (anyAffine ? " || kind == K_AFFINE" : "") + (samplerLanes ? " || kind == K_SAMPLE" : "") + ")" : "1'b0") + "), .ext_a(" + (lent ? "lent_a" : "{" + lanes + "{1'b0}}")
                + "), .ext_b(" + (lent ? "lent_b" : "{" + lanes + "{1'b0}}") + "), .ext_p(mve_p),");
        l("        .ext_acc(" + extAcc + "), .ext_first(" + extFirst + "), .acc_out(mve_acc), .col_n(lin_j_n), .wb_n(s2_wb_n), .wb_pass_n(s2_g_n));");
    }

    /**
     * The scratch memories' read side: the addresses every lane shares — port 0 the operand row
     * (q in attention), port 1 the written row's old value (k), port 2 + g column group g's
     * broadcast row (v for g = 0) — and each lane's words.
     */
    private void writeScratchReads(int rw, List<CoreOp.Attention> attentions) {
        int ports = dev.bramble.plan.ScratchMemory.ports(broadcastSplit);
        l("    // ---- the lanes' scratch memories (rtl-lib/lane_scratch.v): read ports ----");
        for (CoreOp.Attention a : attentions) {
            String u = "att" + a.unit();
            l("    /* verilator lint_off UNUSEDSIGNAL */ // a row address reads the chunk's low bits");
            l("    wire [15:0] " + u + "_qc, " + u + "_lc, " + u + "_oc;   // the chunks attention " + a.unit() + " reads (q; k and v) and writes (o)");
            l("    wire [15:0] " + u + "_qc_n;   // ... q's after this edge");
            l("    /* verilator lint_on UNUSEDSIGNAL */");
            l("    wire [" + (lanes * na - 1) + ":0] " + u + "_o;");
            l("    wire [" + (lanes - 1) + ":0] " + u + "_we;");
        }
        String qc = chunkOf(attentions, "_qc"), lc = chunkOf(attentions, "_lc");
        boolean att = !attentions.isEmpty();
        int readsFrom = mark();
        for (int g = 0; g < broadcastSplit; g++) l("    wire [" + (rw - 1) + ":0] brow" + g + ";   // column group " + g + "'s broadcast row");
        l("    wire [" + (rw - 1) + ":0] sra0 = " + (att ? "(kind == K_ATTN) ? att_q_row + " + rw + "'(" + qc + ") : " : "") + "rd_row;");
        l("    wire [" + (rw - 1) + ":0] sra1 = " + (att ? "(kind == K_ATTN) ? att_k_row + " + rw + "'(" + lc + ") : " : "") + "wr_row;");
        l("    wire [" + (rw - 1) + ":0] sra2 = " + (att ? "(kind == K_ATTN) ? att_v_row + " + rw + "'(" + lc + ") : " : "") + "brow0;");
        for (int g = 1; g < broadcastSplit; g++) l("    wire [" + (rw - 1) + ":0] sra" + (2 + g) + " = brow" + g + ";");
        StringBuilder ra = new StringBuilder();
        for (int p = ports - 1; p >= 0; p--) ra.append("sra").append(p).append(p == 0 ? "" : ", ");
        gather(readsFrom);
        if (lookAhead) l("    /* verilator lint_off UNUSEDSIGNAL */ // the block RAM reads the next clock's addresses (scr_ra_n)");
        l("    wire [" + (ports * rw - 1) + ":0] scr_ra = {" + ra + "};");
        if (lookAhead) l("    /* verilator lint_on UNUSEDSIGNAL */");
        StringBuilder src = new StringBuilder(), old = new StringBuilder(), b0 = new StringBuilder();
        for (int ln = lanes - 1; ln >= 0; ln--) {
            l("    wire [" + (ports * na - 1) + ":0] scr_rd" + ln + ";");
            String sep = ln == 0 ? "" : ", ";
            src.append("scr_rd").append(ln).append("[0 +: NA]").append(sep);
            old.append("scr_rd").append(ln).append("[NA +: NA]").append(sep);
            b0.append("scr_rd").append(ln).append("[2*NA +: NA]").append(sep);
        }
        l("    /* verilator lint_off UNUSEDSIGNAL */ // a core without attention reads the lanes' words one by one");
        l("    wire [" + (lanes * na - 1) + ":0] scr_src = {" + src + "};");
        l("    wire [" + (lanes * na - 1) + ":0] scr_old = {" + old + "};");
        l("    wire [" + (lanes * na - 1) + ":0] scr_b0 = {" + b0 + "};");
        l("    /* verilator lint_on UNUSEDSIGNAL */");
    }

    /** The running attention unit's signal {@code attU + suffix} (by the op's tensor field), or 0 without attention. */
    private static String chunkOf(List<CoreOp.Attention> attentions, String suffix) {
        if (attentions.isEmpty()) return "16'd0";
        String e = "att" + attentions.get(attentions.size() - 1).unit() + suffix;
        for (int i = attentions.size() - 2; i >= 0; i--) {
            int u = attentions.get(i).unit();
            e = "(tensor == 8'd" + u + " ? att" + u + suffix + " : " + e + ")";
        }
        return e;
    }

    /**
     * The linear's broadcast operands: per column group g, column g·seg + j of the input, one per
     * issue clock. The column's row and lane are counted alongside the engine's column counter
     * (jr, jl: j = jr·L + jl), plus the group's first column's row and lane from the op table, so
     * no division by L is built; a lane multiplexer picks the word from the group's read port.
     */
    private void writeBroadcast(int rw) {
        l("    // broadcast operands of the linear: per column group g, one activation per cycle (column g*seg + j), 0 past the input;");
        l("    // with a bias, column lin_in is 1.0 (2^FA): the bank's bias word enters the dot product as the reference adds it");
        int lw = bits(Math.max(1, lanes - 1));
        l("    reg [" + (rw - 1) + ":0] jr;");
        l("    reg [" + (lw - 1) + ":0] jl;");
        l("    always @(posedge clk) begin");
        l("        if (rst || seq_accept || seq_advance || (lin_issue && lin_j == lin_seg - 16'd1)) begin jr <= 0; jl <= 0; end");
        l("        else if (lin_issue) begin");
        l("            if (jl == " + lw + "'d" + (lanes - 1) + ") begin jl <= 0; jr <= jr + 1'b1; end");
        l("            else jl <= jl + 1'b1;");
        l("        end");
        l("    end");
        if (lookAhead) {
            // what they take at the edge, for the next clock's broadcast rows (the block above keeps
            // the enables and resets the flip-flops take for free)
            l("    reg [" + (rw - 1) + ":0] jr_n;");
            l("    /* verilator lint_off UNUSEDSIGNAL */ // only a second column group's row reads it");
            l("    reg [" + (lw - 1) + ":0] jl_n;");
            l("    /* verilator lint_on UNUSEDSIGNAL */");
            l("    always @* begin");
            l("        jr_n = jr; jl_n = jl;");
            l("        if (rst || seq_accept || seq_advance || (lin_issue && lin_j == lin_seg - 16'd1)) begin jr_n = 0; jl_n = 0; end");
            l("        else if (lin_issue) begin");
            l("            if (jl == " + lw + "'d" + (lanes - 1) + ") begin jl_n = 0; jr_n = jr + 1'b1; end");
            l("            else jl_n = jl + 1'b1;");
            l("        end");
            l("    end");
        }
        for (int g = 0; g < maxSplit; g++) {
            // a tied head's lane g multiplies its own element: column lin_j*LANES + g, read at rd_row (0 past the input)
            String own = "(" + times("lin_j", 16, lanes) + " + 16'd" + g + " < lin_in) ? $signed(scr_rd" + g + "[0 +: NA]) : {NA{1'b0}}";
            // ... and in a tied head's bias column, lane i % L multiplies its bias word by the constant (CoreOp.TiedBias)
            if (tiedBias != null) own = "(tb_col && tb_hot[" + g + "]) ? NA'(" + (na + 1) + "'sd" + (1L << tiedBias.operandShift()) + ") : " + own;
            if (g >= broadcastSplit) {
                l("    wire signed [NA-1:0] xb" + g + " = " + own + ";");
                continue;
            }
            String lane;
            int rowFrom = mark();
            if (g == 0) {
                l("    assign brow0 = src_row + jr;");
                lane = "jl";
            } else {
                l("    wire [" + lw + ":0] blsum" + g + " = {1'b0, jl} + " + (lw + 1) + "'(bglane" + g + ");");
                l("    wire bcarry" + g + " = blsum" + g + " >= " + (lw + 1) + "'d" + lanes + ";");
                l("    wire [" + (lw - 1) + ":0] blane" + g + " = bcarry" + g + " ? " + lw + "'(blsum" + g + " - " + (lw + 1) + "'d" + lanes + ") : " + lw + "'(blsum" + g + ");");
                l("    assign brow" + g + " = src_row + " + rw + "'(bgrow" + g + ") + jr + " + rw + "'(bcarry" + g + ");");
                lane = "blane" + g;
            }
            gather(rowFrom);
            l("    wire [15:0] bcol" + g + " = " + times("lin_seg", 16, g) + " + lin_j;");
            l("    reg signed [NA-1:0] xb" + g + ";");
            l("    always @* begin");
            l("        case (" + lane + ")");
            for (int ln = 0; ln < lanes; ln++) l("            " + lw + "'d" + ln + ": xb" + g + " = scr_rd" + ln + "[" + (2 + g) + "*NA +: NA];");
            l("            default: xb" + g + " = {NA{1'b0}};");
            l("        endcase");
            l("        if (bcol" + g + " >= lin_in) xb" + g + " = " + (anyBias ? "(lin_bias && bcol" + g + " == lin_in) ? " + oneLiteral() + " : " : "") + "{NA{1'b0}};");
            if (anyLaneX) l("        if (lin_lanex) xb" + g + " = " + own + ";   // a tied head: the lane's own element");
            l("    end");
        }
    }

    /**
     * The scratch memories' write side — one port per lane at an address all lanes share: an
     * attention unit's output chunk, the input's element group, or the lanes' write-back — and
     * the memories themselves.
     */
    /**
     * The scratch memories' read addresses for the next clock (lookAhead): the address logic
     * gathered above, on the sequencer's, the decode's, the engine's and attention's next state.
     */
    private void writeNextAddresses(int rw, int cyw, List<CoreOp.Attention> attentions) {
        l("    // ---- the next clock's scratch read addresses: the address logic above on the next state (NextClock) ----");
        List<String> names = new ArrayList<>(decodeFields);
        names.addAll(List.of("op", "cyc", "pos", "running", "lin_j", "s2_g", "s2_wb", "jr", "jl"));
        names.addAll(NextClock.declaredNames(nextAddresses.toString()));
        StringBuilder later = new StringBuilder();
        for (CoreOp.Attention a : attentions) {
            String u = "att" + a.unit();
            names.add(u + "_qc");
            names.add(u + "_lc");
            // attention_core.v ld_chunk: k's chunks at cyc 0 .. C-1, v's at C .. 2C-1
            int c = Timing.attentionChunks(a.attention().attentionWidth(), lanes);
            later.append("    wire [" + (cyw - 1) + ":0] " + u + "_lc_n = (cyc_n < " + cyw + "'d" + c + ") ? cyc_n : cyc_n - " + cyw + "'d" + c + ";\n");
        }
        l("    /* verilator lint_off UNUSEDSIGNAL */ // the next clock's twins of signals only the read addresses need");
        v.append(later);
        v.append(NextClock.rename(nextAddresses.toString(), names));
        l("    /* verilator lint_on UNUSEDSIGNAL */");
        int ports = dev.bramble.plan.ScratchMemory.ports(broadcastSplit);
        StringBuilder ra = new StringBuilder();
        for (int p = ports - 1; p >= 0; p--) ra.append("sra").append(p).append(NextClock.SUFFIX).append(p == 0 ? "" : ", ");
        l("    wire [" + (ports * rw - 1) + ":0] scr_ra_n = {" + ra + "};");
        l("    always @(posedge clk) begin rd_chunk <= rd_chunk_n; wr_chunk <= wr_chunk_n; wr_en <= wr_en_n; rd_row <= rd_row_n; wr_row <= wr_row_n; end");
    }

    private void writeScratchMemories(int rows, int rw, List<CoreOp.Attention> attentions, CoreOp.Input input) {
        int ports = dev.bramble.plan.ScratchMemory.ports(broadcastSplit);
        l("    // ---- the lanes' scratch memories: the write port ----");
        String oc = chunkOf(attentions, "_oc");
        String wa = "wr_row";
        if (input != null) {
            l("    reg [15:0] in_idx;   // the input's element group: elements in_idx*LANES + lane");
            l("    always @(posedge clk) begin");
            l("        if (rst || (seq_idle && !in_fire)) in_idx <= 16'd0;");
            l("        else if (in_fire) in_idx <= in_idx + 1'b1;");
            l("    end");
            // the input's handshake may come while the sequencer is idle (the op table then shows any op): its row and width are constants
            wa = "in_fire ? " + rw + "'d" + input.dstRow() + " + " + rw + "'(in_idx) : " + wa;
            l("    wire signed [16:0] in_left = 17'sd" + input.width() + " - $signed(" + times("17'(in_idx)", 17, lanes) + ");");
        }
        if (!attentions.isEmpty()) wa = "(kind == K_ATTN) ? att_o_row + " + rw + "'(" + oc + ") : " + wa;
        l("    wire [" + (rw - 1) + ":0] scr_wa = " + wa + ";");
        for (int ln = 0; ln < lanes; ln++) {
            String we = "we" + ln, wd = "wd" + ln;
            if (input != null) {
                we = "in_fire ? in_left > 17'sd" + ln + " : " + we;
                wd = "in_fire ? in_value" + ln + " : " + wd;
            }
            if (!attentions.isEmpty()) {
                we = "(kind == K_ATTN) ? " + chunkOf(attentions, "_we[" + ln + "]") + " : " + we;
                wd = "(kind == K_ATTN) ? " + chunkOf(attentions, "_o[" + (ln * na) + " +: NA]") + " : " + wd;
            }
            l("    wire scr_we" + ln + " = " + we + ";");
            l("    wire [NA-1:0] scr_wd" + ln + " = " + wd + ";");
            l("    lane_scratch #(.ROWS(" + rows + "), .NA(NA), .PORTS(" + ports + "), .RW(" + rw + "), .STYLE(" + scratchStyle + "), .COPIES(" + (scratchCopies ? 1 : 0) + ")) u_scratch" + ln
                    + " (.clk(clk), .we(scr_we" + ln + "), .wa(scr_wa), .wd(scr_wd" + ln + "), .ra(" + (lookAhead ? "scr_ra_n" : "scr_ra") + "), .rd(scr_rd" + ln + "));");
        }
    }

    /** The widest norm's width (1 without norms). */
    private int maxNormWidth() {
        int maxNorm = 1;
        for (CoreOp op : ops) if (op instanceof CoreOp.Norm n) maxNorm = Math.max(maxNorm, n.width());
        return maxNorm;
    }

    /** Bits of an attention core's sum of e, the reciprocal's argument (attention_core.v SW = 17 + ⌈log2 context⌉). */
    private int reciprocalWidth() {
        int ctx = program.tokenModel() ? model.context() : 1;
        return 17 + (ctx > 1 ? FixedMath.ceilLog2(ctx) : 1);
    }

    /**
     * The core's scalar unit: the norms' reciprocal square root and attention's reciprocal. With
     * both, one fx_newton shares its multipliers between them (the core runs one op at a time);
     * else fx_rsqrt or fx_recip alone — one for every attention core, whose R slots never overlap.
     */
    private void writeScalarUnit(boolean anyNorm, List<CoreOp.Attention> attentions, int ctx) {
        if (!anyNorm && attentions.isEmpty()) return;
        l("    // ---- the scalar unit: rsqrt for the norms, recip for attention (MultiplierInventory RSQRT, ATTENTION) ----");
        String s = null;
        int sw = reciprocalWidth();
        if (!attentions.isEmpty()) {
            String mux = "att" + attentions.get(attentions.size() - 1).unit() + "_rin";
            for (int i = attentions.size() - 2; i >= 0; i--) {
                String u = "att" + attentions.get(i).unit();
                mux = "(tensor == 8'd" + attentions.get(i).unit() + ") ? " + u + "_rin : " + mux;
            }
            l("    wire [" + (sw - 1) + ":0] sc_s = " + mux + ";");
            s = "sc_s";
        }
        int vw = MultiplierInventory.normSumWidth(na, maxNormWidth()) + 1;   // the rsqrt's argument
        int block = seedsInBlockRam ? 1 : 0;                                 // its seed table (Plan.seedTable)
        if (anyNorm && s != null) {
            l("    fx_newton #(.VW(" + vw + "), .SW(" + sw + "), .TABLE(\"" + NumericTables.SEEDS + "\"), .BLOCK(" + block + "), .STAGES(" + program.scalarStages() + "))");
            l("        u_newton (.clk(clk), .recip(kind == K_ATTN), .v(rs_v), .s(sc_s), .y(sc_y), .e(sc_e));");
        } else if (anyNorm) {
            l("    fx_rsqrt #(.VW(" + vw + "), .TABLE(\"" + NumericTables.RSQRT + "\"), .BLOCK(" + block + "), .STAGES(" + program.scalarStages() + ")) u_rsqrt (.clk(clk), .v(rs_v), .y(sc_y), .e(sc_e));");
        } else {
            l("    fx_recip #(.SW(" + sw + "), .TABLE(\"" + NumericTables.RECIP + "\"), .BLOCK(" + block + "), .STAGES(" + program.scalarStages() + ")) u_recip (.clk(clk), .s(sc_s), .y(sc_y), .p(sc_e));");
        }
    }

    /** Lane n's ROM word rescaled from {@code fw} fraction bits to the activations' (round half up), at {@code ew} bits. */
    private String embScaled(String n, int ew, int fw) {
        return fw > fa ? "(" + ew + "'(ew" + n + ") + " + ew + "'sd" + (1L << (fw - fa - 1)) + ") >>> " + (fw - fa) : ew + "'(ew" + n + ") <<< " + (fa - fw);
    }

    private void writeLane(int ln, int rows, int vcount, boolean anyNorm) {
        String n = String.valueOf(ln);
        l("    // ---- lane " + ln + " ----");
        l("    wire signed [NW-1:0] w" + n + " = " + (roms.banks().isEmpty() ? "{NW{1'b0}}" : roms.banks().get(ln).signal()) + ";");
        // the lane's words of the operand row and of the row it writes, from its scratch memory
        l("    wire signed [NA-1:0] src" + n + " = scr_rd" + n + "[0 +: NA];");
        l("    wire signed [NA-1:0] old" + n + " = scr_rd" + n + "[NA +: NA];");
        l("    wire signed [NA-1:0] act" + n + " = mve_y[" + (ln * na) + " +: NA];");
        // the word in activation units: rescale(w, Fw, Fa), Fw the embedding's own (each embedding may have its format)
        int ew = Math.max(nw, nw + fa - embFracs.first()) + 1;
        // Icarus only: the embedding's scale sees the ROM word in embedding ops alone (the word changes
        // every clock of every linear; an event-driven simulator would rerun the scale each time)
        l("`ifdef __ICARUS__");
        l("    wire signed [NW-1:0] ew" + n + " = (kind == K_EMBED) ? w" + n + " : {NW{1'b0}};");
        l("`else");
        l("    wire signed [NW-1:0] ew" + n + " = w" + n + ";");
        l("`endif");
        if (embFracs.size() == 1) {
            l("    wire signed [" + (ew - 1) + ":0] embw" + n + " = " + embScaled(n, ew, embFracs.first()) + ";");
        } else {
            l("    reg signed [" + (ew - 1) + ":0] embw" + n + ";");
            l("    always @* begin");
            l("        case (emb_fw)");
            for (int f : embFracs) l("            6'd" + f + ": embw" + n + " = " + embScaled(n, ew, f) + ";");
            l("            default: embw" + n + " = " + embScaled(n, ew, embFracs.first()) + ";");
            l("        endcase");
            l("    end");
        }
        l("    wire signed [NA-1:0] emb" + n + " = " + sat("embw" + n, ew, na) + ";");
        // one saturating adder per lane: the row's old word plus the embedding's word (a position
        // embedding), the linear's result (a residual's accumulate) or the operand (an Add step)
        l("    wire signed [NA-1:0] add" + n + " = (kind == K_EMBED) ? emb" + n + " : (kind == K_LINEAR) ? act" + n + " : src" + n + ";");
        l("    wire signed [NA:0] sum" + n + " = (NA+1)'(old" + n + ") + (NA+1)'(add" + n + ");");
        l("    wire signed [NA-1:0] sums" + n + " = " + sat("sum" + n, na + 1, na) + ";");
        l("    reg signed [NA-1:0] wd" + n + ";");
        l("    always @* begin");
        l("        case (kind)");
        l("            K_EMBED: wd" + n + " = emb_pos ? sums" + n + " : emb" + n + ";");
        l("            K_LINEAR: wd" + n + " = lin_acc ? sums" + n + " : act" + n + ";");
        if (anyNorm) l("            K_NORM: wd" + n + " = norm_y[" + (ln * na) + " +: NA];");
        if (anyAffine) l("            K_AFFINE: wd" + n + " = aff_o" + n + ";");
        // the default is an Add step's sum where the model has one; without, a word every model
        // computes anyway, so a kind no op has does not keep the operand and old-value read ports
        boolean anyAdd = ops.stream().anyMatch(o -> o instanceof CoreOp.Add);
        l("            default: wd" + n + " = " + (anyAdd ? "sums" : "act") + n + ";");
        l("        endcase");
        l("    end");
        l("    wire we" + n + " = wr_en && lin_rowmask[" + ln + "] && wr_mask" + ln
                + (anyNorm && Timing.normShare(lanes) > 1 ? " && (kind != K_NORM || norm_we[" + ln + "])" : "") + ";");
        if (ln >= Math.min(logitRowLanes, vcount)) l("    /* verilator lint_off UNUSEDSIGNAL */ // no logit comes from this lane");
        l("    wire zwe" + n + " = running && kind == K_LINEAR && lin_logits && s2_wb && z_mask" + ln + ";");
        l("    wire signed [31:0] zd" + n + " = mve_z[" + (ln * 32) + " +: 32];");
        if (ln >= Math.min(logitRowLanes, vcount)) l("    /* verilator lint_on UNUSEDSIGNAL */");
    }
}
