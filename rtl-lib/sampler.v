// Samples a token from softmax(z / T) per docs/numerics.md "Sample", with xorshift32 random
// numbers. The sequencer holds `active` for 2V+2 cycles, cyc = 0, 1, ...:
//   cyc 0          the generator steps (only when `choose`: prompt tokens draw nothing)
//   cyc 0 .. V-1   M = max z
//   cyc V .. 2V-1  e_i = expNeg(rnd(max(z_i - M, -2^(FA+7)) * INV_T, 16)); C_i = e_0 + ... + e_i
//   cyc 2V         target = (r * C) >> 32
//   cyc 2V+1       token = the smallest i with C_i > target
// `load` (reset) seeds the generator: state = seed XOR 0x9E3779B9, or 0x9E3779B9 when that is 0.
module sampler #(
    parameter integer V = 27,
    parameter integer IW = 5,
    parameter integer CYW = 8,
    parameter integer FA = 12,
    parameter integer INV_T = 131072,          // min(2^24, max(1, round(2^16 / T)))
    parameter HI_TABLE = "exp_hi.hex",
    parameter LO_TABLE = "exp_lo.hex"
) (
    input  wire            clk,
    input  wire            load,
    input  wire [31:0]     seed,
    input  wire            active,
    input  wire            choose,
    input  wire [CYW-1:0]  cyc,
    input  wire [V*32-1:0] z,
    output reg  [IW-1:0]   token
);
    localparam integer LV = (V > 1) ? $clog2(V) : 1;
    localparam integer CW = 17 + LV;                            // cumulative sums
    localparam integer DW = FA + 9;                             // d in [-2^(FA+7), 0]
    localparam integer GW = DW + 26;                            // d * INV_T

    wire [31:0] mixed = seed ^ 32'h9E3779B9;
    wire [31:0] state;
    xorshift32 u_rng (.clk(clk), .load(load), .seed(mixed == 32'd0 ? 32'h9E3779B9 : mixed),
                      .step(active && choose && cyc == {CYW{1'b0}}), .state(state));

    localparam [CYW-1:0] CV = CYW'(V);
    localparam [CYW-1:0] C2V = CYW'(2 * V);
    localparam [CYW-1:0] C2V1 = CYW'(2 * V + 1);
    wire [CYW-1:0] i_max = cyc;
    wire [CYW-1:0] i_exp = cyc - CYW'(V);
    wire signed [31:0] z_max = z[i_max*32 +: 32];
    wire signed [31:0] z_exp = z[i_exp*32 +: 32];
    reg signed [31:0] mx;
    reg [CW-1:0] cum [0:V-1];
    reg [CW-1:0] total;
    reg [CW-1:0] target;

    wire signed [32:0] diff = {z_exp[31], z_exp} - {mx[31], mx};
    localparam signed [32:0] FLOOR = -(33'sd1 <<< (FA + 7));
    wire signed [DW-1:0] d = (diff < FLOOR) ? FLOOR[DW-1:0] : diff[DW-1:0];
    wire signed [GW-1:0] prod = {{(GW-DW){d[DW-1]}}, d} * $signed(GW'(INV_T));
    wire signed [GW-1:0] g = (prod + GW'(32768)) >>> 16;
    wire [15:0] e;
    fx_exp_neg #(.DW(GW), .FA(FA), .HI_TABLE(HI_TABLE), .LO_TABLE(LO_TABLE)) u_exp (.d(g), .y(e));
    wire [CW-1:0] running = (i_exp == {CYW{1'b0}} ? {CW{1'b0}} : total) + {{(CW-16){1'b0}}, e};
    /* verilator lint_off UNUSEDSIGNAL */ // target keeps the upper part: (r * C) >> 32
    wire [CW+31:0] scaled = {{CW{1'b0}}, state} * {{32{1'b0}}, total};

    /* verilator lint_on UNUSEDSIGNAL */

    // smallest i with cum[i] > target: scan from the top so the lowest index wins
    integer k;
    reg [IW-1:0] pick;
    always @* begin
        pick = IW'(V - 1);
        for (k = V - 1; k >= 0; k = k - 1) if (cum[k] > target) pick = k[IW-1:0];
    end

    always @(posedge clk) begin
        if (active) begin
            if (cyc < CV) mx <= (cyc == {CYW{1'b0}} || z_max > mx) ? z_max : mx;
            if (cyc >= CV && cyc < C2V) begin
                total <= running;
                cum[i_exp[LV-1:0]] <= running;
            end
            if (cyc == C2V) target <= scaled[CW+31:32];
            if (cyc == C2V1) token <= pick;
        end
    end
endmodule
