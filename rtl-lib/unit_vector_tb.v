// Testbench for the fixed-point units: reads COUNT input words from IN_FILE, applies one per
// clock (changed on the falling edge), prints "R input output1 output2" at the next falling
// edge: after the rising edge between, so the units with a clocked table read (rsqrt, recip,
// fx_newton) answer it too.
// UNIT selects the unit: 0 rsqrt, 1 recip, 2 exp_neg, 3 gelu, 4 gelu erf form, 5 and 6 the
// shared fx_newton as rsqrt and as recip, 7 gelu built with the erf form's table alone (ERF 2).
module unit_vector_tb #(
    parameter integer UNIT = 0,
    parameter integer COUNT = 1,
    parameter integer IW = 40,                 // input word width in IN_FILE
    parameter integer NA = 16,
    parameter integer FA = 12,
    parameter IN_FILE = "in.hex",
    parameter integer STAGES = 1,              // the rsqrt's, recip's and fx_newton's Newton step in 1 or 2 clocks
    parameter RSQRT_TABLE = "rsqrt_table.hex",
    parameter RECIP_TABLE = "recip_table.hex",
    parameter SEED_TABLE = "seed_table.hex",
    parameter EXP_HI = "exp_hi.hex",
    parameter EXP_LO = "exp_lo.hex",
    parameter GELU_TABLE = "gelu_table.hex",
    parameter GELU_ERF_TABLE = "gelu_erf_table.hex"
) (
    input wire clk
);
    reg [IW-1:0] inputs [0:COUNT-1];
    initial $readmemh(IN_FILE, inputs);
    integer n = 0;
    reg [IW-1:0] x = {IW{1'b0}};

    wire [17:0] rs_y, rc_y;
    wire [6:0] rs_e, rc_p;
    wire [15:0] ex_y;
    wire signed [NA-1:0] ge_y;
    fx_rsqrt #(.VW(IW), .TABLE(RSQRT_TABLE), .STAGES(STAGES)) u_rsqrt (.clk(clk), .v(x), .y(rs_y), .e(rs_e));
    fx_recip #(.SW(IW), .TABLE(RECIP_TABLE), .STAGES(STAGES)) u_recip (.clk(clk), .s(x), .y(rc_y), .p(rc_p));
    wire [17:0] nw_y;
    wire [6:0] nw_e;
    fx_newton #(.VW(IW), .SW(IW), .TABLE(SEED_TABLE), .STAGES(STAGES)) u_newton (.clk(clk), .recip(UNIT == 6), .v(x), .s(x), .y(nw_y), .e(nw_e));
    fx_exp_neg #(.DW(IW), .FA(FA), .HI_TABLE(EXP_HI), .LO_TABLE(EXP_LO)) u_exp (.clk(clk), .d(x), .y(ex_y), .x_d(), .x_hi(16'd0), .x_lo(16'd0), .x_zero(1'b0));
    fx_gelu #(.NA(NA), .FA(FA), .TABLE(GELU_TABLE), .ERF(1), .ERF_TABLE(GELU_ERF_TABLE)) u_gelu (.x(x[NA-1:0]), .erf(UNIT == 4), .y(ge_y));
    wire signed [NA-1:0] ge_erf_y;
    fx_gelu #(.NA(NA), .FA(FA), .TABLE(GELU_TABLE), .ERF(2), .ERF_TABLE(GELU_ERF_TABLE)) u_gelu_erf (.x(x[NA-1:0]), .erf(1'b0), .y(ge_erf_y));

    // the units with a Newton step answer STAGES clocks after their input, the others one
    localparam integer LAT = (UNIT == 0 || UNIT == 1 || UNIT == 5 || UNIT == 6) ? STAGES : 1;
    reg [IW-1:0] x1 = {IW{1'b0}};                            // the input presented the clock before x
    wire [IW-1:0] xa = (LAT == 2) ? x1 : x;                  // the input the answers below are of
    always @(negedge clk) begin
        if (n >= LAT) begin
            case (UNIT)
                0: $display("R %0d %0d %0d", xa, rs_y, rs_e);
                1: $display("R %0d %0d %0d", xa, rc_y, rc_p);
                2: $display("R %0d %0d 0", $signed(x), ex_y);
                5, 6: $display("R %0d %0d %0d", xa, nw_y, nw_e);
                7: $display("R %0d %0d 0", $signed(x[NA-1:0]), ge_erf_y);
                default: $display("R %0d %0d 0", $signed(x[NA-1:0]), ge_y);
            endcase
        end
        x1 <= x;
        if (n == COUNT + LAT - 1) $finish;
        else begin
            x <= (n < COUNT) ? inputs[n] : {IW{1'b0}};
            n = n + 1;
        end
    end
endmodule
