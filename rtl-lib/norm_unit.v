// norm_unit: RMSNorm or LayerNorm (docs/numerics.md "Norms") of a vector the core reads LANES
// elements per clock. No learned parameters: y = sat(rnd((x - mean) * gain, shift)) with
// gain * 2^-shift ~= sqrt(n) / sqrt(sum of squares + n * eps), the gain a 16-bit mantissa
// (<= 2^16, GW = 18 bits signed) so each lane's product is at most (NA+1) x 18.
//
// Schedule, counted by `cyc` from the op's first clock (C = `chunks` = ceil(n / LANES),
// BASE = `base` = C + 1 for a LayerNorm, 0 for an RMSNorm); the caller presents chunk k of the
// vector on `x` as the schedule says and writes `y` back in the apply clocks:
//   LayerNorm only  cyc 0 .. C-1        x = chunk cyc             sum of x
//                   cyc C                                          mean = rnd(sum * 2^24/n, 24)
//   both            cyc BASE .. BASE+C-1  x = chunk cyc-BASE       sum of (x - mean)^2
//                   cyc BASE+C                                     sum + n * eps to the rsqrt
//                   cyc BASE+C+1                                   its rsqrt (the unit's table read)
//                   cyc BASE+C+2                                   gain and shift (with RS_STAGES = 2 the
//                                                                  rsqrt's second half too: its answer is taken
//                                                                  as the unit gives it, not from a register)
//                   cyc BASE+C+3 ..     x = chunk (cyc-(BASE+C+3)) / SHARE, each for SHARE clocks:
//                                       y = the normalized chunk, lane l's word in the
//                                       chunk's clock l % SHARE (y_we says which lanes)
// `x_valid` masks the lanes past the vector's end (they count as 0).
//
// Rounding by the data-dependent shift is a shifter per word; SHARE lanes share one
// (Timing.normShare): shifter k rounds lane k*SHARE + j's product in the chunk's clock j, so a
// chunk takes SHARE clocks to write and the core builds ceil(LANES / SHARE) shifters.
//
// Multipliers: the squares and the products with the gain run on the MAC lanes (one
// (NA+1) x MBW product per lane and clock through m_a, m_b, m_p; MBW = GW, or NA+1 when
// activations are wider than the gain: the square must fit), so the lanes are at least that
// wide. Of its own, through fx_mul so synthesis builds exactly the plan's unit "norm"
// (MultiplierInventory): one 18 x SQW for gain = rsqrt * sqrt(n) (a shift when every norm's
// sqrt(n) constant is one power of two: SQRT_SHIFT; shifts and adds, fx_cmul.v, when every
// norm's is one other constant: SQRT_K); and, with LAYERNORM, one SSW x (RCW+1) for the mean
// (a shift likewise: RECIP_SHIFT; shifts and adds: RECIP_K). A multiplier is left only where
// the norms' widths differ, so the constant is the op's (the sqrt_n, recip_n ports).
module norm_unit #(
    parameter integer LANES = 4,
    parameter integer NA = 16,                 // activation width
    parameter integer FA = 12,                 // activation fraction bits
    parameter integer SSW = 39,                // sum width (MultiplierInventory.normSumWidth)
    parameter integer GW = 18,                 // gain width (MultiplierInventory.normGainWidth)
    parameter integer SQW = 18,                // bits of the largest sqrt(n) constant
    parameter integer SQRT_SHIFT = -1,         // >= 0: every norm's sqrt(n) constant is 2^SQRT_SHIFT (no multiplier)
    parameter integer RECIP_SHIFT = -1,        // >= 0: every LayerNorm's 2^24/n constant is 2^RECIP_SHIFT (no multiplier)
    parameter integer RCW = 21,                // bits of the largest 2^24/n constant (LayerNorm)
    parameter integer SQRT_K = -1,             // >= 0: every norm's sqrt(n) constant (shifts and adds, not the port's multiplier)
    parameter integer RECIP_K = -1,            // >= 0: every LayerNorm's 2^24/n constant (likewise)
    parameter integer CYW = 8,                 // width of cyc
    parameter integer LAYERNORM = 1,           // 1: some norm of the core is a LayerNorm (builds the mean)
    parameter integer SHARE = 1,               // lanes per rounding shifter, a power of two (Timing.normShare)
    parameter integer RS_STAGES = 1            // clocks of the rsqrt's Newton step (the scalar unit's STAGES)
) (
    input  wire                     clk,
    input  wire                     active,    // a norm op is running; cyc counts its clocks
    input  wire [CYW-1:0]           cyc,
    input  wire                     ln,        // this norm is a LayerNorm
    input  wire [CYW-1:0]           chunks,
    input  wire [CYW-1:0]           base,
    input  wire [SQW-1:0]           sqrt_n,    // floor(sqrt(n) * 2^15 + 0.5)
    input  wire [RCW-1:0]           recip_n,   // floor(2^24 / n + 0.5), LayerNorm only
    input  wire [SSW-1:0]           neps,      // n * eps, eps in units 2^-(2 FA) (< 2^SSW for every format)
    input  wire [LANES-1:0]         x_valid,
    input  wire [LANES*NA-1:0]      x,         // lane i at bits i*NA
    output reg  [LANES*NA-1:0]      y,
    output wire [LANES-1:0]         y_we,      // in an apply clock: lane l's word of y is this clock's
    // the lanes' multipliers, borrowed from the matrix-vector engine (matvec_engine.v ext_*):
    // lane i multiplies m_a (x - mean) by m_b (x - mean, then the gain) and gives back m_p the
    // same clock. MBW = max(GW, NA+1), PW = MBW + NA + 1.
    output reg  [LANES*(NA+1)-1:0]  m_a,
    output reg  [LANES*((GW > NA + 1) ? GW : NA + 1)-1:0] m_b,
    input  wire [LANES*(((GW > NA + 1) ? GW : NA + 1) + NA + 1)-1:0] m_p,
    // the reciprocal square root, a scalar unit of the core (fx_rsqrt.v, or fx_newton.v shared
    // with attention's reciprocal): rs_y, rs_e = rsqrt(rs_v) one clock later (its table read),
    // RS_STAGES clocks later in all
    output wire [SSW:0]             rs_v,
    input  wire [17:0]              rs_y,
    input  wire [6:0]               rs_e
);
    localparam integer MBW = (GW > NA + 1) ? GW : NA + 1; // a lane multiplier's second operand: x - mean or the gain
    localparam integer PW = MBW + NA + 1;                // width of a lane's product
    localparam integer MAX_SHIFT = 15 - FA + SSW / 2;    // the largest shift: e <= SSW
    // With FA < 15 the shift is 1 .. MAX_SHIFT bits, fewer than the product has: rounding at
    // the product's own width needs one bit more, not 64 (sixteen 64-bit barrel shifters were
    // once the largest logic in the core). Otherwise the general 64-bit form.
    localparam integer NARROW = (FA < 15 && MAX_SHIFT < PW) ? 1 : 0;
    localparam integer SB = $clog2(MAX_SHIFT + 1);       // bits of the narrow shift amount

    // round half up: (v + 2^(s-1)) >> s; a negative s shifts left (docs/numerics.md section 1)
    function automatic signed [63:0] rnd(input signed [63:0] v, input signed [8:0] s);
        if (s > 0) rnd = (v + (64'sd1 <<< (s - 9'sd1))) >>> s;
        else rnd = v <<< (-s);
    endfunction
    // saturate to NA bits: v fits when its bits NA-1 and up are one sign run (a reduction, not
    // two comparators of v's width)
    function automatic signed [NA-1:0] sat_na(input signed [63:0] v);
        reg [64-NA:0] hi;
        hi = v[63:NA-1];
        sat_na = (&hi || ~|hi) ? v[NA-1:0] : v[63] ? {1'b1, {(NA-1){1'b0}}} : {1'b0, {(NA-1){1'b1}}};
    endfunction

    // The lanes multiply every clock of every linear. Icarus, an event-driven simulator, would
    // wake every lane's rounding here on each product; there the products and words reach this
    // unit only while a norm runs (__ICARUS__ is Icarus's own macro). Synthesis and Verilator
    // read the ports themselves; both simulators are held bit-exact to the reference.
`ifdef __ICARUS__
    wire [LANES*PW-1:0] mp = active ? m_p : {(LANES*PW){1'b0}};
    wire [LANES*NA-1:0] xg = active ? x : {(LANES*NA){1'b0}};
    wire [CYW-1:0] cy = active ? cyc : {CYW{1'b0}};      // ... and the op's clock (it counts every op's)
`else
    wire [LANES*PW-1:0] mp = m_p;
    wire [LANES*NA-1:0] xg = x;
    wire [CYW-1:0] cy = cyc;
`endif
    wire [CYW-1:0] apply0 = base + chunks + CYW'(3);
    wire subtract_mean = ln && cy > chunks;             // past the mean clock of a LayerNorm
    wire applying = cy >= apply0;
    localparam integer SHIFTERS = (LANES + SHARE - 1) / SHARE;
    localparam integer SUBW = (SHARE > 1) ? $clog2(SHARE) : 1;
    /* verilator lint_off UNUSEDSIGNAL */ // the lane within a group: the low bits of the apply clock
    wire [CYW-1:0] apply_cyc = cy - apply0;
    /* verilator lint_on UNUSEDSIGNAL */
    wire [SUBW-1:0] sub = (SHARE > 1) ? apply_cyc[SUBW-1:0] : {SUBW{1'b0}};

    reg [SSW-1:0] ss;
    reg signed [NA:0] mu;
    reg [17:0] ny_q;
    reg [6:0] ne_q;
    // the rsqrt's answer: registered at BASE+C+1, or (RS_STAGES = 2) as the unit gives it at BASE+C+2
    wire [17:0] ny = (RS_STAGES == 2) ? rs_y : ny_q;
    /* verilator lint_off UNUSEDSIGNAL */ // e is even: its low bit is always 0
    wire [6:0] ne = (RS_STAGES == 2) ? rs_e : ne_q;
    /* verilator lint_on UNUSEDSIGNAL */
    reg signed [GW-1:0] gain;
    /* verilator lint_off UNUSEDSIGNAL */ // the narrow rounding reads only the bits its shifts need
    reg signed [8:0] nsh;
    /* verilator lint_on UNUSEDSIGNAL */

    // ---- lanes: x - mean, one multiplier each (square, then times the gain) ----
    // The buses are variables written per lane, not nets: a net driven in LANES slices is
    // resolved whole on each slice's change in Icarus, LANES^2 work per clock.
    // the bits of a lane's product that t = nm >> (nsh - 1) leaves above its NA+2 low bits:
    // one mask for every lane (the narrow rounding below)
    /* verilator lint_off UNUSEDSIGNAL */ // only the narrow rounding reads it
    wire [PW-1:0] keep = {PW{1'b1}} << (8'(nsh[SB-1:0]) + 8'(NA));
    /* verilator lint_on UNUSEDSIGNAL */
    reg [LANES*(NA+1)-1:0] nx_bus;
    reg [LANES*SSW-1:0] sq_bus;
    reg [SHIFTERS*NA-1:0] yr_bus;                        // each shifter's rounded word
    genvar i;
    generate
        for (i = 0; i < LANES; i = i + 1) begin : g_lane
            wire signed [NA-1:0] xi = xg[i*NA +: NA];
            wire signed [NA:0] nx = x_valid[i] ? ({xi[NA-1], xi} - (subtract_mean ? mu : {(NA+1){1'b0}})) : {(NA+1){1'b0}};
            // size casts of signed values sign-extend: no repeat count that a wide NA makes negative
            wire signed [MBW-1:0] nb = applying ? MBW'(gain) : MBW'(nx);
            /* verilator lint_off UNUSEDSIGNAL */ // the square's sum reads SSW bits; the rounding reads g_round's
            wire signed [PW-1:0] nm = mp[i*PW +: PW];
            /* verilator lint_on UNUSEDSIGNAL */
            always @* m_a[i*(NA+1) +: NA+1] = nx;
            always @* m_b[i*MBW +: MBW] = nb;
            always @* sq_bus[i*SSW +: SSW] = SSW'(nm);
            always @* nx_bus[i*(NA+1) +: NA+1] = nx;
            always @* y[i*NA +: NA] = yr_bus[(i / SHARE)*NA +: NA];
            assign y_we[i] = (SHARE == 1) || sub == SUBW'(i % SHARE);
        end
        for (i = 0; i < SHIFTERS; i = i + 1) begin : g_round
            // the product of this clock's lane of the group
            /* verilator lint_off UNUSEDSIGNAL */ // the 64-bit rounding reads 64 bits of a wider product
            reg signed [PW-1:0] nm;
            /* verilator lint_on UNUSEDSIGNAL */
            integer j;
            always @* begin
                nm = mp[(i*SHARE)*PW +: PW];
                for (j = 1; j < SHARE; j = j + 1) if (i*SHARE + j < LANES && sub == SUBW'(j)) nm = mp[(i*SHARE + j)*PW +: PW];
            end
            reg signed [NA-1:0] yr;
            if (NARROW != 0) begin : g_narrow
                // rnd(nm, s) = (t + 1) >> 1 with t = nm >> (s - 1) (floor division nests). Only
                // t's low NA+2 bits are built (a shifter with NA+2 outputs, not PW+1), and
                // whether t fits them: its bits from NA+1 on are one sign run, tested through the
                // shared mask `keep`. A t that does not fit saturates by nm's sign.
                /* verilator lint_off UNUSEDSIGNAL */ // the window is t's low NA+2 bits
                wire signed [PW-1:0] t = nm >>> (nsh[SB-1:0] - SB'(1));
                /* verilator lint_on UNUSEDSIGNAL */
                wire t_fits = ~|((nm ^ {PW{nm[PW-1]}}) & keep);
                /* verilator lint_off UNUSEDSIGNAL */ // r = u >> 1 drops u's low bit
                wire signed [NA+2:0] u = (NA+3)'($signed(t[NA+1:0])) + (NA+3)'(1);
                /* verilator lint_on UNUSEDSIGNAL */
                wire [2:0] r_hi = u[NA+2:NA];                    // bits NA-1 and up of r = u >> 1
                wire fits = t_fits && (&r_hi || ~|r_hi);
                always @* yr = fits ? u[NA:1] : nm[PW-1] ? {1'b1, {(NA-1){1'b0}}} : {1'b0, {(NA-1){1'b1}}};
            end else begin : g_wide
                always @* yr = sat_na(rnd(64'(nm), nsh));
            end
            always @* yr_bus[i*NA +: NA] = yr;
        end
    endgenerate

    // ---- sums over the lanes (functions, called on the clock edge only: a combinational
    // block over every lane's bus would wake on each lane's change, LANES^2 work per clock in
    // an event-driven simulator) ----
    function automatic [SSW-1:0] sum_squares(input [LANES*SSW-1:0] bus);
        integer k;
        sum_squares = {SSW{1'b0}};
        for (k = 0; k < LANES; k = k + 1) sum_squares = sum_squares + bus[k*SSW +: SSW];
    endfunction
    function automatic signed [SSW-1:0] sum_x(input [LANES*(NA+1)-1:0] bus);
        integer k;
        sum_x = {SSW{1'b0}};
        for (k = 0; k < LANES; k = k + 1) sum_x = sum_x + {{(SSW-NA-1){bus[k*(NA+1)+NA]}}, bus[k*(NA+1) +: NA+1]};
    endfunction

    // ---- the mean (LayerNorm) ----
    generate
        if (LAYERNORM != 0) begin : g_mean
            reg signed [SSW-1:0] lsum;
            /* verilator lint_off UNUSEDSIGNAL */ // the mean (< 2^55 before its shift) reads 64 bits of a wider product
            wire signed [SSW+RCW:0] mean_p;
            /* verilator lint_on UNUSEDSIGNAL */
            if (RECIP_SHIFT >= 0) begin : g_mean_shift
                // every LayerNorm's 2^24/n constant is 2^RECIP_SHIFT (n a power of two): a shift
                /* verilator lint_off UNUSEDSIGNAL */ // the constant is the table's too
                wire [RCW-1:0] unused_recip_n = recip_n;
                /* verilator lint_on UNUSEDSIGNAL */
                assign mean_p = (SSW+RCW+1)'(lsum) <<< RECIP_SHIFT;
            end else if (RECIP_K >= 0) begin : g_mean_const
                /* verilator lint_off UNUSEDSIGNAL */ // the constant is the table's too
                wire [RCW-1:0] unused_recip_n = recip_n;
                /* verilator lint_on UNUSEDSIGNAL */
                fx_cmul #(.AW(SSW), .KW(RCW+1), .K(RECIP_K)) u_mean (.a(lsum), .p(mean_p));
            end else begin : g_mean_mul
                fx_mul #(.AW(SSW), .BW(RCW+1), .SIGNED(1)) u_mean (.a(lsum), .b({1'b0, recip_n}), .p(mean_p));
            end
            always @(posedge clk) begin
                if (active && ln && cy < chunks) lsum <= (cy == 0 ? {SSW{1'b0}} : lsum) + sum_x(nx_bus);
                if (active && ln && cy == chunks) mu <= (NA+1)'(rnd(64'(mean_p), 9'sd24));
                if (active && !ln) mu <= {(NA+1){1'b0}};
            end
        end else begin : g_no_mean
            /* verilator lint_off UNUSEDSIGNAL */ // an RMSNorm-only core has no mean to take
            wire unused = &{1'b0, ln, recip_n, nx_bus};
            /* verilator lint_on UNUSEDSIGNAL */
            always @(posedge clk) if (active) mu <= {(NA+1){1'b0}};
        end
    endgenerate

    // ---- sum of squares, rsqrt, gain ----
    assign rs_v = {1'b0, ss} + {1'b0, neps};
    wire [18+SQW-1:0] gain_p;
    generate
        if (SQRT_SHIFT >= 0) begin : g_gain_shift
            // every norm's sqrt(n) constant is 2^SQRT_SHIFT (n a power of four): the product is a shift
            /* verilator lint_off UNUSEDSIGNAL */ // the constant is the table's too
            wire [SQW-1:0] unused_sqrt_n = sqrt_n;
            /* verilator lint_on UNUSEDSIGNAL */
            assign gain_p = (18+SQW)'(ny) << SQRT_SHIFT;
        end else if (SQRT_K >= 0) begin : g_gain_const
            // every norm's sqrt(n) constant is SQRT_K: shifts and adds (fx_cmul.v), no multiplier
            /* verilator lint_off UNUSEDSIGNAL */ // the constant is the table's too; the product is below 2^(18+SQW)
            wire [SQW-1:0] unused_sqrt_n = sqrt_n;
            wire signed [18+SQW+1:0] gain_s;
            /* verilator lint_on UNUSEDSIGNAL */
            fx_cmul #(.AW(19), .KW(SQW+1), .K(SQRT_K)) u_gain (.a({1'b0, ny}), .p(gain_s));
            assign gain_p = gain_s[18+SQW-1:0];
        end else begin : g_gain_mul
            fx_mul #(.AW(18), .BW(SQW), .SIGNED(0)) u_gain (.a(ny), .b(sqrt_n), .p(gain_p));
        end
    endgenerate
    // the gain keeps a 16-bit mantissa (G <= 2^16): k = max(0, bitlength(gain_p) - 31) bits go to the shift
    reg [6:0] gk;
    integer b;
    always @* begin
        gk = 7'd0;
        for (b = 31; b < 18 + SQW; b = b + 1) if (gain_p[b]) gk = 7'(b - 30);
    end
    // gain = rnd(gain_p, 15 + gk) = ((gain_p >> (14 + gk)) + 1) >> 1 (floor division nests): a
    // constant shift, then one of a few (gk <= 18 + SQW - 31), then an adder of the kept bits
    wire [18+SQW-15:0] g14 = gain_p[18+SQW-1:14];
    /* verilator lint_off UNUSEDSIGNAL */ // gain <= 2^16: the low GW bits of (g + 1) >> 1
    wire [18+SQW-15:0] g_sh = g14 >> gk;
    wire [18+SQW-14:0] g_u = (18+SQW-13)'(g_sh) + (18+SQW-13)'(1);
    /* verilator lint_on UNUSEDSIGNAL */
    wire signed [GW-1:0] gain_r = GW'(g_u >> 1);
    always @(posedge clk) begin
        if (active && cy >= base && cy < base + chunks) ss <= (cy == base ? {SSW{1'b0}} : ss) + sum_squares(sq_bus);
        if (active && cy == base + chunks + 1'b1) begin ny_q <= rs_y; ne_q <= rs_e; end
        if (active && cy == base + chunks + CYW'(2)) begin
            gain <= gain_r;
            nsh <= 9'(15 - FA) + $signed({3'd0, ne[6:1]}) - $signed({2'd0, gk});
        end
    end
endmodule
