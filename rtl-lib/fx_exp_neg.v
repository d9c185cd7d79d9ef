// exp of a non-positive number per docs/numerics.md "expNeg(d)": d (units 2^-FA, <= 0) to
// q1.15 (32768 = 1.0). Two table lookups (fx_exp_tables.v) and one multiply. Combinational.
module fx_exp_neg #(
    parameter integer DW = 34,                 // width of d (signed)
    parameter integer FA = 12,                 // fraction bits of d
    parameter HI_TABLE = "exp_hi.hex",         // EXP_HI, 256 x 16-bit
    parameter LO_TABLE = "exp_lo.hex"          // EXP_LO, 64 x 16-bit
) (
    input  wire signed [DW-1:0] d,
    output wire [15:0]          y
);
    wire [15:0] hi_word, lo_word;
    wire zero;
    fx_exp_tables #(.DW(DW), .FA(FA), .HI_TABLE(HI_TABLE), .LO_TABLE(LO_TABLE)) u_tables (.d(d), .hi_word(hi_word), .lo_word(lo_word), .zero(zero));
    wire [31:0] prod;                                           // 16x16 unsigned, through fx_mul (see fx_mul.v)
    fx_mul #(.AW(16), .BW(16), .SIGNED(0)) u_mul (.a(hi_word), .b(lo_word), .p(prod));
    /* verilator lint_off UNUSEDSIGNAL */ // r < 2^16: the tables' product is at most 2^30
    wire [31:0] r = (prod + 32'd16384) >> 15;
    /* verilator lint_on UNUSEDSIGNAL */
    assign y = zero ? 16'd0 : r[15:0];
endmodule
