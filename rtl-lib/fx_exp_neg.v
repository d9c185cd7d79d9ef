// exp of a non-positive number per docs/numerics.md "expNeg(d)": d (units 2^-FA, <= 0) to
// q1.15 (32768 = 1.0). Two table lookups (exp(-h/16), exp(-l/1024)) and one multiply. Combinational.
module fx_exp_neg #(
    parameter integer DW = 34,                 // width of d (signed)
    parameter integer FA = 12,                 // fraction bits of d
    parameter HI_TABLE = "exp_hi.hex",         // EXP_HI, 256 x 16-bit
    parameter LO_TABLE = "exp_lo.hex"          // EXP_LO, 64 x 16-bit
) (
    input  wire signed [DW-1:0] d,
    output wire [15:0]          y
);
    reg [15:0] hi_rom [0:255];
    reg [15:0] lo_rom [0:63];
    initial begin
        $readmemh(HI_TABLE, hi_rom);
        $readmemh(LO_TABLE, lo_rom);
    end

    localparam integer CW = (FA + 5 > 15) ? FA + 5 : 15;        // holds 2^(FA+4) and the rounding carry
    localparam [CW-1:0] LIMIT = {{(CW-1){1'b0}}, 1'b1} << (FA + 4);
    localparam integer WW = (DW + 1 > CW) ? DW + 1 : CW;
    wire [WW-1:0] neg = -{{(WW-DW){d[DW-1]}}, d};               // -d >= 0, wide enough for -(-2^(DW-1))
    wire [CW-1:0] c = (neg >= {{(WW-CW){1'b0}}, LIMIT}) ? LIMIT : neg[CW-1:0];

    // u = rescale(c, FA, 10): c in units of 2^-10, round half up
    wire [CW+10:0] u;
    generate
        if (FA > 10) begin : g_down
            assign u = {11'd0, (c + ({{(CW-1){1'b0}}, 1'b1} << (FA - 11))) >> (FA - 10)};
        end else begin : g_up
            assign u = {11'd0, c} << (10 - FA);
        end
    endgenerate

    wire zero = u >= 16384;
    wire [7:0] hi = u[13:6];
    wire [5:0] lo = u[5:0];
    wire [31:0] prod;                                           // 16x16 unsigned, through fx_mul (see fx_mul.v)
    fx_mul #(.AW(16), .BW(16), .SIGNED(0)) u_mul (.a(hi_rom[hi]), .b(lo_rom[lo]), .p(prod));
    /* verilator lint_off UNUSEDSIGNAL */ // r < 2^16: the tables' product is at most 2^30
    wire [31:0] r = (prod + 32'd16384) >> 15;
    /* verilator lint_on UNUSEDSIGNAL */
    assign y = zero ? 16'd0 : r[15:0];
endmodule
