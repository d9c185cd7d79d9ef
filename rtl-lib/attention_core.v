// Causal multi-head attention with its KV cache, per docs/numerics.md "Attention", all heads
// in parallel. The sequencer holds `active` for 2*pos+5+HD cycles (HD = W/H, the head dim)
// and drives `cyc` = 0, 1, ...:
//   cyc 0                  k_new, v_new are written to cache row `pos`
//   cyc 1 .. pos+1         K row tau = cyc-1 is read (registered)
//   cyc 2 .. pos+2         scores s[h][tau] = scale(q_h . k_tau), running max M[h]
//   cyc pos+2 .. 2pos+2    V row tau = cyc-pos-2 is read
//   cyc pos+3 .. 2pos+3    e = expNeg(s - M); acc[d] += e * v_tau[d]; S[h] += e
//   cyc 2pos+4             (y, p) = recip(S[h])
//   cyc 2pos+5+j, j < HD   per head: o[h*HD+j] = sat(rnd(acc[h*HD+j] * y, 15 + p), NA),
//                          o_we[h*HD+j] = 1 (write it this cycle); o[d] shows its head's
//                          current output, valid while o_we[d] is high
// Width multipliers serve both q.k and e*v (they never run in the same cycle). The output
// stage is one acc x y multiplier and one rounding shifter per head, stepping through the
// head's HD elements, one per cycle (the arithmetic per element is the same as all at once).
// Multipliers (all through fx_mul, listed by the plan as unit "attention"): W of OPW x NA
// (q.k and e.v), per head one AW x 19 (acc x y), one exp (16x16) and one recip (16x16,
// 17x19), and per head RW x 17 when the head dim is not a power of four.
module attention_core #(
    parameter integer W = 16,                  // width of q, k, v (all heads)
    parameter integer H = 4,                   // heads
    parameter integer CTX = 16,                // context (cache rows)
    parameter integer NA = 16,
    parameter integer FA = 12,
    parameter integer PW = 4,                  // bits of pos
    parameter integer CYW = 8,                 // bits of cyc
    parameter integer SK = 1,                  // head dim = 4^SK; -1: scale by INV_SQRT_HD instead
    parameter integer INV_SQRT_HD = 0,
    parameter integer KV_STYLE = 2,            // K and V caches in 2: block RAM, 1: distributed RAM, 0: flip-flops (the plan's choice)
    parameter HI_TABLE = "exp_hi.hex",
    parameter LO_TABLE = "exp_lo.hex",
    parameter RECIP_TABLE = "recip_table.hex"
) (
    input  wire              clk,
    input  wire              active,
    input  wire [CYW-1:0]    cyc,
    input  wire [PW-1:0]     pos,
    input  wire [W*NA-1:0]   q,
    input  wire [W*NA-1:0]   k_new,
    input  wire [W*NA-1:0]   v_new,
    output wire [W*NA-1:0]   o,
    output wire [W-1:0]      o_we
);
    localparam integer HD = W / H;
    localparam integer LHD = (HD > 1) ? $clog2(HD) : 1;
    localparam integer LCTX = (CTX > 1) ? $clog2(CTX) : 1;
    localparam integer OPW = (NA > 17) ? NA : 17;              // multiplier operand a: q (NA) or e (17, unsigned value <= 2^15)
    localparam integer MW = OPW + NA;                          // product
    localparam integer RW = MW + LHD;                          // raw score
    localparam integer SW = 17 + LCTX;                         // sum of e (>= 2^15)
    localparam integer AW = NA + 17 + LCTX;                    // value accumulator
    localparam integer PRW = AW + 18;                          // acc * y

    // ---- KV cache: one row per position, whole vectors ----
    reg [W*NA-1:0] k_rd;
    reg [W*NA-1:0] v_rd;
    wire [CYW-1:0] t = {{(CYW-PW){1'b0}}, pos};
    /* verilator lint_off UNUSEDSIGNAL */ // the upper bits of the address arithmetic are zero whenever a read matters
    wire [CYW-1:0] kaddr_full = cyc - CYW'(1);
    wire [CYW-1:0] vaddr_full = cyc - t - CYW'(2);
    /* verilator lint_on UNUSEDSIGNAL */
    wire [PW-1:0] kaddr = kaddr_full[PW-1:0];                 // only read while in range; upper bits are zero then
    wire [PW-1:0] vaddr = vaddr_full[PW-1:0];
    wire kv_we = active && cyc == {CYW{1'b0}};
    // Where the caches go is the plan's choice (attributes must be literals: two branches).
    generate
        if (KV_STYLE == 2) begin : g_kv_block
            (* ram_style = "block", ramstyle = "M10K", syn_ramstyle = "block_ram" *)
            reg [W*NA-1:0] kram [0:CTX-1];
            (* ram_style = "block", ramstyle = "M10K", syn_ramstyle = "block_ram" *)
            reg [W*NA-1:0] vram [0:CTX-1];
            always @(posedge clk) begin
                if (kv_we) begin
                    kram[pos] <= k_new;
                    vram[pos] <= v_new;
                end
                k_rd <= kram[kaddr];
                v_rd <= vram[vaddr];
            end
        end else if (KV_STYLE == 1) begin : g_kv_distributed
            (* ram_style = "distributed", ramstyle = "MLAB", syn_ramstyle = "select_ram" *)
            reg [W*NA-1:0] kram [0:CTX-1];
            (* ram_style = "distributed", ramstyle = "MLAB", syn_ramstyle = "select_ram" *)
            reg [W*NA-1:0] vram [0:CTX-1];
            always @(posedge clk) begin
                if (kv_we) begin
                    kram[pos] <= k_new;
                    vram[pos] <= v_new;
                end
                k_rd <= kram[kaddr];
                v_rd <= vram[vaddr];
            end
        end else begin : g_kv_registers
            (* ram_style = "logic", ramstyle = "logic", syn_ramstyle = "registers" *)
            reg [W*NA-1:0] kram [0:CTX-1];
            (* ram_style = "logic", ramstyle = "logic", syn_ramstyle = "registers" *)
            reg [W*NA-1:0] vram [0:CTX-1];
            always @(posedge clk) begin
                if (kv_we) begin
                    kram[pos] <= k_new;
                    vram[pos] <= v_new;
                end
                k_rd <= kram[kaddr];
                v_rd <= vram[vaddr];
            end
        end
    endgenerate

    // ---- phases ----
    wire score_phase = active && cyc >= 2 && cyc <= t + 2;
    wire exp_phase = active && cyc >= t + 3 && cyc <= 2 * t + 3;
    wire recip_phase = active && cyc == 2 * t + 4;
    wire out_phase = active && cyc >= 2 * t + 5 && cyc <= 2 * t + 4 + CYW'(HD);
    /* verilator lint_off UNUSEDSIGNAL */ // the upper bits of the element index are zero in the output phase
    wire [CYW-1:0] j_full = cyc - 2 * t - CYW'(5);
    /* verilator lint_on UNUSEDSIGNAL */
    wire [LHD-1:0] j = j_full[LHD-1:0];                      // the element of each head written this cycle
    wire [CYW-1:0] tau_s = cyc - CYW'(2);
    wire [CYW-1:0] tau_e = cyc - t - CYW'(3);

    // ---- per head: scores, max, exp, sums ----
    reg signed [31:0] sc [0:H*CTX-1];
    reg signed [31:0] mx [0:H-1];
    reg [SW-1:0] sum [0:H-1];
    reg [17:0] ry [0:H-1];
    reg [6:0] rp [0:H-1];
    wire [16:0] e [0:H-1];
    wire signed [MW-1:0] m [0:W-1];
    wire [W*AW-1:0] acc_bus;                                   // the value accumulators, element d at d*AW

    genvar h, d;
    generate
        for (h = 0; h < H; h = h + 1) begin : g_head
            // raw score: the head's slice of the products
            reg signed [RW-1:0] raw;
            integer i;
            always @* begin
                raw = {RW{1'b0}};
                for (i = 0; i < HD; i = i + 1) raw = raw + {{(RW-MW){m[h*HD+i][MW-1]}}, m[h*HD+i]};
            end
            // scaled to activation units, saturated to 32 bits
            wire signed [RW+17:0] scaled_wide;
            if (SK >= 0) begin : g_pow4
                assign scaled_wide = ($signed({{18{raw[RW-1]}}, raw}) + ((RW+18)'(1) <<< (FA + SK - 1))) >>> (FA + SK);  // $signed: a concatenation is unsigned
            end else begin : g_mul
                // raw x INV_SQRT_HD (< 2^16, so 17 bits signed) through fx_mul (see fx_mul.v)
                wire signed [RW+16:0] scaled_raw;
                fx_mul #(.AW(RW), .BW(17), .SIGNED(1)) u_scale (.a(raw), .b(17'(INV_SQRT_HD)), .p(scaled_raw));
                assign scaled_wide = ($signed({scaled_raw[RW+16], scaled_raw}) + ((RW+18)'(1) <<< (FA + 15))) >>> (FA + 16);
            end
            wire signed [31:0] s = (scaled_wide > $signed((RW+18)'(32'sh7fffffff))) ? 32'sh7fffffff
                                 : (scaled_wide < -$signed((RW+18)'(33'sh080000000))) ? 32'sh80000000 : scaled_wide[31:0];
            wire signed [32:0] dlt = {sc[h*CTX + {{(32-LCTX){1'b0}}, tau_e[LCTX-1:0]}][31], sc[h*CTX + {{(32-LCTX){1'b0}}, tau_e[LCTX-1:0]}]} - {mx[h][31], mx[h]};
            wire [15:0] ex;
            fx_exp_neg #(.DW(33), .FA(FA), .HI_TABLE(HI_TABLE), .LO_TABLE(LO_TABLE)) u_exp (.d(dlt), .y(ex));
            assign e[h] = {1'b0, ex};
            wire [17:0] rcy;
            wire [6:0] rcp;
            fx_recip #(.SW(SW), .TABLE(RECIP_TABLE)) u_recip (.s(sum[h]), .y(rcy), .p(rcp));
            always @(posedge clk) begin
                if (score_phase) begin
                    sc[h*CTX + {{(32-LCTX){1'b0}}, tau_s[LCTX-1:0]}] <= s;
                    mx[h] <= (tau_s == {CYW{1'b0}} || s > mx[h]) ? s : mx[h];
                end
                if (exp_phase) sum[h] <= (tau_e == {CYW{1'b0}} ? {SW{1'b0}} : sum[h]) + {{(SW-16){1'b0}}, ex};
                if (recip_phase) begin
                    ry[h] <= rcy;
                    rp[h] <= rcp;
                end
            end
            // output: acc[h*HD+j] x y, y < 2^18 unsigned (19 bits signed): the exact product fits PRW = AW + 18 bits
            // (a select over constant slices: an index times AW would be a multiplier in synthesis)
            reg signed [AW-1:0] acc_j;
            integer jj;
            always @* begin
                acc_j = {AW{1'b0}};
                for (jj = 0; jj < HD; jj = jj + 1) if (j == LHD'(jj)) acc_j = acc_bus[(h * HD + jj) * AW +: AW];
            end
            /* verilator lint_off UNUSEDSIGNAL */ // the top bit of the AW x 19 product only repeats the sign
            wire signed [AW+18:0] prod_full;
            /* verilator lint_on UNUSEDSIGNAL */
            fx_mul #(.AW(AW), .BW(19), .SIGNED(1)) u_y (.a(acc_j), .b({1'b0, ry[h]}), .p(prod_full));
            wire signed [PRW-1:0] prod = prod_full[PRW-1:0];
            wire [7:0] sh = 8'd15 + {1'b0, rp[h]};
            wire signed [PRW-1:0] rounded = (prod + ((PRW)'(1) <<< (sh - 1'b1))) >>> sh;
            localparam signed [PRW-1:0] MAXV = (PRW'(1) <<< (NA - 1)) - 1;
            localparam signed [PRW-1:0] MINV = -(PRW'(1) <<< (NA - 1));
            wire [NA-1:0] oh = (rounded > MAXV) ? MAXV[NA-1:0] : (rounded < MINV) ? MINV[NA-1:0] : rounded[NA-1:0];
            for (d = 0; d < HD; d = d + 1) begin : g_out
                assign o[(h*HD + d)*NA +: NA] = oh;
                assign o_we[h*HD + d] = out_phase && j == LHD'(d);
            end
        end

        // ---- per element: the shared multiplier, value accumulators ----
        for (d = 0; d < W; d = d + 1) begin : g_elem
            wire signed [NA-1:0] qd = q[d*NA +: NA];
            wire signed [NA-1:0] kd = k_rd[d*NA +: NA];
            wire signed [NA-1:0] vd = v_rd[d*NA +: NA];
            wire signed [OPW-1:0] a = exp_phase ? $signed({{(OPW-17){1'b0}}, e[d / HD]}) : $signed({{(OPW-NA){qd[NA-1]}}, qd});
            wire signed [NA-1:0] b = exp_phase ? vd : kd;
            fx_mul #(.AW(OPW), .BW(NA), .SIGNED(1)) u_m (.a(a), .b(b), .p(m[d]));
            reg signed [AW-1:0] acc;
            always @(posedge clk) begin
                // e * v fits AW bits; the multiplier is MW = 2 NA bits wide (for q.k) when NA > 17 + LCTX:
                // a size cast sign-extends or keeps the low AW bits, where a repeat count would go negative
                if (exp_phase) acc <= (tau_e == {CYW{1'b0}} ? {AW{1'b0}} : acc) + AW'(m[d]);
            end
            assign acc_bus[d*AW +: AW] = acc;
        end
    endgenerate
endmodule
