// Testbench for the output units: COUNT logit vectors of V signed 32-bit words from IN_FILE;
// for each, runs argmax_scan (SAMPLE = 0) or sampler (SAMPLE = 1, one draw per vector, the
// generator seeded once from SEED) and prints "R token". The sampler's step is V + 3 + S cycles,
// S = ceil(log2 V) (0 when V = 1): docs/architecture.md SAMPLE, CoreOp.Sample.
module chooser_tb #(
    parameter integer V = 27,
    parameter integer COUNT = 1,
    parameter integer SAMPLE = 1,
    parameter integer FA = 12,
    parameter integer INV_T = 131072,
    parameter [31:0] SEED = 32'd2,
    parameter integer SUM_STYLE = 1,           // the sampler's stored sums: 3 large single-port RAM, 2 block RAM, 1 LUT RAM, 0 flip-flops
    parameter integer EXT_EXP = 0,             // 1: the sampler's exp tables outside it (as attention lends them)
    parameter integer LANES_TARGET = 0,        // 1: r * C on TL lanes (this bench multiplies their operands as a lane does)
    parameter integer TL = 4,
    parameter IN_FILE = "in.hex"
) (
    input wire clk
);
    localparam integer IW = (V > 1) ? $clog2(V) : 1;
    localparam integer S = (V > 1) ? $clog2(V) : 0;
    localparam integer CH = (17 + IW + 1) / 2;                             // C's low half (MultiplierInventory.samplerTargetHalf)
    localparam integer TC = (LANES_TARGET != 0) ? (4 + TL - 1) / TL : (CH <= 16) ? 4 : 1;   // the target's clocks (Timing.sampleTargetClocks)
    localparam integer LEN = SAMPLE ? V + 2 + TC + S : 1;
    localparam integer CYW = $clog2(LEN + 1) + 1;
    reg [31:0] mem [0:V*COUNT-1];
    initial $readmemh(IN_FILE, mem);
    reg load = 1'b1, active = 1'b0;
    reg [CYW-1:0] cyc = 0;
    reg [V*32-1:0] z = 0;
    reg signed [31:0] zmax = 0;                 // the core keeps it as the logits are written (logit_max.v)
    reg signed [31:0] m;
    wire [IW-1:0] token_s, token_a;
    wire [IW-1:0] z_ra;
    reg [31:0] z_rd = 0;
    integer n = 0, i;
    wire [4*17-1:0] m_a;
    wire [4*(CH+1)-1:0] m_b;
    wire [4*(CH+18)-1:0] m_p;
    sampler #(.V(V), .IW(IW), .CYW(CYW), .FA(FA), .INV_T(INV_T), .SUM_STYLE(SUM_STYLE), .EXT_EXP(EXT_EXP), .LANES_TARGET(LANES_TARGET), .TL(TL), .CH(CH))
        u_s (.clk(clk), .load(load), .seed(SEED), .active(active),
        .choose(1'b1), .cyc(cyc), .z_ra(z_ra), .z_rd(z_rd), .zmax(zmax), .token(token_s),
        .m_a(m_a), .m_b(m_b), .m_p(m_p), .x_d(x_d), .x_hi(x_hi), .x_lo(x_lo), .x_zero(x_zero));
    // the lanes' products of the operands the sampler lends them (unsigned; a lane's product is wider)
    genvar k;
    for (k = 0; k < 4; k = k + 1) begin : g_lane
        assign m_p[k*(CH+18) +: CH+18] = (CH+18)'(m_a[k*17 +: 17]) * (CH+18)'(m_b[k*(CH+1) +: CH+1]);
    end
    // the lent exp tables (used with EXT_EXP)
    wire signed [32:0] x_d;
    wire [15:0] x_hi, x_lo;
    wire x_zero;
    fx_exp_tables #(.DW(33), .FA(FA)) u_lent (.clk(clk), .d(x_d), .hi_word(x_hi), .lo_word(x_lo), .zero(x_zero));
    // the logits read a word a clock, registered, as the core's logit store gives them
    wire [31:0] zw [0:V-1];
    genvar u;
    for (u = 0; u < V; u = u + 1) begin : g_logit
        assign zw[u] = z[u*32 +: 32];
    end
    always @(posedge clk) z_rd <= zw[z_ra];
    argmax_scan #(.V(V), .IW(IW), .CYW(CYW)) u_a (.clk(clk), .active(active), .cyc(cyc), .z(z), .token(token_a));

    reg pending = 1'b0;
    always @(negedge clk) begin
        if (load) load <= 1'b0;
        else if (!active) begin
            // the token was registered at the end of the previous step's last cycle
            if (pending) begin
                $display("R %0d", SAMPLE ? token_s : token_a);
                n = n + 1;
                pending <= 1'b0;
            end
            if (n == COUNT) $finish;
            for (i = 0; i < V; i = i + 1) z[i*32 +: 32] <= mem[n*V + i];
            m = mem[n*V];
            for (i = 1; i < V; i = i + 1) if ($signed(mem[n*V + i]) > m) m = mem[n*V + i];
            zmax <= m;
            cyc <= 0;
            active <= 1'b1;
        end else if (cyc == LEN - 1) begin
            active <= 1'b0;
            pending <= 1'b1;
        end else cyc <= cyc + 1'b1;
    end
endmodule
