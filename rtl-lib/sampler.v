// Samples a token from softmax(z / T) per docs/numerics.md "Sample", with xorshift32 random
// numbers and E exp units (docs/architecture.md SAMPLE). The sequencer holds `active` for
// K+4 cycles, K = ceil(V/E), cyc = 0, 1, ...:
//   cyc 0          M = max z (a comparison tree); the generator steps when `choose`
//   cyc 1 .. K     logits (cyc-1)*E .. (cyc-1)*E+E-1: e_i = expNeg(rnd(max(z_i - M, -2^(FA+7)) * INV_T, 16))
//   cyc K+1        prefix sums C_i = e_0 + ... + e_i
//   cyc K+2        target = (r * C_(V-1)) >> 32
//   cyc K+3        token = the smallest i with C_i > target
// Multipliers (through fx_mul, the plan's unit "sampler"): E of DW x 26 (temperature), E exp
// units (16x16), one 32 x CW (target).
// `load` (reset) seeds the generator: state = seed XOR 0x9E3779B9, or 0x9E3779B9 when that is 0.
module sampler #(
    parameter integer V = 27,
    parameter integer E = 1,                   // exp units
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
    localparam integer K = (V + E - 1) / E;
    localparam integer LV = (V > 1) ? $clog2(V) : 1;
    localparam integer CW = 17 + LV;                            // cumulative sums
    localparam integer DW = FA + 9;                             // d in [-2^(FA+7), 0]
    localparam integer GW = DW + 26;                            // d * INV_T
    localparam [CYW-1:0] C_PREFIX = CYW'(K + 1);
    localparam [CYW-1:0] C_TARGET = CYW'(K + 2);
    localparam [CYW-1:0] C_PICK = CYW'(K + 3);

    wire [31:0] mixed = seed ^ 32'h9E3779B9;
    wire [31:0] state;
    xorshift32 u_rng (.clk(clk), .load(load), .seed(mixed == 32'd0 ? 32'h9E3779B9 : mixed),
                      .step(active && choose && cyc == {CYW{1'b0}}), .state(state));

    // ---- cycle 0: the maximum ----
    integer k;
    reg signed [31:0] zmax;
    always @* begin
        zmax = z[31:0];
        for (k = 1; k < V; k = k + 1) if ($signed(z[k*32 +: 32]) > zmax) zmax = z[k*32 +: 32];
    end
    reg signed [31:0] mx;

    // ---- cycles 1..K: E exp units ----
    reg [15:0] ev [0:V-1];
    // base = (cyc - 1) * E, counted rather than multiplied (a multiplier here would cost a DSP
    // the plan does not list): cyc runs 0, 1, 2, ... while active
    reg [31:0] base;
    always @(posedge clk) base <= (cyc == {CYW{1'b0}}) ? 32'd0 : base + E;
    localparam signed [32:0] FLOOR = -(33'sd1 <<< (FA + 7));
    genvar u;
    generate
        for (u = 0; u < E; u = u + 1) begin : g_exp
            /* verilator lint_off UNUSEDSIGNAL */ // only the low bits index ev; i < V is checked on all of them
            wire [31:0] i = base + u;
            /* verilator lint_on UNUSEDSIGNAL */
            wire signed [31:0] zi = (i < V) ? z[i*32 +: 32] : mx;
            wire signed [32:0] diff = {zi[31], zi} - {mx[31], mx};
            wire signed [DW-1:0] d = (diff < FLOOR) ? FLOOR[DW-1:0] : diff[DW-1:0];
            // d x INV_T (<= 2^24, so 26 bits signed) through fx_mul (see fx_mul.v)
            wire signed [GW-1:0] prod;
            fx_mul #(.AW(DW), .BW(26), .SIGNED(1)) u_t (.a(d), .b(26'(INV_T)), .p(prod));
            wire signed [GW-1:0] g = (prod + GW'(32768)) >>> 16;
            wire [15:0] e;
            fx_exp_neg #(.DW(GW), .FA(FA), .HI_TABLE(HI_TABLE), .LO_TABLE(LO_TABLE)) u_exp (.d(g), .y(e));
            always @(posedge clk) if (active && cyc >= CYW'(1) && cyc <= CYW'(K) && i < V) ev[i[LV-1:0]] <= e;
        end
    endgenerate

    // ---- prefix sums, target, pick ----
    reg [CW-1:0] cum [0:V-1];
    reg [CW-1:0] prefix [0:V-1];
    always @* begin
        prefix[0] = {{(CW-16){1'b0}}, ev[0]};
        for (k = 1; k < V; k = k + 1) prefix[k] = prefix[k-1] + {{(CW-16){1'b0}}, ev[k]};
    end
    reg [CW-1:0] target;
    /* verilator lint_off UNUSEDSIGNAL */ // target keeps the upper part: (r * C) >> 32
    wire [CW+31:0] scaled;                                      // 32 x CW unsigned, through fx_mul (see fx_mul.v)
    fx_mul #(.AW(32), .BW(CW), .SIGNED(0)) u_target (.a(state), .b(cum[V-1]), .p(scaled));
    /* verilator lint_on UNUSEDSIGNAL */
    reg [IW-1:0] pick;
    always @* begin
        pick = IW'(V - 1);
        for (k = V - 1; k >= 0; k = k - 1) if (cum[k] > target) pick = k[IW-1:0];
    end

    always @(posedge clk) begin
        if (active) begin
            if (cyc == {CYW{1'b0}}) mx <= zmax;
            if (cyc == C_PREFIX) for (k = 0; k < V; k = k + 1) cum[k] <= prefix[k];
            if (cyc == C_TARGET) target <= scaled[CW+31:32];
            if (cyc == C_PICK) token <= pick;
        end
    end
endmodule
