// Causal multi-head attention with its KV cache, per docs/numerics.md "Attention". Every
// product runs on the core's MAC lanes (borrowed from matvec_engine.v through its ext ports,
// like the norm unit): lane l multiplies m_a by m_b and gives back m_p the same clock.
// Element d of q, k, v, o belongs to lane d % LANES and chunk d / LANES, so a cache row's W
// elements take C = ceil(W / LANES) chunks; head h belongs to lane h % LANES and head chunk
// h / LANES, so the heads take EC = ceil(H / LANES) chunks. The core keeps q, k, v and o in the
// lanes' scratch memories (lane_scratch.v): this unit names the chunk it wants on `q_chunk` and
// `ld_chunk` and reads the lanes' words of that chunk the same clock; it gives o back a chunk per
// clock (`o_chunk`, `o_we` per lane). The caches are lane-wide too: row tau*C + c holds chunk c
// of position tau, min(LANES, W) words wide, so they are sized by context x width, not by
// context x lanes x chunks; K and V are the two halves of one memory (below).
//
// Attention layers of one shape (W, H) share one core (AttentionCores in the plan): each has
// its own block of the caches, `blk` of NL, so a second layer costs cache rows, not logic.
//
// The op is a walk of issue slots, one per clock from cyc 1, each handled one clock later
// (after the cache read it issued); the sequencer holds `active` for
// (2C + 2EC)(pos+1) + H + 3 + RD + RS cycles (Timing.attentionFixedCycles / attentionPerPosition):
//   cyc 0 .. C-1           chunk cyc of k_new is written to K row pos*C + cyc
//   cyc C .. 2C-1          chunk cyc - C of v_new to V row pos*C + cyc - C (one write port;
//                          the V slots that read it come later than cyc C + 4 + the chunk)
//   K  C(pos+1) slots      (row tau, chunk c): the lanes give q.k of the chunk; per head the
//                          chunk's products are summed; at the last chunk the score s[h][tau]
//                          is stored and the running max M[h] kept
//   E  EC(pos+1) slots     per head the exp tables of s[h][tau] - M[h] (read at the slot's end,
//                          through clocked ports); the clock after each slot (its second stage:
//                          the next slot's clock, or the first R slot's after the last) the lanes
//                          multiply the two table words, e = rnd(product, 15) replaces the score
//                          and S[h] += e
//   R  H + RD + RS slots   (y[h], p[h]) = recip(S[h]), one head per clock through one shared unit:
//                          S[h] goes in at slot h + RD, its answer comes back RS slots later (the
//                          unit's table read, and with RS = 2 its Newton step's second half). RD = 1 when every head is in the last E slot
//                          (EC = 1): its e reaches S[h] in the first R slot's clock, so that
//                          slot waits (no path from the lanes' products into the unit)
//   P  EC(pos+1) slots     the lanes give e * y[h]; pi = rnd(e * y, p[h]) replaces e
//   V  C(pos+1) slots      chunk by chunk, row by row: the lanes give pi * v and accumulate it in
//                          their own accumulators (v_acc, restarted by v_first at each chunk's
//                          first row); at the next chunk's first slot chunk c is complete and
//                          o = sat(rnd(acc, 15), NA) of it is written back by the lanes
//   O  1 slot              the last chunk's output
// The walk is driven by counters, not by arithmetic on cyc, so no multiplier by C is built.
// No multiplier of its own: where the head dim is not a power of four, SU scale units (SU: the
// most heads one chunk of a row completes) multiply a raw score by 1/sqrt(hd) in shifts and adds
// (fx_cmul.v). The reciprocal is the core's scalar unit, outside (r_in, rcy, rcp).
// The lanes' accumulators must hold a weighted sum: ACCW >= AW (the plan sizes them so).
module attention_core #(
    parameter integer W = 16,                  // width of q, k, v (all heads)
    parameter integer H = 4,                   // heads
    parameter integer LANES = 16,              // MAC lanes lent to attention
    parameter integer CTX = 16,                // context (cache rows)
    parameter integer NL = 1,                  // attention layers sharing this core (cache blocks)
    parameter integer NA = 16,
    parameter integer FA = 12,
    parameter integer PW = 4,                  // bits of pos
    parameter integer CYW = 8,                 // bits of cyc
    parameter integer SK = 1,                  // head dim = 4^SK; -1: scale by INV_SQRT_HD instead
    parameter integer INV_SQRT_HD = 0,
    parameter integer KV_STYLE = 2,            // K and V caches in 2: block RAM, 1: distributed RAM, 0: flip-flops (the plan's choice)
    parameter integer SC_STYLE = 1,            // the heads' score memories in 2: block RAM, 1: LUT RAM, 0: flip-flops (the plan's choice)
    parameter integer ACCW = 40,               // the lanes' accumulator width (>= AW): the weighted sums of v accumulate there
    parameter integer EXT_EXP = 0,             // 1: head lane 0's exp tables are outside (x_d out; x_hi, x_lo, x_zero in a clock later), shared with the sampler
    parameter integer EXP_BLOCK = 0,           // its own exp tables in block RAM (1) or logic (0), the plan's choice
    parameter integer RS = 1,                  // clocks from r_in to its answer (the scalar unit's STAGES): the R walk waits RS - 1 more
    parameter HI_TABLE = "exp_hi.hex",
    parameter LO_TABLE = "exp_lo.hex"
) (
    input  wire              clk,
    input  wire              active,
    input  wire [CYW-1:0]    cyc,
    input  wire [PW-1:0]     pos,
    /* verilator lint_off UNUSEDSIGNAL */ // one layer: block 0
    input  wire [(NL > 1 ? $clog2(NL) : 1)-1:0] blk,   // the layer running: its block of the caches
    /* verilator lint_on UNUSEDSIGNAL */
    output wire [15:0]       q_chunk,    // the chunk of q the lanes give on `q` this clock
    output wire [15:0]       q_chunk_n,  // ... and the next clock (the issued slot's: a core reading q from block RAM a clock ahead)
    input  wire [LANES*NA-1:0] q,
    output wire [15:0]       ld_chunk,   // the chunk of k_new, v_new the lanes give this clock
    /* verilator lint_off UNUSEDSIGNAL */ // lanes past the row's width (LANES > W) hold no element of k or v
    input  wire [LANES*NA-1:0] k_new,
    input  wire [LANES*NA-1:0] v_new,
    /* verilator lint_on UNUSEDSIGNAL */
    output wire [15:0]       o_chunk,    // the chunk of o given this clock
    output wire [LANES*NA-1:0] o,
    output wire [LANES-1:0]  o_we,       // lane l writes its element of chunk o_chunk
    output wire              v_acc,      // the lanes accumulate this clock's products (restart when v_first)
    output wire              v_first,
    /* verilator lint_off UNUSEDSIGNAL */ // the output's rounding keeps the bits from 14 up, below AW
    input  wire [LANES*ACCW-1:0] lane_acc,
    /* verilator lint_on UNUSEDSIGNAL */
    // the lanes' multipliers: lane l multiplies m_a (q, an exp table word, e or pi: OPW bits)
    // by m_b (k, v, an exp table word or y: MBW bits), signed
    output reg  [LANES*((NA > 17) ? NA : 17)-1:0]      m_a,
    output reg  [LANES*((NA > 18) ? NA : 18)-1:0]      m_b,
    /* verilator lint_off UNUSEDSIGNAL */ // with more lanes than a row has elements, the last lanes' products are never read
    input  wire [LANES*(((NA > 17) ? NA : 17) + ((NA > 18) ? NA : 18))-1:0] m_p,
    /* verilator lint_on UNUSEDSIGNAL */
    // the reciprocal, a scalar unit of the core (fx_recip.v, or fx_newton.v shared with the
    // norms' rsqrt): (rcy, rcp) = recip(r_in) a clock later; r_in is 17 + log2(CTX) bits (SW)
    output reg  [16 + ((CTX > 1) ? $clog2(CTX) : 1):0] r_in,
    input  wire [17:0]       rcy,
    input  wire [6:0]        rcp,
    // with EXT_EXP: head lane 0's exp argument and the tables' words for it (fx_exp_tables.v outside)
    output wire signed [32:0] x_d,
    /* verilator lint_off UNUSEDSIGNAL */ // with tables of its own the lent words are not read
    input  wire [15:0]       x_hi,
    input  wire [15:0]       x_lo,
    input  wire              x_zero
    /* verilator lint_on UNUSEDSIGNAL */
);
    // The lanes multiply every clock of every linear. Icarus, an event-driven simulator, would
    // wake this unit's logic on each product; there the products reach it only while it runs
    // (__ICARUS__ is Icarus's own macro). Synthesis and Verilator read m_p itself; the two
    // simulators are both held bit-exact to the reference, so the gate changes nothing seen.
    /* verilator lint_off UNUSEDSIGNAL */ // with more lanes than a row has elements, the last lanes' products are never read
`ifdef __ICARUS__
    wire [LANES*(((NA > 17) ? NA : 17) + ((NA > 18) ? NA : 18))-1:0] mp = active ? m_p : {(LANES*(((NA > 17) ? NA : 17) + ((NA > 18) ? NA : 18))){1'b0}};
    wire [CYW-1:0] cy = active ? cyc : {CYW{1'b0}};      // ... and the op's clock (it counts every op's)
    wire [LANES*NA-1:0] qg = active ? q : {(LANES*NA){1'b0}};   // ... and the lanes' words
    wire [LANES*NA-1:0] kg = active ? k_new : {(LANES*NA){1'b0}};
    wire [LANES*NA-1:0] vg = active ? v_new : {(LANES*NA){1'b0}};
`else
    wire [LANES*NA-1:0] qg = q;
    wire [LANES*NA-1:0] kg = k_new;
    wire [LANES*NA-1:0] vg = v_new;
    wire [LANES*(((NA > 17) ? NA : 17) + ((NA > 18) ? NA : 18))-1:0] mp = m_p;
    wire [CYW-1:0] cy = cyc;
`endif
    /* verilator lint_on UNUSEDSIGNAL */
    localparam integer HD = W / H;
    localparam integer LHD = (HD > 1) ? $clog2(HD) : 1;
    localparam integer LCTX = (CTX > 1) ? $clog2(CTX) : 1;
    localparam integer OPW = (NA > 17) ? NA : 17;              // operand a: q (NA), an EXP_HI word, e or pi (<= 2^15 + a little: 17 bits signed)
    localparam integer MBW = (NA > 18) ? NA : 18;              // operand b: k, v (NA), an EXP_LO word (<= 2^15) or y (< 2^17: 18 bits signed)
    localparam integer MW = OPW + MBW;                         // product
    // raw score: HD products q*k of NA-bit words fit 2*NA + LHD bits (at least 14, so the
    // saturation below has bits to test): narrower than the lanes' product, so the scale
    // multiplier takes fewer DSP cells (MultiplierInventory.attentionScoreWidth)
    localparam integer RW = (2 * NA + LHD > 14) ? 2 * NA + LHD : 14;
    localparam integer SW = 17 + LCTX;                         // sum of e (>= 2^15)
    localparam integer QB = $clog2(LCTX + 2);                  // bits of q = p - 15 <= LCTX + 1, the weight's extra shift
    localparam integer AW = NA + 17 + LCTX;                    // value accumulator
    localparam integer C = (W + LANES - 1) / LANES;            // element chunks per row
    localparam integer EC = (H + LANES - 1) / LANES;           // head chunks
    localparam integer CMAX = (C > EC) ? C : EC;
    localparam integer CB = (CMAX > 1) ? $clog2(CMAX) : 1;     // bits of a chunk index
    localparam integer RD = (EC == 1) ? 1 : 0;                 // the R walk's first slot waits for the last E slot's e
    localparam integer HB = $clog2(H + 1 + RS);               // a head index, or H + RD + RS - 1: the R walk's last slot
    localparam integer IW = (PW > HB) ? PW : HB;               // bits of a slot's row or head index
    localparam [2:0] PK = 3'd0, PE = 3'd1, PR = 3'd2, PP = 3'd3, PV = 3'd4, PO = 3'd5;
    localparam integer KL = (LANES < W) ? LANES : W;          // lanes that hold an element of a row
    localparam integer KD = NL * CTX * C;                      // cache rows: a chunk of a position each, a block per layer
    localparam integer KB = (KD > 1) ? $clog2(KD) : 1;         // bits of a cache row
    localparam integer SD = (CTX > 1) ? CTX : 2;               // a head's score rows (a one-row memory is declared with two)
    // head h's last element is in chunk head_last_chunk(h); the heads one chunk completes are
    // consecutive: heads_done_in(c) of them from first_head_in(c) (AttentionCore.scaleUnits)
    function automatic integer head_last_chunk(input integer hh);
        head_last_chunk = ((hh + 1) * HD - 1) / LANES;
    endfunction
    function automatic integer first_head_in(input integer c);
        integer hh;
        first_head_in = H;
        for (hh = H - 1; hh >= 0; hh = hh - 1) if (head_last_chunk(hh) == c) first_head_in = hh;
    endfunction
    function automatic integer heads_done_in(input integer c);
        integer hh;
        heads_done_in = 0;
        for (hh = 0; hh < H; hh = hh + 1) if (head_last_chunk(hh) == c) heads_done_in = heads_done_in + 1;
    endfunction
    function automatic integer scale_unit_of(input integer hh);
        scale_unit_of = hh - first_head_in(head_last_chunk(hh));
    endfunction
    function automatic integer most_heads_done(input integer chunks);
        integer c;
        most_heads_done = 1;
        for (c = 0; c < chunks; c = c + 1) if (heads_done_in(c) > most_heads_done) most_heads_done = heads_done_in(c);
    endfunction
    localparam integer SU = most_heads_done(C);                // scale units
    localparam [0:0] SEQ = (HD % LANES == 0);                  // one running score sum (see the raw scores below)
    localparam integer CPH = SEQ ? HD / LANES : 1;              // ... and each head's chunks

    // chunk c is a head's first (with one running score sum: CPH chunks a head)
    function automatic head_starts_at(input [CB-1:0] c);
        integer hf;
        head_starts_at = 1'b0;
        for (hf = 0; hf < H; hf = hf + 1) if (c == CB'(hf * CPH)) head_starts_at = 1'b1;
    endfunction

    // ---- the walk: issue slot (phase iph, row or head it, chunk ic), handled a clock later ----
    reg iv = 1'b0;
    reg [2:0] iph = PK;
    reg [IW-1:0] it = {IW{1'b0}};
    reg [CB-1:0] ic = {CB{1'b0}};
    wire last_chunk = ic == ((iph == PE || iph == PP) ? CB'(EC - 1) : CB'(C - 1));
    wire last_row = it == IW'(pos);
    always @(posedge clk) begin
        if (!active) iv <= 1'b0;
        else if (cy == {CYW{1'b0}}) begin
            iv <= 1'b1; iph <= PK; it <= {IW{1'b0}}; ic <= {CB{1'b0}};
        end else if (iv) begin
            case (iph)
                PV: begin                                       // chunk by chunk, row by row
                    if (!last_row) it <= it + 1'b1;
                    else begin
                        it <= {IW{1'b0}};
                        if (!last_chunk) ic <= ic + 1'b1;
                        else begin ic <= {CB{1'b0}}; iph <= PO; end
                    end
                end
                PK, PE, PP: begin
                    if (!last_chunk) ic <= ic + 1'b1;
                    else begin
                        ic <= {CB{1'b0}};
                        if (!last_row) it <= it + 1'b1;
                        else begin
                            it <= {IW{1'b0}};
                            iph <= (iph == PK) ? PE : (iph == PE) ? PR : PV;
                        end
                    end
                end
                PR: if (it != IW'(H + RD + RS - 1)) it <= it + 1'b1; else begin it <= {IW{1'b0}}; iph <= PP; end
                default: iv <= 1'b0;                           // PO: one slot, then done
            endcase
        end
    end
    reg sv = 1'b0;
    reg [2:0] sph = PK;
    reg [IW-1:0] st = {IW{1'b0}};
    reg [CB-1:0] sc_c = {CB{1'b0}};
    always @(posedge clk) begin
        sv <= active && iv;
        sph <= iph;
        st <= it;
        sc_c <= ic;
    end
    wire [PW-1:0] srow = st[PW-1:0];
    wire s_first = st == {IW{1'b0}};
    wire score_stage = active && sv && sph == PK;
    assign q_chunk = 16'(sc_c);
    assign q_chunk_n = 16'(ic);
    wire exp_stage = active && sv && sph == PE;
    wire recip_stage = active && sv && sph == PR;
    wire weight_stage = active && sv && sph == PP;
    wire value_stage = active && sv && sph == PV;
    wire out_stage = active && sv && sph == PO;
    // the E slots' second stage, a clock after each: the slot's head chunk, row and first-row flag
    reg e2 = 1'b0;
    reg [CB-1:0] e2_c = {CB{1'b0}};
    reg e2_first = 1'b0;
    always @(posedge clk) begin
        e2 <= exp_stage;
        e2_c <= sc_c;
        e2_first <= s_first;
    end
    wire exp2_stage = active && e2;

    // ---- KV cache: row tau*C + c holds chunk c of position tau (KL words), read at the issued slot ----
    // pos*C as shifts and adds of the constant: no multiplier beyond the plan's
    function automatic [KB-1:0] times_c(input [PW-1:0] p);
        integer bb;
        times_c = {KB{1'b0}};
        for (bb = 0; bb < 31; bb = bb + 1) if (((C >> bb) & 1) != 0) times_c = times_c + (KB'(p) << bb);
    endfunction
    // the running layer's block starts at row blk * CTX * C (shifts and adds of the constant)
    function automatic [KB-1:0] block_base(input [(NL > 1 ? $clog2(NL) : 1)-1:0] b);
        integer bb;
        block_base = {KB{1'b0}};
        for (bb = 0; bb < 31; bb = bb + 1) if ((((CTX * C) >> bb) & 1) != 0) block_base = block_base + (KB'(b) << bb);
    endfunction
    wire [KB-1:0] kbase = (NL > 1) ? block_base(blk) : {KB{1'b0}};
    // K and V share one memory, K's rows first and V's KD rows after them: the K slots read only
    // K rows and the V slots only V rows, so one read port serves both, and in block RAM the two
    // halves fill blocks a separate K and V memory would each leave half empty (microGPT at two
    // lanes on iCE40: 128 rows of 32 bits each, two blocks for both instead of four). The one
    // write port takes k_new at cyc 0 .. C-1 and v_new at cyc C .. 2C-1 (ld_chunk names the
    // chunk the lanes give: cyc, then cyc - C); the first V slot comes later than cyc 2C.
    reg [KL*NA-1:0] kv_rd;                                   // the row read: k in the K slots, v in the V slots
    reg [KB-1:0] k_addr = {KB{1'b0}};                         // the issued K slot's cache row: +1 per slot
    reg [KB-1:0] v_addr = {KB{1'b0}};                         // the issued V slot's: tau*C + c, +C per slot
    reg [KB-1:0] v_col = {KB{1'b0}};                          // ... from chunk c's first row, c
    wire loading_k = active && cy < CYW'(C);
    wire loading_v = active && !loading_k && cy < CYW'(2 * C);
    wire [CYW-1:0] ld_c = loading_k ? cy : cy - CYW'(C);
    // V's row r is row KD + r (an adder of a constant: 2·KD rows exactly, as the plan counts them)
    wire [KB:0] kv_wa = {1'b0, kbase + times_c(pos) + KB'(ld_c)} + (loading_v ? (KB+1)'(KD) : {(KB+1){1'b0}});
    wire [KB:0] kv_ra = (iph == PV) ? {1'b0, v_addr} + (KB+1)'(KD) : {1'b0, k_addr};
    always @(posedge clk) begin
        if (!active || cy == {CYW{1'b0}}) k_addr <= kbase;
        else if (iv && iph == PK) k_addr <= k_addr + 1'b1;
        if (iv && iph == PP && last_chunk && last_row) begin  // the V walk starts at chunk 0, row 0
            v_col <= kbase;
            v_addr <= kbase;
        end else if (iv && iph == PV) begin
            if (!last_row) v_addr <= v_addr + KB'(C);
            else begin
                v_col <= v_col + 1'b1;
                v_addr <= v_col + 1'b1;
            end
        end
    end
    assign ld_chunk = 16'(ld_c);
    wire [KL*NA-1:0] kv_in = loading_k ? kg[KL*NA-1:0] : vg[KL*NA-1:0];
    wire kv_we = loading_k || loading_v;
    // Where the cache goes is the plan's choice (attributes must be literals: three branches).
    generate
        if (KV_STYLE == 2) begin : g_kv_block
            (* ram_style = "block", ramstyle = "M10K", syn_ramstyle = "block_ram" *)
            reg [KL*NA-1:0] kvram [0:2*KD-1];
            always @(posedge clk) begin
                if (kv_we) kvram[kv_wa] <= kv_in;
                kv_rd <= kvram[kv_ra];
            end
        end else if (KV_STYLE == 1) begin : g_kv_distributed
            (* ram_style = "distributed", ramstyle = "MLAB", syn_ramstyle = "select_ram" *)
            reg [KL*NA-1:0] kvram [0:2*KD-1];
            always @(posedge clk) begin
                if (kv_we) kvram[kv_wa] <= kv_in;
                kv_rd <= kvram[kv_ra];
            end
        end else begin : g_kv_registers
            (* ram_style = "logic", ramstyle = "logic", syn_ramstyle = "registers" *)
            reg [KL*NA-1:0] kvram [0:2*KD-1];
            always @(posedge clk) begin
                if (kv_we) kvram[kv_wa] <= kv_in;
                kv_rd <= kvram[kv_ra];
            end
        end
    endgenerate

    // ---- per head: max, sums, reciprocals; per head lane: scores, exp ----
    // Head h's scores (then e, then pi) live in head lane h % LANES's memory at rows
    // (h / LANES) * SD + tau, and that lane's exp unit serves it: HL = min(H, LANES) memories and
    // exp units, not H. One lane serves one head a clock in every phase: in the K slots the heads
    // one chunk completes are consecutive (at most LANES: distinct lanes); in the E and P slots
    // lane k serves head chunk c's head c*LANES + k; in the V slots chunk c's elements belong to
    // consecutive heads, at most LANES of them, so each memory is read at one row.
    localparam integer HL = (H < LANES) ? H : LANES;
    generate if (EXT_EXP == 0) begin : g_no_lent_exp
        assign x_d = 33'sd0;
    end endgenerate
    localparam integer SR = EC * SD;                           // rows of a head lane's memory
    localparam integer SRB = (SR > 1) ? $clog2(SR) : 1;
    localparam integer GB = (EC > 1) ? $clog2(EC) : 1;         // bits of a head chunk (a row group)
    reg signed [31:0] mx [0:H-1];
    reg [SW-1:0] sum [0:H-1];
    reg [17:0] ry [0:H-1];
    reg [6:0] rp [0:H-1];
    /* verilator lint_off UNUSEDSIGNAL */ // with one running score sum (SEQ) the per-element products are not read
    wire [W*RW-1:0] prod_bus;                                  // element d's product q*k this clock (0 outside its chunk)
    /* verilator lint_on UNUSEDSIGNAL */
    wire [H*RW-1:0] raw_bus;                                   // per head its raw score so far this row
    wire [SU*32-1:0] s_bus;                                    // per scale unit its scaled, saturated score
    wire [H-1:0] done_bus;                                     // head h's score is complete this clock
    wire [HL*OPW-1:0] ha_bus;                                  // per head lane, its lane's operand a in the E and P slots
    wire [HL*MBW-1:0] hb_bus;                                  // ... and operand b
    wire [HL*17-1:0] hv_bus;                                   // per head lane its stored value at the row read (pi in the V slots)
    wire [HL*16-1:0] ex_bus;                                   // per head lane its e in the E second stage
    // the head head lane k serves in chunk c's V slots, or H when none
    function automatic integer value_head(input integer k, input integer c);
        integer hh;
        value_head = H;
        for (hh = 0; hh < H; hh = hh + 1)
            if (hh % LANES == k && hh >= (c * LANES) / HD && hh <= ((c + 1) * LANES - 1) / HD) value_head = hh;
    endfunction
    // the row group head lane k reads in a slot of phase ph at chunk c: the head chunk in the E
    // and P slots, the group of the head whose weights chunk c's elements take in the V slots
    // (the K slots read nothing)
    function automatic [GB-1:0] read_group(input integer k, input [2:0] ph, input [CB-1:0] c);
        integer cc;
        read_group = {GB{1'b0}};
        if (EC > 1) begin
            if (ph == PE || ph == PP) read_group = GB'(c);
            else if (ph == PV) begin
                for (cc = 0; cc < C; cc = cc + 1)
                    if (c == CB'(cc) && value_head(k, cc) < H) read_group = GB'(value_head(k, cc) / LANES);
            end
        end
    endfunction
    // the head lane that keeps the weight of lane l's element in chunk c (0 past the row)
    function automatic integer value_lane(input integer l, input integer c);
        value_lane = (c * LANES + l < W) ? ((c * LANES + l) / HD) % LANES : 0;
    endfunction
    localparam integer HLB = (HL > 1) ? $clog2(HL) : 1;        // bits of a head lane
    // ... in chunk c given as a signal (sc_c), and whether lane l holds an element there
    function automatic [HLB-1:0] value_lane_at(input integer l, input [CB-1:0] c);
        integer cc;
        value_lane_at = HLB'(value_lane(l, 0));
        for (cc = 1; cc < C; cc = cc + 1) if (c == CB'(cc)) value_lane_at = HLB'(value_lane(l, cc));
    endfunction
    // head lane v's stored value (a select by comparisons: an index times 17 would be a multiplier)
    function automatic [15:0] head_value(input [HLB-1:0] v, input [HL*17-1:0] bus);
        integer kk;
        head_value = bus[15:0];
        for (kk = 1; kk < HL; kk = kk + 1) if (v == HLB'(kk)) head_value = bus[kk*17 +: 16];
    endfunction
    function automatic holds_at(input integer l, input [CB-1:0] c);
        integer cc;
        holds_at = 1'b0;
        for (cc = 0; cc < C; cc = cc + 1) if ((C == 1 || c == CB'(cc)) && cc * LANES + l < W) holds_at = 1'b1;
    endfunction
    // a row group's first row, g * SD, as shifts and adds of the constant: no multiplier beyond the plan's
    function automatic [SRB-1:0] times_sd(input [GB-1:0] g);
        integer bb;
        times_sd = {SRB{1'b0}};
        for (bb = 0; bb < 31; bb = bb + 1) if (((SD >> bb) & 1) != 0) times_sd = times_sd + (SRB'(g) << bb);
    endfunction
    // The lanes' accumulators hold the weighted sums: the V slots' products accumulate there,
    // restarting at each chunk's first row. Chunk c is complete at chunk c + 1's first slot
    // (before that clock's restart), the last chunk at the O slot: its output is written then.
    assign v_acc = value_stage;
    assign v_first = s_first;
    wire o_write = (value_stage && s_first && sc_c != {CB{1'b0}}) || out_stage;
    wire [CB-1:0] o_c = out_stage ? CB'(C - 1) : sc_c - 1'b1;
    assign o_chunk = 16'(o_c);
    /* verilator lint_off UNUSEDSIGNAL */
`ifdef __ICARUS__
    wire [LANES*ACCW-1:0] lacc = active ? lane_acc : {(LANES*ACCW){1'b0}};   // Icarus: read while running (see mp)
`else
    wire [LANES*ACCW-1:0] lacc = lane_acc;
`endif
    /* verilator lint_on UNUSEDSIGNAL */

    // the reciprocal, a scalar unit of the core: head st - RD's sum in the R slots (complete:
    // the last E slot's e is added by then); its answer is taken a slot later
    integer hr;
    always @* begin
        r_in = sum[0];
        for (hr = 1; hr < H; hr = hr + 1) if (st == IW'(hr + RD)) r_in = sum[hr];
    end

    genvar h, d, l, k;
    generate
        // ---- the raw scores. When a head's elements fill whole chunks (HD % LANES == 0: one lane,
        // or lanes dividing the head dim) each chunk belongs to one head and the heads follow one
        // another, so ONE running sum of the lanes' products serves them all (restarted at each
        // head's first chunk; AttentionScale.oneRunningSum). Otherwise each element's product is
        // gated to its chunk's clock and summed per head (below) ----
        if (SEQ) begin : g_seq
            reg signed [RW-1:0] lanes_sum;
            integer ll;
            always @* begin
                lanes_sum = {RW{1'b0}};
                for (ll = 0; ll < LANES; ll = ll + 1) lanes_sum = lanes_sum + RW'($signed(mp[ll*MW +: MW]));
            end
            // a head's first chunk: chunk h*CPH for some head h (comparisons with constants)
            wire head_first = (CPH == 1) || head_starts_at(sc_c);
            reg signed [RW-1:0] run_acc;
            wire signed [RW-1:0] run = (head_first ? {RW{1'b0}} : run_acc) + lanes_sum;
            always @(posedge clk) if (score_stage) run_acc <= run;
            for (h = 0; h < H; h = h + 1) begin : g_run
                assign raw_bus[h*RW +: RW] = run;
            end
            assign prod_bus = {(W*RW){1'b0}};
        end else begin : g_per_element
            for (d = 0; d < W; d = d + 1) begin : g_elem
                // one chunk (C = 1): every slot is this element's; said outright, synthesis cannot prove sc_c stays 0
                wire in_chunk = (C == 1) || sc_c == CB'(d / LANES);
                /* verilator lint_off UNUSEDSIGNAL */ // q*k fits RW bits of the lane's product
                wire signed [MW-1:0] lp = mp[(d % LANES)*MW +: MW];
                /* verilator lint_on UNUSEDSIGNAL */
                // a size cast of a signed value: RW bits of it, sign-extended where RW > MW (NA > 17)
                assign prod_bus[d*RW +: RW] = in_chunk ? RW'(lp) : {RW{1'b0}};
            end
        end

        // ---- scale units: raw score to activation units, saturated to 32 bits. The heads whose
        // last element is in chunk c complete there; unit k scales the k-th of them, so the core
        // builds as many as the most heads one chunk completes (SU), not one per head ----
        for (h = 0; h < SU; h = h + 1) begin : g_scale
            reg signed [RW-1:0] raw_in;
            integer cc;
            always @* begin
                raw_in = raw_bus[(first_head_in(0) + h < H ? first_head_in(0) + h : 0)*RW +: RW];
                for (cc = 1; cc < C; cc = cc + 1) begin
                    if (heads_done_in(cc) > h && sc_c == CB'(cc)) raw_in = raw_bus[(first_head_in(cc) + h < H ? first_head_in(cc) + h : 0)*RW +: RW];
                end
            end
            wire signed [RW+17:0] scaled_wide;
            if (SK >= 0) begin : g_pow4
                assign scaled_wide = ($signed({{18{raw_in[RW-1]}}, raw_in}) + ((RW+18)'(1) <<< (FA + SK - 1))) >>> (FA + SK);  // $signed: a concatenation is unsigned
            end else begin : g_mul
                // raw x INV_SQRT_HD (< 2^16) in shifts and adds (fx_cmul.v): no DSP cell beside the lanes
                wire signed [RW+16:0] scaled_raw;
                fx_cmul #(.AW(RW), .K(INV_SQRT_HD)) u_scale (.a(raw_in), .p(scaled_raw));
                assign scaled_wide = ($signed({scaled_raw[RW+16], scaled_raw}) + ((RW+18)'(1) <<< (FA + 15))) >>> (FA + 16);
            end
            // saturated to 32 bits: it fits when bits 31 and up are one sign run (no comparators)
            wire [RW-14:0] s_hi = scaled_wide[RW+17:31];
            assign s_bus[h*32 +: 32] = (&s_hi || ~|s_hi) ? scaled_wide[31:0] : scaled_wide[RW+17] ? 32'sh80000000 : 32'sh7fffffff;
        end

        for (h = 0; h < H; h = h + 1) begin : g_head
            if (!SEQ) begin : g_sum
                // this clock's part of the raw score: the head's elements in this chunk
                reg signed [RW-1:0] part;
                integer i;
                always @* begin
                    part = {RW{1'b0}};
                    for (i = 0; i < HD; i = i + 1) part = part + $signed(prod_bus[(h*HD+i)*RW +: RW]);
                end
                reg signed [RW-1:0] raw_acc;                   // the earlier chunks of this row
                wire signed [RW-1:0] raw = ((C > 1 && sc_c != {CB{1'b0}}) ? raw_acc : {RW{1'b0}}) + part;
                always @(posedge clk) if (score_stage) raw_acc <= raw;
                assign raw_bus[h*RW +: RW] = raw;
            end
            // complete at its last element's chunk: scaled there by its scale unit
            localparam integer LASTC = head_last_chunk(h);
            wire h_done = score_stage && sc_c == CB'(LASTC);
            assign done_bus[h] = h_done;
            wire signed [31:0] s = s_bus[scale_unit_of(h)*32 +: 32];
            // its head chunk's E second stage (its lane, h % LANES, serves it then)
            wire in_hchunk2 = (EC == 1) || e2_c == CB'(h / LANES);
            always @(posedge clk) begin
                if (h_done) mx[h] <= (s_first || s > mx[h]) ? s : mx[h];
                if (exp2_stage && in_hchunk2) sum[h] <= (e2_first ? {SW{1'b0}} : sum[h]) + {{(SW-16){1'b0}}, ex_bus[(h % LANES)*16 +: 16]};
                if (recip_stage && st == IW'(h + RD + RS)) begin
                    ry[h] <= rcy;
                    rp[h] <= rcp;
                end
            end
        end

        // ---- per head lane k: heads k, k + LANES, ... : their scores' memory and one exp unit ----
        for (k = 0; k < HL; k = k + 1) begin : g_head_lane
            // the head chunk served in the E and P slots: sc_c, when it has a head on this lane
            // (in the E second stage: the slot's, e2_c)
            wire e_valid = (EC == 1) || sc_c <= CB'((H - 1 - k) / LANES);
            wire e_valid2 = (EC == 1) || e2_c <= CB'((H - 1 - k) / LANES);
            // the row group (head / LANES) of the head this lane serves this clock
            reg [GB-1:0] grp;
            reg signed [31:0] s_done;                          // the score of the head completed this clock
            reg signed [31:0] mx_k;
            reg [17:0] ry_k;
            reg [6:0] rp_k;
            reg done_k;
            integer hh, cc;
            always @* begin
                grp = {GB{1'b0}};
                s_done = s_bus[0 +: 32];
                done_k = 1'b0;
                for (hh = k; hh < H; hh = hh + LANES) begin
                    if (done_bus[hh]) begin
                        done_k = 1'b1;
                        s_done = s_bus[scale_unit_of(hh)*32 +: 32];
                    end
                end
                mx_k = mx[k]; ry_k = ry[k]; rp_k = rp[k];
                for (cc = 1; cc < EC; cc = cc + 1) begin
                    if (cc * LANES + k < H && sc_c == CB'(cc)) begin
                        // (the index is clamped so no select leaves its array)
                        mx_k = mx[cc * LANES + k < H ? cc * LANES + k : k]; ry_k = ry[cc * LANES + k < H ? cc * LANES + k : k]; rp_k = rp[cc * LANES + k < H ? cc * LANES + k : k];
                    end
                end
                if (EC > 1) begin
                    if (score_stage) begin
                        for (hh = k; hh < H; hh = hh + LANES) if (done_bus[hh]) grp = GB'(hh / LANES);
                    end else if (exp_stage || weight_stage) grp = GB'(sc_c);
                    else begin
                        for (cc = 0; cc < C; cc = cc + 1)
                            if (sc_c == CB'(cc) && value_head(k, cc) < H) grp = GB'(value_head(k, cc) / LANES);
                    end
                end
            end
            wire [SRB-1:0] sa = times_sd(grp) + SRB'(srow);
            // the memory: one read port at row sa, one write port at row sa — or, in the E second
            // stage, at the row its slot read the clock before (sa_q)
            reg [SRB-1:0] sa_q;
            always @(posedge clk) sa_q <= sa;
            wire [SRB-1:0] wa = exp2_stage ? sa_q : sa;
            wire sc_we;
            wire signed [31:0] sc_wd;
            wire signed [31:0] s_tau;
            if (SC_STYLE == 2) begin : g_sc_block
                // block RAM, read on the rising edge a clock ahead: the row the next slot reads
                // comes from the issued slot (its phase, row and chunk are the next handled
                // slot's), so the word is there when the slot is handled — a whole clock for the
                // E slot's exp and product, where a read on the falling edge left half of one.
                // The write at that edge (this slot's) is not in the word read then: when it is
                // the row read, its data is taken instead.
                (* ram_style = "block", ramstyle = "M10K", syn_ramstyle = "block_ram" *)
                reg signed [31:0] scm [0:SR-1];
                reg signed [31:0] word;
                wire [SRB-1:0] ra_next = times_sd(read_group(k, iph, ic)) + SRB'(it[PW-1:0]);
                reg fwd = 1'b0;
                reg signed [31:0] wd_q;
                always @(posedge clk) begin
                    if (sc_we) scm[wa] <= sc_wd;
                    word <= scm[ra_next];
                    fwd <= sc_we && wa == ra_next;
                    wd_q <= sc_wd;
                end
                assign s_tau = fwd ? wd_q : word;
            end else if (SC_STYLE == 1) begin : g_sc_lutram
                (* ram_style = "distributed", ramstyle = "MLAB, no_rw_check", syn_ramstyle = "select_ram" *)
                reg signed [31:0] scm [0:SR-1];
                always @(posedge clk) if (sc_we) scm[wa] <= sc_wd;
                assign s_tau = scm[sa];
            end else begin : g_sc_registers
                (* ram_style = "logic", ramstyle = "logic", syn_ramstyle = "registers" *)
                reg signed [31:0] scm [0:SR-1];
                always @(posedge clk) if (sc_we) scm[wa] <= sc_wd;
                assign s_tau = scm[sa];
            end
            wire signed [32:0] dlt = {s_tau[31], s_tau} - {mx_k[31], mx_k};
            // the exp's two table words (read at the E slot's end), multiplied on this lane in
            // the E second stage
            wire [15:0] hi_word, lo_word;
            wire ex_zero;
            if (EXT_EXP != 0 && k == 0) begin : g_lent_exp
                assign x_d = dlt;
                assign hi_word = x_hi;
                assign lo_word = x_lo;
                assign ex_zero = x_zero;
            end else begin : g_own_exp
                fx_exp_tables #(.DW(33), .FA(FA), .HI_TABLE(HI_TABLE), .LO_TABLE(LO_TABLE), .BLOCK(EXP_BLOCK))
                    u_exp (.clk(clk), .d(dlt), .hi_word(hi_word), .lo_word(lo_word), .zero(ex_zero));
            end
            /* verilator lint_off UNUSEDSIGNAL */ // the table words' product is below 2^31, e * y below 2^33
            wire [MW-1:0] hp = mp[k*MW +: MW];
            // rnd(x, s) = ((x >> (s - 1)) + 1) >> 1 (floor division nests): adders of the kept bits only
            wire [MW-14:0] ex_u = (MW-13)'(hp[MW-1:14]) + (MW-13)'(1);          // e = rnd(product, 15)
            /* verilator lint_on UNUSEDSIGNAL */
            wire [15:0] ex = ex_zero ? 16'd0 : ex_u[16:1];
            // pi = rnd(e * y, p), p = 15 + q with q small; pi is at most a little over 2^15
            // q = p - 15 is at most LCTX + 1 (S < 2^SW, SW = 17 + LCTX): a shifter of QB-bit amounts
            // after the constant 14, not of p's seven bits
            wire [QB-1:0] pq = QB'(rp_k - 7'd15);
            /* verilator lint_off UNUSEDSIGNAL */
            wire [MW-15:0] hp14 = hp[MW-1:14];
            wire [MW-15:0] pi_t = hp14 >> pq;
            wire [18:0] pi_u = 19'(pi_t[17:0]) + 19'd1;
            wire [15:0] s_low = s_tau[15:0];
            /* verilator lint_on UNUSEDSIGNAL */
            assign ex_bus[k*16 +: 16] = ex;
            assign ha_bus[k*OPW +: OPW] = exp2_stage ? OPW'({1'b0, hi_word}) : OPW'({1'b0, s_low});
            assign hb_bus[k*MBW +: MBW] = exp2_stage ? MBW'({1'b0, lo_word}) : MBW'(ry_k);
            assign hv_bus[k*17 +: 17] = s_tau[16:0];
            assign sc_we = done_k || (exp2_stage && e_valid2) || (weight_stage && e_valid);
            assign sc_wd = score_stage ? s_done : exp2_stage ? {16'd0, ex} : {15'd0, pi_u[17:1]};
        end

        // ---- per lane: its element's (or head's) operands in this chunk, 0 past the end; its output ----
        for (l = 0; l < LANES; l = l + 1) begin : g_lane
            // In the V slots the lane multiplies its element's weight pi, kept by the head lane of
            // the element's head: which head lane that is, chunk by chunk, is decoded from sc_c
            // (a few bits), and one select of HL values follows — not a C-deep select of 17 bits.
            // (functions of sc_c, continuously assigned: evaluated from time 0 even when constant)
            wire [HLB-1:0] vl = value_lane_at(l, sc_c);       // the head lane
            wire v_ok = holds_at(l, sc_c);                     // the lane holds an element in this chunk
            wire [15:0] hv_sel = head_value(vl, hv_bus);
            wire signed [OPW-1:0] p_sel = v_ok ? OPW'($signed({1'b0, hv_sel})) : {OPW{1'b0}};
            // the head lane's operands, while its head chunk has a head on it (E and P slots)
            wire signed [OPW-1:0] ha_sel;
            wire signed [MBW-1:0] hb_sel;
            if (l < HL) begin : g_head_operands
                wire h_ok = (EC == 1) || (exp2_stage ? e2_c : sc_c) <= CB'((H - 1 - l) / LANES);
                assign ha_sel = h_ok ? ha_bus[l * OPW +: OPW] : {OPW{1'b0}};
                assign hb_sel = h_ok ? hb_bus[l * MBW +: MBW] : {MBW{1'b0}};
            end else begin : g_no_head
                assign ha_sel = {OPW{1'b0}};
                assign hb_sel = {MBW{1'b0}};
            end
            // the lane's words of q (read by the core at chunk sc_c) and of the cache row
            wire signed [NA-1:0] q_sel = qg[l*NA +: NA];
            wire signed [NA-1:0] kv_sel;                     // k in the K slots, v in the V slots
            if (l < KL) begin : g_held
                assign kv_sel = kv_rd[l*NA +: NA];
            end else begin : g_past
                assign kv_sel = {NA{1'b0}};
            end
            always @* m_a[l*OPW +: OPW] = value_stage ? p_sel : score_stage ? OPW'(q_sel) : (exp2_stage || weight_stage) ? ha_sel : {OPW{1'b0}};
            always @* m_b[l*MBW +: MBW] = (value_stage || score_stage) ? MBW'(kv_sel) : (exp2_stage || weight_stage) ? hb_sel : {MBW{1'b0}};
            // o = sat(rnd(acc, 15), NA) of the lane's accumulator: a fixed shift, one rounder per lane
            /* verilator lint_off UNUSEDSIGNAL */ // the rounding keeps the bits from 14 up
            wire signed [AW-1:0] acc_sel = lacc[l*ACCW +: AW];
            /* verilator lint_on UNUSEDSIGNAL */
            // (acc + 2^14) >> 15 = ((acc >> 14) + 1) >> 1 (floor division nests): an adder of the kept bits
            /* verilator lint_off UNUSEDSIGNAL */
            wire signed [AW-14:0] ru = (AW-13)'($signed(acc_sel[AW-1:14])) + (AW-13)'(1);
            /* verilator lint_on UNUSEDSIGNAL */
            wire signed [AW-1:0] rounded = AW'($signed(ru[AW-14:1]));
            // ... saturated: it fits NA bits when bits NA-1 and up are one sign run
            wire [AW-NA:0] o_hi = rounded[AW-1:NA-1];
            assign o[l*NA +: NA] = (&o_hi || ~|o_hi) ? rounded[NA-1:0] : rounded[AW-1] ? {1'b1, {(NA-1){1'b0}}} : {1'b0, {(NA-1){1'b1}}};
            // every chunk but the last is full; the last holds W - (C-1)*LANES elements
            assign o_we[l] = o_write && (o_c != CB'(C - 1) || (C - 1) * LANES + l < W);
        end
    endgenerate
endmodule
