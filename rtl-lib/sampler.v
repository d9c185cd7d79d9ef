// Samples a token from softmax(z / T) per docs/numerics.md "Sample", with xorshift32 random
// numbers, serially: ONE (1/T) multiplier and ONE exp unit, one logit per clock
// (docs/architecture.md SAMPLE). The sequencer holds `active` for V + 2 + TC + S cycles,
// S = ceil(log2 V) (0 when V = 1), cyc = 0, 1, ...:
//   cyc 0              M = max z, kept by logit_max.v as the logits were written; the generator steps when `choose`
//   cyc 1 .. V         stage 1, logit i = cyc-1 (asked for on z_ra the clock before): g_i = rnd(max(z_i - M, -2^(FA+7)) * INV_T, 16),
//                      the exp's table words for it read at the clock's end (fx_exp_neg.v, clocked)
//   cyc 2 .. V+1       stage 2, logit i = cyc-2: e_i = expNeg(g_i); C_i = C_(i-1) + e_i (one adder),
//                      C_0 .. C_(V-2) written to a small memory (one write port, one read port)
//   cyc V+2 .. V+1+TC  target = (r * C_(V-1)) >> 32: four partial products, TC = ceil(4 / TL)
//                      clocks of TL each on TL lanes, or 4 clocks on its own multiplier
//   cyc V+2+TC .. V+1+TC+S
//                      the pick, a binary search over the stored C_i (non-decreasing): token =
//                      #{i : C_i <= target} = the smallest i with C_i > target (C_(V-1) > target
//                      always, as C_(V-1) >= 2^15). Step b = S-1 .. 0 probes index pos | (2^b - 1)
//                      with one comparator; token is registered at the last step.
// Multipliers (through fx_mul, the plan's unit "sampler"): none for the temperature (d x 1/T
// in shifts and adds, fx_cmul.v; a shift when 1/T is a power of two), one exp unit (16x16),
// and for the target r * C four partial products (a 16-bit half of r times a
// CH-bit half of C) shifted and added: with LANES_TARGET = 1 (MultiplierInventory.
// samplerTargetOnLanes) on TL = min(4, lanes) of the core's lanes (17 bits signed on m_a, CH+1
// on m_b; in target clock j lane k gives partial j*TL + k), else on one 16 x CH multiplier of
// its own over four clocks (LANES_TARGET = 0: lanes too narrow to lend; a 32 x CW product
// would take four DSP cells where this takes one). Only a vocabulary past 2^15 (CH > 16)
// multiplies 32 x CW in one clock.
// `load` (reset) seeds the generator: state = seed XOR 0x9E3779B9, or 0x9E3779B9 when that is 0.
module sampler #(
    parameter integer V = 27,
    parameter integer IW = 5,
    parameter integer CYW = 8,
    parameter integer FA = 12,
    parameter integer INV_T = 131072,          // min(2^24, max(1, round(2^16 / T)))
    parameter integer LANES_TARGET = 0,        // 1: the target r * C on the lanes (m_a, m_b, m_p)
    parameter integer TL = 4,                  // with LANES_TARGET: lanes it runs on, 1..4
    parameter integer CH = 11,                 // C's low half: ceil(CW / 2) bits (MultiplierInventory.samplerTargetHalf)
    parameter integer SUM_STYLE = 1,           // the stored sums in 3: the large single-port RAM, 2: block RAM, 1: LUT RAM, 0: flip-flops (the plan's choice)
    parameter integer EXT_EXP = 0,             // 1: the exp tables are lent (x_d out; x_hi, x_lo, x_zero in a clock later; fx_exp_neg.v EXT)
    parameter integer EXP_BLOCK = 0,           // its own exp tables in block RAM (1) or logic (0), the plan's choice
    parameter HI_TABLE = "exp_hi.hex",
    parameter LO_TABLE = "exp_lo.hex"
) (
    input  wire            clk,
    input  wire            load,
    input  wire [31:0]     seed,
    input  wire            active,
    input  wire            choose,
    input  wire [CYW-1:0]  cyc,
    // the logits, a word a clock: logit z_ra is on z_rd the next clock (a registered read of the
    // top's logit store: a memory, or the logit registers behind a select)
    output wire [IW-1:0]   z_ra,
    input  wire [31:0]     z_rd,
    input  wire [31:0]     zmax,               // max z (logit_max.v)
    output reg  [IW-1:0]   token,
    // with LANES_TARGET: lanes 0..TL-1's operands in the target clocks (0 otherwise) and their products
    output wire [4*17-1:0]       m_a,
    output wire [4*(CH+1)-1:0]   m_b,
    /* verilator lint_off UNUSEDSIGNAL */ // without LANES_TARGET the lanes are not borrowed
    input  wire [4*(CH+18)-1:0]  m_p,
    /* verilator lint_on UNUSEDSIGNAL */
    // with EXT_EXP: its exp's argument and the lent tables' words for it
    output wire signed [32:0]    x_d,
    input  wire [15:0]           x_hi,
    input  wire [15:0]           x_lo,
    input  wire                  x_zero
);
    localparam integer LV = (V > 1) ? $clog2(V) : 1;
    localparam integer S = (V > 1) ? $clog2(V) : 0;            // search steps
    localparam integer CW = 17 + LV;                            // cumulative sums
    localparam integer DW = FA + 9;                             // d in [-2^(FA+7), 0]
    localparam integer GW = DW + 26;                            // d * INV_T
    localparam [CYW-1:0] C_SUM_FIRST = CYW'(2);
    localparam [CYW-1:0] C_SUM_LAST = CYW'(V + 1);
    localparam integer TC = (LANES_TARGET != 0) ? (4 + TL - 1) / TL : (CH <= 16) ? 4 : 1;   // target clocks (Timing.sampleTargetClocks)
    localparam [CYW-1:0] C_TARGET = CYW'(V + 2);
    localparam [CYW-1:0] C_TLAST = CYW'(V + 1 + TC);
    localparam [CYW-1:0] C_LAST = CYW'(V + 1 + TC + S);

    // Icarus, an event-driven simulator, would run this unit's datapath on every clock of every
    // op (the op clock and the lanes' products change each clock); there it sees them only while
    // it runs (__ICARUS__ is Icarus's own macro). Synthesis and Verilator read the ports
    // themselves; both simulators are held bit-exact to the reference.
    /* verilator lint_off UNUSEDSIGNAL */ // without LANES_TARGET no lane's product is read
`ifdef __ICARUS__
    wire [CYW-1:0] cy = active ? cyc : {CYW{1'b0}};
    wire [4*(CH+18)-1:0] mpg = active ? m_p : {(4*(CH+18)){1'b0}};
`else
    wire [CYW-1:0] cy = cyc;
    wire [4*(CH+18)-1:0] mpg = m_p;
`endif
    /* verilator lint_on UNUSEDSIGNAL */
    wire [31:0] mixed = seed ^ 32'h9E3779B9;
    wire [31:0] state;
    xorshift32 u_rng (.clk(clk), .load(load), .seed(mixed == 32'd0 ? 32'h9E3779B9 : mixed),
                      .step(active && choose && cy == {CYW{1'b0}}), .state(state));

    // ---- cycle 0: the maximum ----
    reg signed [31:0] mx;

    // ---- stage 1 (cy 1..V): logit cy-1, d, d * INV_T, rounding ----
    /* verilator lint_off UNUSEDSIGNAL */ // only the low bits index a sum
    wire [CYW-1:0] i2 = cy - CYW'(2);
    /* verilator lint_on UNUSEDSIGNAL */
    // logit cy is asked for at clock cy and given at cy + 1, when stage 1 takes logit cy - 1
    assign z_ra = IW'(cy);
    wire signed [31:0] zi = z_rd;
    localparam signed [32:0] FLOOR = -(33'sd1 <<< (FA + 7));
    wire signed [32:0] diff = {zi[31], zi} - {mx[31], mx};
    wire signed [DW-1:0] d = (diff < FLOOR) ? FLOOR[DW-1:0] : diff[DW-1:0];
    // d x INV_T (<= 2^24, so 26 bits signed) in shifts and adds (fx_cmul.v), or a shift when
    // INV_T is a power of two (T = 2^k: MultiplierInventory.temperatureShift)
    localparam integer T_SHIFT = ((INV_T & (INV_T - 1)) == 0) ? $clog2(INV_T) : -1;
    // g = rnd(d * INV_T, 16). With a shift it is exact in fewer bits: d * 2^(T_SHIFT - 16) when
    // T_SHIFT >= 16, else (d + 2^(15 - T_SHIFT)) >> (16 - T_SHIFT) (floor division nests), GR bits
    localparam integer GR = (T_SHIFT < 0) ? GW : (T_SHIFT > 16) ? DW + T_SHIFT - 15 : DW + 1;
    wire signed [GR-1:0] g_next;
    generate
        if (T_SHIFT >= 16) begin : g_t_shift_up
            assign g_next = GR'(d) <<< (T_SHIFT - 16);
        end else if (T_SHIFT >= 0) begin : g_t_shift_down
            assign g_next = (GR'(d) + GR'(1 << (15 - T_SHIFT))) >>> (16 - T_SHIFT);
        end else begin : g_t_mul
            wire signed [GW-1:0] prod;
            fx_cmul #(.AW(DW), .KW(26), .K(INV_T)) u_t (.a(d), .p(prod));     // shifts and adds: no DSP cell
            assign g_next = (prod + GW'(32768)) >>> 16;
        end
    endgenerate

    // ---- stage 2 (cy 2..V+1): exp, running sum. The exp's tables took g at stage 1's edge
    // (their clocked read is the stage register), so no register of g is needed ----
    wire [15:0] e;
    fx_exp_neg #(.DW(GR), .FA(FA), .EXT(EXT_EXP), .HI_TABLE(HI_TABLE), .LO_TABLE(LO_TABLE), .BLOCK(EXP_BLOCK))
        u_exp (.clk(clk), .d(g_next), .y(e), .x_d(x_d), .x_hi(x_hi), .x_lo(x_lo), .x_zero(x_zero));
    reg [CW-1:0] acc;
    wire [CW-1:0] sum = ((cy == C_SUM_FIRST) ? {CW{1'b0}} : acc) + {{(CW-16){1'b0}}, e};

    // ---- target and pick ----
    reg [CW-1:0] target;
    /* verilator lint_off UNUSEDSIGNAL */ // target keeps the upper part: (r * C) >> 32
    wire [CW+31:0] scaled;                                      // 32 x CW unsigned
    generate
        if (((LANES_TARGET != 0 && TL == 1) || LANES_TARGET == 0) && CH <= 16) begin : g_horner
            // one multiplier (a lane's or its own), four clocks, Horner's rule: clock j multiplies partial 3 - j (rh ch, rh cl,
            // rl ch, rl cl) and a = a 2^s + p with s = CH, 16 - CH, CH, so a = r C after the last:
            // the products enter at bit 0 and a takes two shifts, where placing each partial at
            // its own shift would take a four-way select of the whole width
            wire [15:0] rl = state[15:0], rh = state[31:16];
            wire [CH-1:0] cl = acc[CH-1:0];
            wire [CH-1:0] ch = CH'(acc[CW-1:CH]);
            /* verilator lint_off UNUSEDSIGNAL */ // only the low bits count target clocks
            wire [CYW-1:0] tj = cy - C_TARGET;                   // the target clock, 0 .. 3
            /* verilator lint_on UNUSEDSIGNAL */
            wire target_clk = active && cy >= C_TARGET && cy <= C_TLAST;
            wire [15:0] ra = tj[1] ? rl : rh;
            wire [CH-1:0] ca = tj[0] ? cl : ch;
            wire [16+CH-1:0] prod;                              // this clock's partial, below 2^(16+CH)
            if (LANES_TARGET != 0) begin : g_on_lane
                assign m_a = target_clk ? {{(3*17){1'b0}}, 1'b0, ra} : {(4*17){1'b0}};
                assign m_b = target_clk ? {{(3*(CH+1)){1'b0}}, 1'b0, ca} : {(4*(CH+1)){1'b0}};
                assign prod = mpg[0 +: 16+CH];
            end else begin : g_own
                assign m_a = {(4*17){1'b0}};
                assign m_b = {(4*(CH+1)){1'b0}};
                fx_mul #(.AW(16), .BW(CH), .SIGNED(0)) u_target (.a(ra), .b(ca), .p(prod));
            end
            reg [CW+31:0] tacc;                                 // a after the clocks before
            wire [CW+31:0] shifted = tj[1:0] == 2'd0 ? {(CW+32){1'b0}} : tj[1:0] == 2'd2 ? tacc << (16 - CH) : tacc << CH;
            assign scaled = shifted + (CW+32)'(prod);
            always @(posedge clk) if (target_clk) tacc <= scaled;
        end else if (LANES_TARGET != 0) begin : g_lanes_target
            // r = rh 2^16 + rl, C = ch 2^CH + cl: partial 0 rl cl, 1 rl ch, 2 rh cl, 3 rh ch,
            // shifted by 0, CH, 16, 16 + CH; in target clock j lane k gives partial j*TL + k
            wire [15:0] rl = state[15:0], rh = state[31:16];
            wire [CH-1:0] cl = acc[CH-1:0];
            wire [CH-1:0] ch = CH'(acc[CW-1:CH]);
            /* verilator lint_off UNUSEDSIGNAL */ // only the low bits count target clocks
            wire [CYW-1:0] tj = cy - C_TARGET;                   // the target clock, 0 .. TC-1
            /* verilator lint_on UNUSEDSIGNAL */
            wire target_clk = active && cy >= C_TARGET && cy <= C_TLAST;
            reg [4*17-1:0] ma_r;
            reg [4*(CH+1)-1:0] mb_r;
            reg [CW+31:0] part, lane_term;
            integer k, j;
            always @* begin
                ma_r = {(4*17){1'b0}};
                mb_r = {(4*(CH+1)){1'b0}};
                part = {(CW+32){1'b0}};
                // lane k's partial sits at the shift of the clock's partial: one clock's term at a
                // time, so the clocks' terms are ORed (a select), and the lanes' terms added
                for (k = 0; k < TL; k = k + 1) begin
                    lane_term = {(CW+32){1'b0}};
                    for (j = 0; j < TC; j = j + 1) begin
                        if (j * TL + k < 4 && (TC == 1 || tj == CYW'(j))) begin
                            ma_r[k*17 +: 17] = {1'b0, ((j * TL + k) >= 2) ? rh : rl};
                            mb_r[k*(CH+1) +: CH+1] = {1'b0, ((j * TL + k) % 2 == 1) ? ch : cl};
                            // each partial product is below 2^(16+CH): its low bits, unsigned
                            lane_term = lane_term | ((CW+32)'(mpg[k*(CH+18) +: 16+CH]) << (((j * TL + k) >= 2 ? 16 : 0) + ((j * TL + k) % 2 == 1 ? CH : 0)));
                        end
                    end
                    part = part + lane_term;
                end
            end
            assign m_a = target_clk ? ma_r : {(4*17){1'b0}};
            assign m_b = target_clk ? mb_r : {(4*(CH+1)){1'b0}};
            if (TC == 1) begin : g_one_clock
                assign scaled = part;
            end else begin : g_clocks
                reg [CW+31:0] tacc;                             // the earlier target clocks' partials
                always @(posedge clk) if (target_clk) tacc <= scaled;
                assign scaled = (tj == {CYW{1'b0}} ? {(CW+32){1'b0}} : tacc) + part;
            end
        end else begin : g_own_target
            fx_mul #(.AW(32), .BW(CW), .SIGNED(0)) u_target (.a(state), .b(acc), .p(scaled));
            assign m_a = {(4*17){1'b0}};
            assign m_b = {(4*(CH+1)){1'b0}};
        end
    endgenerate
    /* verilator lint_on UNUSEDSIGNAL */

    always @(posedge clk) begin
        if (active) begin
            if (cy == {CYW{1'b0}}) mx <= zmax;
            if (cy >= C_SUM_FIRST && cy <= C_SUM_LAST) acc <= sum;
            if (cy == C_TLAST) target <= scaled[CW+31:32];
        end
    end

    generate
        if (V > 1) begin : g_search
            // C_0 .. C_(V-2): C_(V-1) is never probed (the answer is at most V-1)
            localparam integer XB = (V > 2) ? $clog2(V - 1) : 1;    // bits of an index into it (V - 1 = 64: 6, not LV = 7)
            wire cum_we = active && cy >= C_SUM_FIRST && cy < C_SUM_LAST;
            // the search: pos holds the answer's bits above `bit`; step b probes pos | 2^b
            reg [IW-1:0] pos;
            reg [IW-1:0] bit_r;                                 // 2^b, b = S-1 .. 0
            wire [IW-1:0] probe = pos | bit_r;                  // candidate answer; tests C_(probe-1) <= target
            wire take;
            reg [IW-1:0] pos_n, bit_n;                          // their values from the next clock
            always @* begin
                pos_n = pos;
                bit_n = bit_r;
                if (active && cy == C_TLAST) begin
                    pos_n = {IW{1'b0}};
                    bit_n = IW'(1) << (S - 1);
                end else if (active && cy > C_TLAST) begin
                    if (take) pos_n = probe;
                    bit_n = bit_r >> 1;
                end
            end
            /* verilator lint_off UNUSEDSIGNAL */ // a probe past V - 1 is never taken: its index's high bits do not matter
            wire [IW-1:0] at_full = pos | (bit_r - IW'(1));
            wire [IW-1:0] at_next_full = pos_n | (bit_n - IW'(1));
            wire [XB-1:0] at = at_full[XB-1:0];                 // C_at, probed this clock (block RAM reads at_next_full a clock ahead)
            /* verilator lint_on UNUSEDSIGNAL */
            wire [CW-1:0] cum_at;                               // C_at, the probed sum
            // where the sums live is the plan's choice (attributes must be literals: three branches)
            if (SUM_STYLE == 2) begin : g_cum_block
                // block RAM, read on the rising edge at the next clock's probe (from the next pos
                // and bit): the word is there for the whole clock of its comparison. The sums are
                // all written before the first probe is read.
                (* ram_style = "block", ramstyle = "M10K", syn_ramstyle = "block_ram" *)
                reg [CW-1:0] cum [0:V-2];
                reg [CW-1:0] word;
                always @(posedge clk) begin
                    if (cum_we) cum[i2[XB-1:0]] <= sum;
                    word <= cum[at_next_full[XB-1:0]];
                end
                assign cum_at = word;
            end else if (SUM_STYLE == 3) begin : g_cum_large
                // the part's large single-port RAM (UltraPlus SPRAM): one address, the write's
                // while the sums are written, else the next clock's probe; on a write clock the
                // word register keeps its value (the RAM's read no-change), and no probe is read
                // before the last sum is written (C_SUM_LAST <= C_TLAST)
                (* ram_style = "huge" *)
                reg [CW-1:0] cum [0:V-2];
                reg [CW-1:0] word;
                wire [XB-1:0] ca = cum_we ? i2[XB-1:0] : at_next_full[XB-1:0];
                always @(posedge clk) begin
                    if (cum_we) cum[ca] <= sum;
                    else word <= cum[ca];
                end
                assign cum_at = word;
            end else if (SUM_STYLE == 1) begin : g_cum_lutram
                (* ram_style = "distributed", ramstyle = "MLAB, no_rw_check", syn_ramstyle = "select_ram" *)
                reg [CW-1:0] cum [0:V-2];
                always @(posedge clk) if (cum_we) cum[i2[XB-1:0]] <= sum;
                assign cum_at = cum[at];
            end else begin : g_cum_registers
                (* ram_style = "logic", ramstyle = "logic", syn_ramstyle = "registers" *)
                reg [CW-1:0] cum [0:V-2];
                always @(posedge clk) if (cum_we) cum[i2[XB-1:0]] <= sum;
                assign cum_at = cum[at];
            end
            assign take = ({{(32-IW){1'b0}}, probe} <= V - 1) && cum_at <= target;
            always @(posedge clk) begin
                pos <= pos_n;
                bit_r <= bit_n;
                if (active && cy == C_LAST && cy > C_TLAST) token <= take ? probe : pos;
            end
        end else begin : g_one
            always @(posedge clk) if (active && cy == C_LAST) token <= {IW{1'b0}};
        end
    endgenerate
endmodule
