// exp of a non-positive number per docs/numerics.md "expNeg(d)": d (units 2^-FA, <= 0) to
// q1.15 (32768 = 1.0). Two table lookups (fx_exp_tables.v, through clocked ports) and one
// multiply: y answers the d presented at the clock edge before.
// With EXT = 1 the tables are not its own: it gives d on x_d (clamped to 33 bits: from -2^(FA+4)
// down the result is 0 anyway) and takes the table words back on x_hi, x_lo, x_zero a clock
// later, so a unit that never runs at the same time (attention's head lane 0) lends it its tables.
module fx_exp_neg #(
    parameter integer DW = 34,                 // width of d (signed)
    parameter integer FA = 12,                 // fraction bits of d
    parameter integer EXT = 0,                 // 1: the tables are outside (x_d, x_hi, x_lo, x_zero)
    parameter HI_TABLE = "exp_hi.hex",         // EXP_HI, 256 x 16-bit
    parameter LO_TABLE = "exp_lo.hex",         // EXP_LO, 64 x 16-bit
    parameter integer BLOCK = 0                // its own tables in block RAM (1) or logic (0)
) (
    /* verilator lint_off UNUSEDSIGNAL */ // with lent tables (EXT = 1) their clock is the lender's
    input  wire                 clk,
    /* verilator lint_on UNUSEDSIGNAL */
    input  wire signed [DW-1:0] d,
    output wire [15:0]          y,
    output wire signed [32:0]   x_d,
    /* verilator lint_off UNUSEDSIGNAL */ // with tables of its own (EXT = 0) the lent words are not read
    input  wire [15:0]          x_hi,
    input  wire [15:0]          x_lo,
    input  wire                 x_zero
    /* verilator lint_on UNUSEDSIGNAL */
);
    wire [15:0] hi_word, lo_word;
    wire zero;
    generate
        if (EXT != 0) begin : g_lent
            if (DW > 33) begin : g_clamp
                // d < -2^32 <= -2^(FA+4): clamped, its exp is 0 either way
                wire [DW-33:0] d_hi = d[DW-1:32];
                assign x_d = (&d_hi || ~|d_hi) ? d[32:0] : {1'b1, 32'd0};
            end else begin : g_extend
                assign x_d = 33'(d);
            end
            assign hi_word = x_hi;
            assign lo_word = x_lo;
            assign zero = x_zero;
        end else begin : g_own
            assign x_d = 33'sd0;
            fx_exp_tables #(.DW(DW), .FA(FA), .HI_TABLE(HI_TABLE), .LO_TABLE(LO_TABLE), .BLOCK(BLOCK)) u_tables (.clk(clk), .d(d), .hi_word(hi_word), .lo_word(lo_word), .zero(zero));
        end
    endgenerate
    wire [31:0] prod;                                           // 16x16 unsigned, through fx_mul (see fx_mul.v)
    fx_mul #(.AW(16), .BW(16), .SIGNED(0)) u_mul (.a(hi_word), .b(lo_word), .p(prod));
    /* verilator lint_off UNUSEDSIGNAL */ // r < 2^16: the tables' product is at most 2^30
    wire [31:0] r = (prod + 32'd16384) >> 15;
    /* verilator lint_on UNUSEDSIGNAL */
    assign y = zero ? 16'd0 : r[15:0];
endmodule
