// Causal multi-head attention with its KV cache, per docs/numerics.md "Attention". Its q.k and
// e.v products run on the core's MAC lanes (borrowed from matvec_engine.v through its ext
// ports, like the norm unit): lane l multiplies m_a by m_b and gives back m_p the same clock.
// Element d of q, k, v, o belongs to lane d % LANES and chunk d / LANES; a cache row's W
// elements take C = ceil(W / LANES) chunks, one per clock. The sequencer holds `active` for
// 2*C*(pos+1) + 3 + HD cycles (HD = W/H, the head dim), counted by `cyc`:
//   cyc 0                    k_new, v_new are written to cache row `pos`
//   cyc 1 .. C(pos+1)        issue (row tau, chunk c), tau = 0 .. pos, c = 0 .. C-1: K row read
//   cyc 2 .. C(pos+1)+1      the lanes give q.k of the chunk; per head the chunk's products are
//                            summed; at the last chunk: score s[h][tau], running max M[h]
//   then C(pos+1) clocks     the same walk over V: e = expNeg(s - M) per head (the sum S[h]
//                            takes it at chunk 0); the lanes give e * v, acc[d] += it
//   cyc 2C(pos+1)+2          (y, p) = recip(S[h])
//   cyc 2C(pos+1)+3+j, j<HD  per head: o[h*HD+j] = sat(rnd(acc[h*HD+j] * y, 15 + p), NA),
//                            o_we[h*HD+j] = 1 (write it this cycle)
// The walk is driven by counters (row, chunk, phase) started at cyc 0, not by arithmetic on
// cyc, so no multiplier by C is built.
// Multipliers of its own (through fx_mul, the plan's unit "attention" in MultiplierInventory):
// per head one AW x 19 (acc x y), one exp (16x16) and one recip (16x16, 17x19), and per head
// RW x 17 when the head dim is not a power of four.
module attention_core #(
    parameter integer W = 16,                  // width of q, k, v (all heads)
    parameter integer H = 4,                   // heads
    parameter integer LANES = 16,              // MAC lanes lent to attention
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
    output wire [W-1:0]      o_we,
    // the lanes' multipliers: lane l multiplies m_a (q or e, OPW bits) by m_b (k or v, NA bits)
    output reg  [LANES*((NA > 17) ? NA : 17)-1:0]      m_a,
    output reg  [LANES*NA-1:0]                         m_b,
    input  wire [LANES*(((NA > 17) ? NA : 17) + NA)-1:0] m_p
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
    localparam integer C = (W + LANES - 1) / LANES;            // chunks per row
    localparam integer CB = (C > 1) ? $clog2(C) : 1;           // bits of a chunk index

    // ---- the walk: issue (row it, chunk ic, phase iph: 0 K, 1 V), then the stage after the read ----
    reg iv = 1'b0, iph = 1'b0;
    reg [PW-1:0] it = {PW{1'b0}};
    reg [CB-1:0] ic = {CB{1'b0}};
    wire last_chunk = ic == CB'(C - 1);
    always @(posedge clk) begin
        if (!active) iv <= 1'b0;
        else if (cyc == {CYW{1'b0}}) begin
            iv <= 1'b1; iph <= 1'b0; it <= {PW{1'b0}}; ic <= {CB{1'b0}};
        end else if (iv) begin
            if (!last_chunk) ic <= ic + 1'b1;
            else begin
                ic <= {CB{1'b0}};
                if (it != pos) it <= it + 1'b1;
                else begin
                    it <= {PW{1'b0}};
                    if (iph) iv <= 1'b0;
                    iph <= 1'b1;
                end
            end
        end
    end
    reg sv = 1'b0, sph = 1'b0, slast = 1'b0, recip_now = 1'b0;
    reg [PW-1:0] st = {PW{1'b0}};
    reg [CB-1:0] sc_c = {CB{1'b0}};
    always @(posedge clk) begin
        sv <= active && iv;
        sph <= iph;
        st <= it;
        sc_c <= ic;
        slast <= active && iv && iph && last_chunk && it == pos;
        recip_now <= active && slast;
    end
    wire s_first = st == {PW{1'b0}};
    wire s_lastc = sc_c == CB'(C - 1);
    wire score_stage = active && sv && !sph;
    wire value_stage = active && sv && sph;

    // ---- KV cache: one row per position, whole vectors, read at the issued row ----
    reg [W*NA-1:0] k_rd;
    reg [W*NA-1:0] v_rd;
    wire kv_we = active && cyc == {CYW{1'b0}};
    // Where the caches go is the plan's choice (attributes must be literals: three branches).
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
                k_rd <= kram[it];
                v_rd <= vram[it];
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
                k_rd <= kram[it];
                v_rd <= vram[it];
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
                k_rd <= kram[it];
                v_rd <= vram[it];
            end
        end
    endgenerate

    // ---- output phase: HD clocks after the reciprocal ----
    reg out_phase = 1'b0;
    reg [LHD-1:0] j = {LHD{1'b0}};                            // the element of each head written this cycle
    always @(posedge clk) begin
        if (!active) out_phase <= 1'b0;
        else if (recip_now) begin out_phase <= 1'b1; j <= {LHD{1'b0}}; end
        else if (out_phase) begin
            if (j == LHD'(HD - 1)) out_phase <= 1'b0;
            j <= j + 1'b1;
        end
    end

    // ---- per head: scores, max, exp, sums ----
    reg signed [31:0] sc [0:H*CTX-1];
    reg signed [31:0] mx [0:H-1];
    reg [SW-1:0] sum [0:H-1];
    reg [17:0] ry [0:H-1];
    reg [6:0] rp [0:H-1];
    wire [16:0] e [0:H-1];
    wire [W*AW-1:0] acc_bus;                                   // the value accumulators, element d at d*AW
    wire [W*MW-1:0] prod_bus;                                  // element d's product this clock (0 outside its chunk)

    genvar h, d, l;
    generate
        // ---- per element: its lane's product in its chunk's clock, the value accumulator ----
        for (d = 0; d < W; d = d + 1) begin : g_elem
            wire in_chunk = sc_c == CB'(d / LANES);
            wire signed [MW-1:0] pd = in_chunk ? m_p[(d % LANES)*MW +: MW] : {MW{1'b0}};
            assign prod_bus[d*MW +: MW] = pd;
            reg signed [AW-1:0] acc;
            always @(posedge clk) begin
                // e * v fits AW bits (a size cast keeps the low bits; the product is wider only when NA > 17 + LCTX)
                if (value_stage && in_chunk) acc <= (s_first ? {AW{1'b0}} : acc) + AW'(pd);
            end
            assign acc_bus[d*AW +: AW] = acc;
        end

        for (h = 0; h < H; h = h + 1) begin : g_head
            // this clock's part of the raw score: the head's elements in this chunk
            reg signed [RW-1:0] part;
            integer i;
            always @* begin
                part = {RW{1'b0}};
                for (i = 0; i < HD; i = i + 1) part = part + RW'($signed(prod_bus[(h*HD+i)*MW +: MW]));
            end
            reg signed [RW-1:0] raw_acc;                       // the earlier chunks of this row
            wire signed [RW-1:0] raw = ((C > 1 && sc_c != {CB{1'b0}}) ? raw_acc : {RW{1'b0}}) + part;
            always @(posedge clk) if (score_stage) raw_acc <= raw;
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
            wire signed [31:0] s_tau = sc[h*CTX + {{(32-PW){1'b0}}, st}];
            wire signed [32:0] dlt = {s_tau[31], s_tau} - {mx[h][31], mx[h]};
            wire [15:0] ex;
            fx_exp_neg #(.DW(33), .FA(FA), .HI_TABLE(HI_TABLE), .LO_TABLE(LO_TABLE)) u_exp (.d(dlt), .y(ex));
            assign e[h] = {1'b0, ex};
            wire [17:0] rcy;
            wire [6:0] rcp;
            fx_recip #(.SW(SW), .TABLE(RECIP_TABLE)) u_recip (.s(sum[h]), .y(rcy), .p(rcp));
            always @(posedge clk) begin
                if (score_stage && s_lastc) begin
                    sc[h*CTX + {{(32-PW){1'b0}}, st}] <= s;
                    mx[h] <= (s_first || s > mx[h]) ? s : mx[h];
                end
                if (value_stage && sc_c == {CB{1'b0}}) sum[h] <= (s_first ? {SW{1'b0}} : sum[h]) + {{(SW-16){1'b0}}, ex};
                if (active && recip_now) begin
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
                assign o_we[h*HD + d] = active && out_phase && j == LHD'(d);
            end
        end

        // ---- per lane: the operands of its element in this chunk (0 past the vector's end) ----
        for (l = 0; l < LANES; l = l + 1) begin : g_lane
            reg signed [OPW-1:0] q_sel, e_sel;
            reg signed [NA-1:0] k_sel, v_sel;
            integer cc, el;
            always @* begin
                q_sel = {OPW{1'b0}}; e_sel = {OPW{1'b0}};
                k_sel = {NA{1'b0}}; v_sel = {NA{1'b0}};
                for (cc = 0; cc < C; cc = cc + 1) begin
                    // a lane past the last element stays 0 (the index is clamped so no select leaves the bus)
                    el = (cc * LANES + l < W) ? cc * LANES + l : 0;
                    if (cc * LANES + l < W && sc_c == CB'(cc)) begin
                        q_sel = OPW'($signed(q[el * NA +: NA]));
                        k_sel = k_rd[el * NA +: NA];
                        v_sel = v_rd[el * NA +: NA];
                        e_sel = OPW'($signed(e[el / HD]));
                    end
                end
            end
            always @* m_a[l*OPW +: OPW] = !sv ? {OPW{1'b0}} : sph ? e_sel : q_sel;
            always @* m_b[l*NA +: NA] = !sv ? {NA{1'b0}} : sph ? v_sel : k_sel;
        end
    endgenerate
endmodule
