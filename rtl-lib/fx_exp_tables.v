// The table half of docs/numerics.md "expNeg(d)": d (units 2^-FA, <= 0) to the two table words
// whose product rnd(hi_word * lo_word, 15) is expNeg(d), and `zero` when the result is 0
// (-d >= 16). The tables are read through clocked ports (weight_rom.v: block RAM when BLOCK = 1,
// the plan's choice), so the words answer the d presented at the clock edge before.
// fx_exp_neg.v multiplies them on a multiplier of its own; the attention core multiplies them on
// the MAC lanes.
module fx_exp_tables #(
    parameter integer DW = 34,                 // width of d (signed)
    parameter integer FA = 12,                 // fraction bits of d
    parameter HI_TABLE = "exp_hi.hex",         // EXP_HI, 256 x 16-bit
    parameter LO_TABLE = "exp_lo.hex",         // EXP_LO, 64 x 16-bit
    parameter integer BLOCK = 0                // the tables in block RAM (1) or logic (0)
) (
    input  wire                 clk,
    input  wire signed [DW-1:0] d,
    output wire [15:0]          hi_word,
    output wire [15:0]          lo_word,
    output reg                  zero
);
    localparam integer CW = (FA + 5 > 15) ? FA + 5 : 15;        // holds 2^(FA+4) and the rounding carry
    localparam [CW-1:0] LIMIT = {{(CW-1){1'b0}}, 1'b1} << (FA + 4);
    localparam integer WW = (DW + 1 > CW) ? DW + 1 : CW;
    wire [WW-1:0] neg = -{{(WW-DW){d[DW-1]}}, d};               // -d >= 0, wide enough for -(-2^(DW-1))
    wire [CW-1:0] c = (neg >= {{(WW-CW){1'b0}}, LIMIT}) ? LIMIT : neg[CW-1:0];

    // u = rescale(c, FA, 10): c in units of 2^-10, round half up
    /* verilator lint_off UNUSEDSIGNAL */ // u < 2^15 after the clamp; the bits above 13 only say zero
    wire [CW+10:0] u;
    /* verilator lint_on UNUSEDSIGNAL */
    generate
        if (FA > 10) begin : g_down
            assign u = {11'd0, (c + ({{(CW-1){1'b0}}, 1'b1} << (FA - 11))) >> (FA - 10)};
        end else begin : g_up
            assign u = {11'd0, c} << (10 - FA);
        end
    endgenerate

    weight_rom #(.DEPTH(256), .WIDTH(16), .INIT_FILE(HI_TABLE), .BLOCK(BLOCK)) u_hi (.clk(clk), .addr(u[13:6]), .data(hi_word));
    weight_rom #(.DEPTH(64), .WIDTH(16), .INIT_FILE(LO_TABLE), .BLOCK(BLOCK)) u_lo (.clk(clk), .addr(u[5:0]), .data(lo_word));
    always @(posedge clk) zero <= u >= 16384;
endmodule
