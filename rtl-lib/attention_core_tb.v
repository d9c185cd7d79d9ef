// Testbench: runs attention_core for positions 0 .. T-1 with q, k, v read from IN_FILE
// (per position: W words of q, then k, then v), holding `active` for the plan's
// (2C+2EC)(pos+1)+H+4+RD cycles (C = ceil(W / LANES), EC = ceil(H / LANES), RD = 1 when EC = 1), with LANES multipliers and
// accumulators standing in for the core's MAC lanes and the chunks of q, k, v it asks for given lane by lane, as the core's scratch
// memories give them. It keeps element o_chunk*LANES + l in the cycle o_we[l] is high and prints, after the
// last cycle, "R pos o0 o1 ..." and then "W pos n0 n1 ...": how many times each element was
// written, and "L pos c" where c is the cycle of the last write (the plan: the op's last, (2C+2EC)(pos+1)+H+3+RD).
module attention_core_tb #(
    parameter integer W = 16,
    parameter integer H = 4,
    parameter integer LANES = 16,
    parameter integer CTX = 16,
    parameter integer NA = 16,
    parameter integer FA = 12,
    parameter integer SK = 1,
    parameter integer INV_SQRT_HD = 0,
    parameter integer SC_STYLE = 1,            // the score memories: 2 block RAM, 1 LUT RAM, 0 flip-flops
    parameter integer EXT_EXP = 0,             // 1: head lane 0's exp tables outside the core (as the sampler shares them)
    parameter integer T = 4,
    parameter IN_FILE = "in.hex"
) (
    input wire clk
);
    localparam integer PW = (CTX > 2) ? $clog2(CTX) : 1;
    localparam integer HD = W / H;
    localparam integer C = (W + LANES - 1) / LANES;
    localparam integer EC = (H + LANES - 1) / LANES;
    localparam integer CYW = $clog2((2 * C + 2 * EC) * CTX + H + 5);
    localparam integer AW = NA + 17 + ((CTX > 1) ? $clog2(CTX) : 1);   // the lanes' accumulators hold a weighted sum
    localparam integer OPW = (NA > 17) ? NA : 17;
    localparam integer MBW = (NA > 18) ? NA : 18;
    reg [NA-1:0] mem [0:3*W*T-1];
    initial $readmemh(IN_FILE, mem);
    reg active = 1'b0;
    reg [CYW-1:0] cyc = 0;
    reg [PW-1:0] pos = 0;
    reg [W*NA-1:0] q, k, v;
    wire [15:0] q_chunk, ld_chunk, o_chunk;
    reg [LANES*NA-1:0] q_l, k_l, v_l;
    wire [LANES*NA-1:0] o;
    wire [LANES-1:0] o_we;
    integer e;
    always @* begin
        for (e = 0; e < LANES; e = e + 1) begin
            q_l[e*NA +: NA] = (q_chunk * LANES + e < W) ? q[(q_chunk * LANES + e)*NA +: NA] : {NA{1'b1}};
            k_l[e*NA +: NA] = (ld_chunk * LANES + e < W) ? k[(ld_chunk * LANES + e)*NA +: NA] : {NA{1'b1}};
            v_l[e*NA +: NA] = (ld_chunk * LANES + e < W) ? v[(ld_chunk * LANES + e)*NA +: NA] : {NA{1'b1}};
        end
    end
    reg [NA-1:0] got [0:W-1];
    integer writes [0:W-1];
    integer last = -1;
    integer p = 0, i, n;
    wire [LANES*OPW-1:0] m_a;
    wire [LANES*MBW-1:0] m_b;
    wire [LANES*(OPW+MBW)-1:0] m_p;
    wire v_acc, v_first;
    wire [LANES*AW-1:0] lane_acc;
    genvar l;
    for (l = 0; l < LANES; l = l + 1) begin : g_lane
        assign m_p[l*(OPW+MBW) +: OPW+MBW] = $signed(m_a[l*OPW +: OPW]) * $signed(m_b[l*MBW +: MBW]);
        reg signed [AW-1:0] acc = 0;
        always @(posedge clk) if (v_acc) acc <= (v_first ? 0 : acc) + AW'($signed(m_p[l*(OPW+MBW) +: OPW+MBW]));
        assign lane_acc[l*AW +: AW] = acc;
    end
    // the reciprocal, a scalar unit of the core
    wire [16 + ((CTX > 1) ? $clog2(CTX) : 1):0] r_in;
    wire [17:0] rcy;
    wire [6:0] rcp;
    fx_recip #(.SW(17 + ((CTX > 1) ? $clog2(CTX) : 1))) u_recip (.clk(clk), .s(r_in), .y(rcy), .p(rcp));
    attention_core #(.W(W), .H(H), .LANES(LANES), .CTX(CTX), .NA(NA), .FA(FA), .PW(PW), .CYW(CYW), .SK(SK), .INV_SQRT_HD(INV_SQRT_HD), .SC_STYLE(SC_STYLE), .ACCW(AW), .EXT_EXP(EXT_EXP))
        dut (.clk(clk), .active(active), .cyc(cyc), .pos(pos), .blk(1'b0), .q_chunk(q_chunk), .q(q_l), .ld_chunk(ld_chunk), .k_new(k_l), .v_new(v_l),
             .o_chunk(o_chunk), .o(o), .o_we(o_we),
             .m_a(m_a), .m_b(m_b), .m_p(m_p), .v_acc(v_acc), .v_first(v_first), .lane_acc(lane_acc),
             .r_in(r_in), .rcy(rcy), .rcp(rcp), .x_d(x_d), .x_hi(x_hi), .x_lo(x_lo), .x_zero(x_zero));
    // the lent exp tables (used with EXT_EXP)
    wire signed [32:0] x_d;
    wire [15:0] x_hi, x_lo;
    wire x_zero;
    fx_exp_tables #(.DW(33), .FA(FA)) u_lent (.clk(clk), .d(x_d), .hi_word(x_hi), .lo_word(x_lo), .zero(x_zero));

    // the sequencer's side at the rising edge (as in the core), the outputs observed mid-cycle
    always @(posedge clk) begin
        if (!active) begin
            if (p == T) $finish;
            for (i = 0; i < W; i = i + 1) begin
                q[i*NA +: NA] <= mem[(3*p)*W + i];
                k[i*NA +: NA] <= mem[(3*p+1)*W + i];
                v[i*NA +: NA] <= mem[(3*p+2)*W + i];
            end
            for (i = 0; i < W; i = i + 1) writes[i] = 0;
            last = -1;
            pos <= p[PW-1:0];
            cyc <= 0;
            active <= 1'b1;
        end else if (cyc == (2 * C + 2 * EC) * (p + 1) + H + 3 + (EC == 1 ? 1 : 0)) begin
            $write("R %0d", p);
            for (n = 0; n < W; n = n + 1) $write(" %0d", $signed(got[n]));
            $write("\nW %0d", p);
            for (n = 0; n < W; n = n + 1) $write(" %0d", writes[n]);
            $write("\nL %0d %0d\n", p, last);
            active <= 1'b0;
            p = p + 1;
        end else cyc <= cyc + 1'b1;
    end
    always @(negedge clk) begin
        if (active) begin
            for (n = 0; n < LANES; n = n + 1) begin
                if (o_we[n]) begin
                    got[o_chunk * LANES + n] = o[n*NA +: NA];
                    writes[o_chunk * LANES + n] = writes[o_chunk * LANES + n] + 1;
                    last = cyc;
                end
            end
        end
    end
endmodule
