// matvec_engine: the matrix-vector engine of the core (docs/architecture.md §1-2):
// y = act(sat(rnd(W x, FW))) on LANES MAC lanes, one column of products per clock.
//
// The LANES lanes form SPLIT column groups of LANES/SPLIT row lanes (the plan's rule: rows
// first; split the columns only when a layer has fewer rows than lanes). Lane l works on row
// lane l % (LANES/SPLIT) of column group l / (LANES/SPLIT); group g sees column g*SEG + col of
// the input. A pass of SEG clocks finishes LANES/SPLIT rows; the row lanes then add their
// groups' partial sums.
//
// Timing: `issue` high for every product column; the caller presents the weight ROM address
// in that clock and gives the ROM words on `w` the clock after (the ROM's read latency) and the
// column's operands on `xb` in the issue clock (registered here to line up with `w`). Two clocks
// after a pass's last issue `wb` is high for one clock with the pass's results on `y` and `z`.
//
// Ports
//   restart   clear the column counters (a new op)
//   seg       columns per group in a pass (SEG)
//   split     column groups of this linear (SPLIT, one of the values SPLITS lists)
//   act       0 none, 1 ReLU, 2 GELU, 3 GELU erf form (GELU only when built with GELU = 1, its
//             erf form with ERF = 1 too: one fx_gelu per lane holds both tables)
//   sat32     z is the sum saturated to 32 bits (logits without activation), else act's output
//   fw        with VARFW = 1: the rounding shift of the pass on `wb` (layers may have their own
//             weight formats, 'weights q1.7'; the caller gives the shift of wb_pass's tensor)
//   col       the column within the group the operands on `xb` must come from
//   xb        per group g at bits g*NA: input element g*SEG + col, 0 past the input
//   w         per lane l at bits l*NW: the ROM word of lane l
//   wb        a pass's rows are final: y, z valid for row lanes 0 .. LANES/SPLIT-1
//   wb_pass   which pass they belong to (rows wb_pass*LANES/SPLIT + lane)
//   ext_en    lend the lanes' multipliers (no linear runs): lane l multiplies ext_a by ext_b
//   ext_a/b   per lane l at bits l*EA / l*EB: the borrowed operands (signed)
//   ext_p     per lane l at bits l*(MA+MB): the borrowed product, the same clock (combinational)
//   ext_acc   a borrower accumulates the borrowed product in the lanes' accumulators this clock
//             (attention's weighted sum of v), restarting from it when ext_first
//   acc_out   per lane l at bits l*ACCW: its accumulator
//   col_n, wb_n, wb_pass_n   what col, wb and wb_pass will be after this edge (a core that reads
//             its activations from block RAM a clock ahead forms the next clock's addresses)
// With EA = EB = 0 nothing borrows the lanes and the ext ports are unused. Otherwise each
// lane's one multiplier is MA x MB = max(NW, EA) x max(NA, EB): the norms' squares and scaling
// (norm_unit.v) run on it instead of on multipliers of their own.
module matvec_engine #(
    parameter integer LANES = 4,
    parameter integer NW = 16,                 // weight width
    parameter integer NA = 16,                 // activation width
    /* verilator lint_off UNUSEDPARAM */ // only GELU reads FA and GELU_TABLE
    parameter integer FA = 12,                 // activation fraction bits (for GELU)
    /* verilator lint_on UNUSEDPARAM */
    parameter integer FW = 12,                 // weight fraction bits: the sum's rounding shift (VARFW = 0)
    parameter integer VARFW = 0,               // 1: the shift is the `fw` input, per pass (per-layer weight formats)
    parameter integer FWSPAN = 0,              // with VARFW: fw is FW .. FW + FWSPAN (the plan's fraction bits: FW their least)
    parameter integer ACCW = 37,               // accumulator width: NW + NA + ceil(log2(max fan-in)) + 1
    parameter integer PSW = 38,                // width of a row's sum over its column groups
    parameter integer MAXSPLIT = 1,            // the largest split of any linear
    parameter [LANES:1] SPLITS = 1,            // bit s set: some linear uses split s
    parameter integer GELU = 0,
    /* verilator lint_off UNUSEDPARAM */ // only GELU reads ERF
    parameter integer ERF = 0,                 // with GELU: the erf form's table too (act 3); 2: the erf form's alone (fx_gelu.v)
    /* verilator lint_on UNUSEDPARAM */
    parameter integer ZMODE = 2,               // z: 2 as sat32 says, 1 always the saturated sum, 0 always act's output
                                               // (the plan's logits linears: a core whose logits all take one path builds only it)
    parameter integer EA = 0,                  // borrowed operand widths (0: the lanes are not lent)
    parameter integer EB = 0,
    parameter integer SOFTB = 0,               // low bits of a lane's b multiplied in logic (mac_lane; the plan's LaneWidths.softLowBits)
    /* verilator lint_off UNUSEDPARAM */
    parameter GELU_TABLE = "gelu_table.hex",
    parameter GELU_ERF_TABLE = "gelu_erf_table.hex"
    /* verilator lint_on UNUSEDPARAM */
) (
    input  wire                   clk,
    input  wire                   restart,
    input  wire                   issue,
    input  wire [15:0]            seg,
    /* verilator lint_off UNUSEDSIGNAL */ // a core whose linears all have one column group never reads the split
    input  wire [15:0]            split,
    /* verilator lint_on UNUSEDSIGNAL */
    input  wire [1:0]             act,
    input  wire                   sat32,
    /* verilator lint_off UNUSEDSIGNAL */ // read only with VARFW = 1
    input  wire [5:0]             fw,
    /* verilator lint_on UNUSEDSIGNAL */
    output wire [15:0]            col,
    input  wire [MAXSPLIT*NA-1:0] xb,
    input  wire [LANES*NW-1:0]    w,
    output reg                    wb,
    output reg  [15:0]            wb_pass,
    output reg  [LANES*NA-1:0]    y,
    output reg  [LANES*32-1:0]    z,
    /* verilator lint_off UNUSEDSIGNAL */ // a core whose lanes are not lent leaves these unread
    input  wire                   ext_en,
    input  wire [LANES*(EA > 0 ? EA : 1)-1:0] ext_a,
    input  wire [LANES*(EB > 0 ? EB : 1)-1:0] ext_b,
    /* verilator lint_on UNUSEDSIGNAL */
    output reg  [LANES*((NW > EA ? NW : EA) + (NA > EB ? NA : EB))-1:0] ext_p,
    input  wire                   ext_acc,
    input  wire                   ext_first,
    /* verilator lint_off UNUSEDSIGNAL */ // read only by a borrower that accumulates (attention with one chunk)
    output reg  [LANES*ACCW-1:0]  acc_out,
    /* verilator lint_on UNUSEDSIGNAL */
    output reg  [15:0]            col_n,
    output wire                   wb_n,
    output wire [15:0]            wb_pass_n
);
    localparam integer MA = NW > EA ? NW : EA;   // a lane multiplier's operand widths
    localparam integer MB = NA > EB ? NA : EB;
    // ---- issue counters: column j of pass g ----
    reg [15:0] j, g;
    always @(posedge clk) begin
        if (restart) begin
            j <= 16'd0; g <= 16'd0;
        end else if (issue) begin
            if (j == seg - 1'b1) begin j <= 16'd0; g <= g + 1'b1; end
            else j <= j + 1'b1;
        end
    end
    // what j takes at the edge (for a core that looks a clock ahead; dropped where nothing reads it)
    always @* col_n = restart ? 16'd0 : !issue ? j : (j == seg - 1'b1) ? 16'd0 : j + 1'b1;
    assign col = j;

    // ---- pipeline: stage 1 multiplies-accumulates (the ROM word is out), stage 2 writes back ----
    reg s1_valid, s1_first, s1_last;
    reg [15:0] s1_g;
    always @(posedge clk) begin
        s1_valid <= issue;
        s1_first <= j == 16'd0;
        s1_last <= j == seg - 1'b1;
        s1_g <= g;
        wb <= wb_n;
        wb_pass <= wb_pass_n;
    end
    assign wb_n = s1_valid && s1_last;
    assign wb_pass_n = s1_g;

    // ---- lanes ----
    // Every per-lane and per-stage signal is a net of its own in a generate scope, read by
    // constant hierarchical names: a shared bus of all lanes' accumulators would wake every
    // reader on each lane's change, LANES^2 work per clock in an event-driven simulator (Icarus
    // ran microGPT at 64 lanes 60 times slower that way). The split is chosen by a chain of
    // muxes over the splits built.
    genvar l, s, k;
    generate
        for (s = 0; s < MAXSPLIT; s = s + 1) begin : g_xb
            // the operand of column group s, registered to line up with the ROM word
            reg signed [NA-1:0] q;
            always @(posedge clk) q <= xb[s*NA +: NA];
        end
        for (l = 0; l < LANES; l = l + 1) begin : g_lane
            // the operand of this lane's column group
            for (s = 1; s <= MAXSPLIT; s = s + 1) begin : g_b
                wire signed [NA-1:0] b;
                if (s == 1) begin : g_first
                    assign b = g_xb[0].q;
                end else if (SPLITS[s] && LANES % s == 0) begin : g_used
                    assign b = (split == 16'(s)) ? g_xb[l / (LANES / s)].q : g_b[s-1].b;
                end else begin : g_unused
                    assign b = g_b[s-1].b;
                end
            end
            wire signed [ACCW-1:0] acc;
            wire signed [MA-1:0] ma;
            wire signed [MB-1:0] mb;
            wire signed [NW-1:0] wl = w[l*NW +: NW];
            if (EA > 0 && EB > 0) begin : g_lend
                wire signed [EA-1:0] ea = ext_a[l*EA +: EA];
                wire signed [EB-1:0] eb = ext_b[l*EB +: EB];
                // size casts of signed values sign-extend
                assign ma = ext_en ? MA'(ea) : MA'(wl);
                assign mb = ext_en ? MB'(eb) : MB'(g_b[MAXSPLIT].b);
            end else begin : g_own
                assign ma = MA'(wl);
                assign mb = MB'(g_b[MAXSPLIT].b);
            end
            wire signed [MA+MB-1:0] p;
            mac_lane #(.AW(MA), .BW(MB), .ACCW(ACCW), .SOFTB(SOFTB)) u_mac (.clk(clk), .en(s1_valid || ext_acc), .first(ext_acc ? ext_first : s1_first), .a(ma), .b(mb), .acc(acc), .p(p));
            always @* acc_out[l*ACCW +: ACCW] = acc;
            // a variable written per lane, not a net driven in slices (Icarus: see above)
            always @* ext_p[l*(MA+MB) +: MA+MB] = p;
        end
        for (l = 0; l < LANES; l = l + 1) begin : g_out
            // a row lane adds the partial sums of its column groups
            for (s = 1; s <= MAXSPLIT; s = s + 1) begin : g_p
                wire signed [PSW-1:0] psum;
                if (s == 1) begin : g_first
                    assign psum = PSW'(g_lane[l].acc);
                end else if (SPLITS[s] && LANES % s == 0 && l < LANES / s) begin : g_used
                    for (k = 0; k < s; k = k + 1) begin : g_k
                        wire signed [PSW-1:0] part;   // the sum of groups 0 .. k
                        if (k == 0) begin : g_first
                            assign part = PSW'(g_lane[l].acc);
                        end else begin : g_next
                            assign part = g_k[k-1].part + PSW'(g_lane[k * (LANES / s) + l].acc);
                        end
                    end
                    assign psum = (split == 16'(s)) ? g_k[s-1].part : g_p[s-1].psum;
                end else begin : g_unused
                    assign psum = g_p[s-1].psum;
                end
            end
            /* verilator lint_off UNUSEDSIGNAL */ // the rounding keeps the bits from FW-1 up
`ifdef __ICARUS__
            // Icarus only: the write-back path sees the sum in its write-back clock, when it is
            // read (every lane's sum changes every clock; an event-driven simulator would run the
            // rounding, saturation and activation each time). Synthesis and Verilator read it
            // always; both simulators are held bit-exact to the reference.
            wire signed [PSW-1:0] psum = wb ? g_p[MAXSPLIT].psum : {PSW{1'b0}};
`else
            wire signed [PSW-1:0] psum = g_p[MAXSPLIT].psum;
`endif
            /* verilator lint_on UNUSEDSIGNAL */
            // round half up by FW (a constant shift) at the sum's own width, or by the pass's fw
            wire signed [PSW-1:0] accr;
            if (VARFW != 0) begin : g_round_var
                // fw = FW + ds with ds in 0 .. FWSPAN: the constant part of the shift is wiring,
                // the rest a shifter of ceil(log2(FWSPAN + 1)) stages, not one of six (fw's bits)
                localparam integer SB = (FWSPAN > 0) ? $clog2(FWSPAN + 1) : 1;
                /* verilator lint_off UNUSEDSIGNAL */ // ds <= FWSPAN: the high bits are zero
                wire [5:0] dfw = fw - 6'(FW);
                /* verilator lint_on UNUSEDSIGNAL */
                wire [SB-1:0] ds = dfw[SB-1:0];
                if (FW > 0) begin : g_nested
                    // (psum + 2^(fw-1)) >> fw = (((psum >> (FW-1)) >> ds) + 1) >> 1 (floor division nests)
                    wire signed [PSW-FW:0] t = psum[PSW-1:FW-1];
                    wire signed [PSW-FW:0] t2 = t >>> ds;
                    /* verilator lint_off UNUSEDSIGNAL */ // u's last bit falls away
                    wire signed [PSW-FW+1:0] u = (PSW-FW+2)'(t2) + (PSW-FW+2)'(1);
                    /* verilator lint_on UNUSEDSIGNAL */
                    assign accr = PSW'($signed(u[PSW-FW+1:1]));
                end else begin : g_from_zero
                    wire signed [PSW-1:0] half = (ds == {SB{1'b0}}) ? {PSW{1'b0}} : (PSW'(1) <<< (ds - SB'(1)));
                    assign accr = (psum + half) >>> ds;
                end
            end else if (FW > 0) begin : g_round
                // (psum + 2^(FW-1)) >> FW = ((psum >> (FW-1)) + 1) >> 1 (floor division nests):
                // the adder spans only the bits kept
                /* verilator lint_off UNUSEDSIGNAL */ // the bits below FW-1 and u's last fall away
                wire signed [PSW-FW+1:0] u = (PSW-FW+2)'($signed(psum[PSW-1:FW-1])) + (PSW-FW+2)'(1);
                /* verilator lint_on UNUSEDSIGNAL */
                assign accr = PSW'($signed(u[PSW-FW+1:1]));
            end else begin : g_exact
                assign accr = psum;
            end
            wire signed [NA-1:0] ys;
            wire signed [31:0] zs;
            if (PSW <= NA) begin : g_fits
                assign ys = NA'(accr);
            end else begin : g_sat
                // the sum fits NA bits when its bits NA-1 and up are one sign run: a reduction of
                // those bits, not two comparators of the sum's width (a third of the lane's logic)
                wire [PSW-NA:0] yhi = accr[PSW-1:NA-1];
                assign ys = (&yhi || ~|yhi) ? accr[NA-1:0] : accr[PSW-1] ? {1'b1, {(NA-1){1'b0}}} : {1'b0, {(NA-1){1'b1}}};
            end
            if (PSW <= 32) begin : g_fits32
                assign zs = 32'(accr);
            end else begin : g_sat32
                wire [PSW-32:0] zhi = accr[PSW-1:31];                 // a sign run, as ys
                assign zs = (&zhi || ~|zhi) ? accr[31:0] : accr[PSW-1] ? 32'sh80000000 : 32'sh7fffffff;
            end
            wire signed [NA-1:0] yact;
            if (GELU != 0) begin : g_gelu
                wire signed [NA-1:0] ge;
                fx_gelu #(.NA(NA), .FA(FA), .TABLE(GELU_TABLE), .ERF(ERF), .ERF_TABLE(GELU_ERF_TABLE)) u_gelu (.x(ys), .erf(act == 2'd3), .y(ge));
                assign yact = (act == 2'd1) ? (ys[NA-1] ? {NA{1'b0}} : ys) : (act[1]) ? ge : ys;
            end else begin : g_no_gelu
                assign yact = (act == 2'd1) ? (ys[NA-1] ? {NA{1'b0}} : ys) : ys;
            end
            // variables, not nets: a net driven in LANES slices is resolved whole on each slice's change in Icarus
            always @* y[l*NA +: NA] = yact;
            always @* z[l*32 +: 32] = (ZMODE == 1 || (ZMODE == 2 && sat32)) ? zs : 32'(yact);
        end
    endgenerate
endmodule
